// Builds every bundle of the extension. One esbuild context per target:
//   extension (Node, CommonJS)  src/extension.ts   -> dist/extension.js
//   web       (browser, CJS)    src/extension.ts -> dist/web/extension.js, package.json "browser": the same extension for
//     the web worker extension host (vscode.dev, github.dev), with ARTICLE_ATLAS_WEB defined so that no Node code
//     (require, fs) is in it; it loads dist/engine.js and dist/citations.js by reading and evaluating them
//   webview   (browser, IIFE)   src/webview/main.ts -> dist/webview.js
//   engine    (neutral, CJS)    src/engine.ts -> dist/engine.js: the article and theme parsers (yaml, JSON Schema),
//     search (MiniSearch) and the quote fidelity check (diff, approximate matching), loaded right after activation
//     with require() (Node) or evaluated (web worker host), so dist/extension.js holds only what activation needs
//     and dist/content.json: the shipped articles parsed by it at build time (build/precompile-content.js), from which
//     the Themes view's first items come without loading the engine
//   citations (neutral, CJS)    src/citations/bundle.ts -> dist/citations.js: citeproc-js and the
//     official CSL styles, loaded lazily with require() (Node) or evaluated (web worker host)
// and copies the codicon font and style sheet the webview loads into dist/codicons/ (the .vsix holds no node_modules).
// Flags: --production minifies and drops source maps; --watch rebuilds on change.
const esbuild = require('esbuild');
const { cslAssetsPlugin } = require('./build/csl-assets');
const { precompileContent } = require('./build/precompile-content');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints esbuild's problems in the form VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * Throws when dist/web/extension.js calls require() for anything but vscode: the web worker extension host has no
 * require, and the bundle must hold no Node code at all.
 */
function checkWebBundle() {
  const out = path.join(__dirname, 'dist', 'web', 'extension.js');
  const left = [...new Set(fs.readFileSync(out, 'utf8').match(/\brequire\((?!"vscode"\))[^)]*\)/g) ?? [])];
  if (left.length) throw new Error(`dist/web/extension.js must not require anything but vscode at run time: ${left.join(', ')}`);
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'linked',
  plugins: [problemMatcherPlugin],
};

/** Copies @vscode/codicons' style sheet, font and licences to dist/codicons/ (codicon.css loads ./codicon.ttf). */
function copyCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons');
  const to = path.join(__dirname, 'dist', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const [src, dest] of [['dist/codicon.css', 'codicon.css'], ['dist/codicon.ttf', 'codicon.ttf'], ['LICENSE', 'LICENSE'], ['LICENSE-CODE', 'LICENSE-CODE']]) {
    fs.copyFileSync(path.join(from, src), path.join(to, dest));
  }
}

async function main() {
  copyCodicons();
  const contexts = await Promise.all([
    esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      format: 'cjs',
      platform: 'node',
      target: 'node18',
      external: ['vscode'],
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/web/extension.js',
      format: 'cjs',
      platform: 'browser',
      target: 'es2022',
      // 'fs' is only named by the Node branch of src/extensionFiles.ts, which the define makes dead code:
      // minifySyntax drops it, and checkWebBundle() fails the build if anything of Node is left.
      external: ['vscode', 'fs'],
      define: { ARTICLE_ATLAS_WEB: 'true' },
      minifySyntax: true,
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/webview/main.ts'],
      outfile: 'dist/webview.js',
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/engine.ts'],
      outfile: 'dist/engine.js',
      format: 'cjs',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2022',
      // @cfworker/json-schema takes its base URI from self.location at load time; in the web worker extension host
      // that is a blob: URL, whose origin + pathname is no URL, so `new URL` throws and the engine fails to load.
      // Without self.location it uses its fixed fallback (https://github.com/cfworker), as in the Node host.
      define: { 'self.location': 'undefined' },
      // Each build of the engine writes dist/content.json with it: the shipped articles as the new parsers give them.
      plugins: [problemMatcherPlugin, { name: 'precompile-content', setup(build) { build.onEnd(r => { if (!r.errors.length) precompileContent(); }); } }],
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/citations/bundle.ts'],
      outfile: 'dist/citations.js',
      format: 'cjs',
      platform: 'neutral',
      mainFields: ['main', 'module'],
      target: 'es2022',
      plugins: [problemMatcherPlugin, cslAssetsPlugin],
    }),
  ]);
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    return;
  }
  await Promise.all(contexts.map(c => c.rebuild()));
  await Promise.all(contexts.map(c => c.dispose()));
  checkWebBundle();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
