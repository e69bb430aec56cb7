/**
 * How the library reads the extension's own files (`content/`). `vscode.workspace.fs` is a round
 * trip through the workbench: in code-server's Node extension host about 35 ms per call once the
 * workbench is idle and seconds while it starts, against under 1 ms for Node's `fs`. So the Node
 * host reads files of the local disk with Node's `fs`; the web worker host and every other scheme
 * use `vscode.workspace.fs`, which also answers any read that Node's `fs` fails (with its own
 * error, so problems read the same in every host).
 *
 * The extension's own files (the shipped article, its theme file and `dist/content.json`: a few
 * tens of KB, read once) are read synchronously in the Node host: while the window starts, the
 * extension host's event loop is busy with every extension's activation, and each asynchronous
 * read waited there for a turn (the Themes view's first items took 90–880 ms after activation,
 * most of it waiting); read synchronously, they are built in the same turn as the read.
 */
import type * as nodeFs from 'node:fs';
import * as vscode from 'vscode';

/** `true` in the browser bundle (esbuild.js defines it), so that bundle holds no Node code at all; undefined elsewhere. */
declare const ARTICLE_ATLAS_WEB: boolean | undefined;

/** What the library uses of a file system. */
export type ReadOnlyFileSystem = Pick<vscode.FileSystem, 'readDirectory' | 'readFile' | 'stat'>;

/**
 * The file access for files under `extensionUri` (and, for the same reason, the workspace's
 * article files, which the library stats and reads by the hundred): Node's `fs` for `file:` URIs
 * in a Node extension host, with `fallback` for other URIs and for failed reads (but a `stat` of a
 * path that does not exist rejects at once with `FileSystemError.FileNotFound`); `fallback` itself
 * anywhere else (where `extensionUri` is not a `file:` URI or there is no Node).
 * @param fallback default `vscode.workspace.fs`.
 */
export function extensionFileSystem(extensionUri: vscode.Uri, fallback: ReadOnlyFileSystem = vscode.workspace.fs): ReadOnlyFileSystem {
  if (typeof ARTICLE_ATLAS_WEB !== 'undefined' && ARTICLE_ATLAS_WEB) return fallback;
  if (extensionUri.scheme !== 'file' || typeof require !== 'function' || typeof process !== 'object' || !process.versions?.node) return fallback;
  // A runtime require of a Node built-in, so nothing of it is bundled and the web worker host never reaches it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeFsModule = require('fs') as typeof nodeFs;
  const fs = nodeFsModule.promises;
  const root = extensionUri.fsPath.replace(/[\\/]+$/, '');
  /** Whether `uri` is a file of the extension itself (under `extensionUri`), read synchronously. */
  const own = (uri: vscode.Uri) => uri.fsPath.startsWith(root) && /^[\\/]/.test(uri.fsPath.slice(root.length));
  return {
    async readFile(uri) {
      if (uri.scheme !== 'file') return fallback.readFile(uri);
      try {
        if (own(uri)) return nodeFsModule.readFileSync(uri.fsPath);
        return await fs.readFile(uri.fsPath);
      } catch {
        return fallback.readFile(uri);
      }
    },
    async stat(uri) {
      if (uri.scheme !== 'file') return fallback.stat(uri);
      try {
        const st = await fs.stat(uri.fsPath);
        const type = st.isFile() ? vscode.FileType.File : st.isDirectory() ? vscode.FileType.Directory : vscode.FileType.Unknown;
        return { type, ctime: st.ctimeMs, mtime: st.mtimeMs, size: st.size };
      } catch (e) {
        // A file that is not there is the common case (the library asks for each article's possible theme files):
        // asking the workbench again costs a round trip and its own failed stat (10,000 articles: minutes).
        if (isMissing(e)) throw vscode.FileSystemError.FileNotFound(uri);
        return fallback.stat(uri);
      }
    },
    async readDirectory(uri) {
      if (uri.scheme !== 'file') return fallback.readDirectory(uri);
      try {
        const entries = own(uri) ? nodeFsModule.readdirSync(uri.fsPath, { withFileTypes: true }) : await fs.readdir(uri.fsPath, { withFileTypes: true });
        // Files and folders without another turn of the event loop; only a symbolic link's target is looked up.
        const quick = entries.map((e): [string, vscode.FileType] | undefined =>
          (e.isFile() ? [e.name, vscode.FileType.File] : e.isDirectory() ? [e.name, vscode.FileType.Directory] : undefined));
        if (quick.every(q => q !== undefined)) return quick as [string, vscode.FileType][];
        return await Promise.all(entries.map(async (e): Promise<[string, vscode.FileType]> => [e.name, await fileType(fs, uri.fsPath, e)]));
      } catch {
        return fallback.readDirectory(uri);
      }
    },
  };
}

/** Whether a Node `fs` error says that the path does not exist. */
function isMissing(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The entry's type as `workspace.fs.readDirectory` gives it: a symbolic link is its target's type plus `SymbolicLink`. */
async function fileType(fs: typeof nodeFs.promises, folder: string, entry: nodeFs.Dirent): Promise<vscode.FileType> {
  if (entry.isFile()) return vscode.FileType.File;
  if (entry.isDirectory()) return vscode.FileType.Directory;
  if (!entry.isSymbolicLink()) return vscode.FileType.Unknown;
  try {
    const target = await fs.stat(`${folder}/${entry.name}`);
    return (target.isFile() ? vscode.FileType.File : target.isDirectory() ? vscode.FileType.Directory : vscode.FileType.Unknown) | vscode.FileType.SymbolicLink;
  } catch {
    return vscode.FileType.Unknown | vscode.FileType.SymbolicLink;
  }
}
