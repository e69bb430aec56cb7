/**
 * The workspace side of the library: which files are articles (the `articleAtlas.library.*`
 * settings), and the watchers that keep the library current when they are added, changed,
 * renamed or deleted, or when the settings change, without a reload of the window.
 */
import * as vscode from 'vscode';
import type { GlobPlan } from './core/glob';
import type { ReadOnlyFileSystem } from './extensionFiles';
import { FileEventBatcher } from './fileEvents';
import type { ArticleLibrary, LibrarySettings, WorkspaceArticles } from './library';

/** The settings section. */
export const LIBRARY_SECTION = 'articleAtlas.library';
/** Default of `articleAtlas.library.include`: Markdown, plain text and HTML files under `articles/`. */
export const DEFAULT_INCLUDE = ['articles/**/*.{md,markdown,txt,text,html,htm}'];
/** Default of `articleAtlas.library.maxFileSizeKB`. */
export const DEFAULT_MAX_FILE_SIZE_KB = 1024;
/** Folders never searched for articles. */
const EXCLUDE = '**/{node_modules,.git}/**';
/** The folder names of {@link EXCLUDE}, skipped by {@link listGlob}'s walk. */
const EXCLUDED_FOLDERS = new Set(['node_modules', '.git']);
/** How deep {@link listGlob} walks below a glob's base folder. */
const MAX_WALK_DEPTH = 64;
/** Theme files anywhere in the workspace (an article's theme file may sit outside its globs). */
const THEME_FILES = '**/*.themes.{yaml,yml,json}';

/** The include globs of the settings: strings, trimmed, non-empty; the default when the setting is not a list. */
export function includeGlobs(config: Pick<vscode.WorkspaceConfiguration, 'get'>): string[] {
  const value = config.get<unknown>('include');
  if (!Array.isArray(value)) return [...DEFAULT_INCLUDE];
  return value.filter((g): g is string => typeof g === 'string').map(g => g.trim()).filter(g => g !== '');
}

/** The settings that loading reads (see {@link LibrarySettings}); bad values fall back to the defaults. */
export function librarySettings(config: Pick<vscode.WorkspaceConfiguration, 'get'>): LibrarySettings {
  const size = config.get<unknown>('maxFileSizeKB');
  const metadata = config.get<unknown>('metadata');
  return {
    maxFileSizeKB: typeof size === 'number' && size > 0 ? size : DEFAULT_MAX_FILE_SIZE_KB,
    metadata: metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata as LibrarySettings['metadata'] : {},
  };
}

/** {@link WorkspaceArticles} from the open workspace folders and the settings. */
export function workspaceArticles(fs: ReadOnlyFileSystem, inform: (message: string) => void): WorkspaceArticles {
  return {
    fs,
    inform,
    settings: () => librarySettings(vscode.workspace.getConfiguration(LIBRARY_SECTION)),
    async findFiles(plan) {
      const globs = includeGlobs(vscode.workspace.getConfiguration(LIBRARY_SECTION));
      const found = new Map<string, vscode.Uri>();
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        for (const glob of globs) {
          for (const uri of await listGlob(fs, folder.uri, plan(glob), glob)) found.set(uri.toString(), uri);
        }
      }
      return [...found.values()];
    },
  };
}

/**
 * The files under the workspace folder `folder` that `glob` (VS Code's glob syntax, relative to the
 * folder; `plan` is its {@link GlobPlan}, from the engine's `globPlan`) names, outside `node_modules`
 * and `.git` folders, in no order.
 *
 * A glob that begins with a folder (`articles/` of the default, or a path that
 * {@link literalGlob} made) is listed by walking that folder with `fs.readDirectory` (in the Node
 * extension host, Node's `fs`: src/extensionFiles.ts): `workspace.findFiles` asks the workbench's
 * file search, which took 0.4 s for the Brown Corpus's 500 files once the window had started and
 * 6 s while a reloaded window started (bench `brown-host`), and virtual file systems may have no
 * file search at all. A glob that begins with a pattern (with `**` first, say) could mean a walk of
 * the whole workspace: it goes to `workspace.findFiles` (`find`), as does one that begins outside
 * the folder. A glob without a pattern names one file, which is listed when it exists. A base
 * folder that does not exist lists nothing. Links to folders are not followed (a link may make a
 * cycle, and VS Code's file watcher does not follow them either, so their files would not stay
 * current); links to files are listed. Never throws for a folder that cannot be read; it is left out.
 *
 * @param find `vscode.workspace.findFiles` (a fake in tests).
 */
