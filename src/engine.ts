/**
 * Entry of the lazily loaded engine bundle, `dist/engine.js` (CommonJS, no Node built-ins and no
 * `vscode`, so it runs in the web worker extension host too): the parts of the pure core that are
 * needed only once there is something to load, search or check, with their heavy dependencies —
 * the article and theme file parsers (yaml, JSON Schema validation), the search index, the include globs' matcher (picomatch)
 * and the quote fidelity check (diff, approximate matching). Activation does not load it: host
 * modules import only its types and get it from `loadEngine()` (src/engineLoader.ts), which the
 * library calls before its first load.
 */
export { parseArticle } from './core/article';
export { loadArticle, themesSourceFor, withThemes } from './core/library';
export { SearchIndex } from './core/search';
export { DocumentChecker, summarize } from './core/fidelity/check';
export { SourceIndex } from './core/fidelity/match';
export { addPassageToThemeFile } from './core/themeEdit';
export { AutomaticThemes } from './core/autoThemes';
export { precompileArticle, PRECOMPILED_VERSION } from './core/precompiled';
export { decodeStoredLibrary, encodeStoredLibrary, encodeStoredLibrarySteps } from './core/storedLibrary';
export { globPlan } from './core/glob';
