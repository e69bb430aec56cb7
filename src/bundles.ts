/**
 * Loads the bundles that are not part of `dist/extension.js` because activation does not need
 * them: `dist/engine.js` (see src/engine.ts) and `dist/citations.js` (see src/citations/bundle.ts).
 */
import * as vscode from 'vscode';

/** `true` in the browser bundle (esbuild.js defines it), so that bundle holds no `require`; undefined elsewhere. */
declare const ARTICLE_ATLAS_WEB: boolean | undefined;

/**
 * Loads `dist/<file>` of the extension at `extensionUri`, a CommonJS bundle that imports nothing:
 * with Node's `require` in the desktop extension host; in the web worker host, where there is no
 * `require`, by reading it through `fs` and evaluating it as a CommonJS module (`module` and
 * `exports` are all it needs). Resolves with its exports.
 * @param file the bundle's name in `dist/`, e.g. `engine.js`.
 * @throws the file system's error when the bundle cannot be read, or the bundle's own error.
 */
export async function loadBundle<T>(extensionUri: vscode.Uri, fs: Pick<vscode.FileSystem, 'readFile'>, file: string): Promise<T> {
  const uri = vscode.Uri.joinPath(extensionUri, 'dist', file);
  if (!(typeof ARTICLE_ATLAS_WEB !== 'undefined' && ARTICLE_ATLAS_WEB) && uri.scheme === 'file' && typeof require === 'function' && typeof process === 'object' && process.versions?.node) {
    // A runtime require of a file next to the bundle, not a module import: esbuild leaves it alone.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(uri.fsPath) as T;
  }
  const code = new TextDecoder('utf-8').decode(await fs.readFile(uri));
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', code)(module, module.exports);
  return module.exports as T;
}