export async function listGlob(
  fs: Pick<ReadOnlyFileSystem, 'readDirectory' | 'stat'>, folder: vscode.Uri, plan: GlobPlan, glob: string,
  find: (pattern: vscode.GlobPattern, exclude: string) => Thenable<vscode.Uri[]> = (pattern, exclude) => vscode.workspace.findFiles(pattern, exclude),
): Promise<vscode.Uri[]> {
  const segments = plan.base;
  if (segments.length === 0 || plan.outside || segments.some(s => EXCLUDED_FOLDERS.has(s))) {
    return find(new vscode.RelativePattern(folder, glob), EXCLUDE);
  }
  const start = vscode.Uri.joinPath(folder, ...segments);
  if (!plan.isGlob) {
    const stat = await Promise.resolve(fs.stat(start)).catch(() => undefined);
    return stat && stat.type & vscode.FileType.File ? [start] : [];
  }
  const out: vscode.Uri[] = [];
  let level: { uri: vscode.Uri; path: string }[] = [{ uri: start, path: segments.join('/') }];
  for (let depth = 0; level.length > 0 && depth <= MAX_WALK_DEPTH; depth++) {
    const next: typeof level = [];
    await Promise.all(level.map(async dir => {
      const entries = await Promise.resolve(fs.readDirectory(dir.uri)).catch((): [string, vscode.FileType][] => []);
      for (const [name, type] of entries) {
        const path = `${dir.path}/${name}`;
        if (type & vscode.FileType.Directory) {
          if (!EXCLUDED_FOLDERS.has(name) && !(type & vscode.FileType.SymbolicLink)) next.push({ uri: vscode.Uri.joinPath(dir.uri, name), path });
        } else if (type & vscode.FileType.File && plan.matches(path)) {
          out.push(vscode.Uri.joinPath(dir.uri, name));
        }
      }
    }));
    level = next;
  }
  return out;
}

/**
 * Watches the files of the include globs and every theme file, and tells the library which
 * changed, or to list its folders again after a burst of events (src/fileEvents.ts decides);
 * reloads the library when the `articleAtlas.library` settings or the workspace folders change.
 */
export class LibraryWatcher implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];
  private readonly events: FileEventBatcher<vscode.Uri>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly library: ArticleLibrary) {
    this.events = new FileEventBatcher<vscode.Uri>({
      update: uris => library.update(uris)?.catch(() => undefined),
      reload: () => library.reload().catch(() => undefined),
    }, uri => uri.toString());
    this.watch();
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration(e => {
        if (!e.affectsConfiguration(LIBRARY_SECTION)) return;
        this.watch();
        void library.reload().catch(() => undefined);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.watch();
        void library.reload().catch(() => undefined);
      }),
      // In Restricted Mode the workspace's `articleAtlas.library.include` is ignored (package.json
      // `capabilities.untrustedWorkspaces.restrictedConfigurations`); once the folder is trusted it applies.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.watch();
        void library.reload().catch(() => undefined);
      }),
    ];
  }

  private watch(): void {
    vscode.Disposable.from(...this.watchers).dispose();
    this.watchers = [];
    const globs = [...includeGlobs(vscode.workspace.getConfiguration(LIBRARY_SECTION)), THEME_FILES];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // A deleted folder is reported as the folder alone, which the globs of files do not match.
      const deletions = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), true, true, false);
      this.watchers.push(deletions, deletions.onDidDelete(uri => { if (this.library.holds(uri)) this.queue(uri); }));
      for (const glob of globs) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
        const queue = (uri: vscode.Uri): void => this.queue(uri);
        this.watchers.push(watcher, watcher.onDidCreate(queue), watcher.onDidChange(queue), watcher.onDidDelete(queue));
      }
    }
  }

  private queue(uri: vscode.Uri): void {
    this.events.event(uri);
  }

  dispose(): void {
    this.events.dispose();
    vscode.Disposable.from(...this.watchers, ...this.subscriptions).dispose();
  }
}
