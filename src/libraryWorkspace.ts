/**
 * The workspace side of the library: which files are articles (the `articleAtlas.library.*`
 * settings), and the watchers that keep the library current when they are added, changed,
 * renamed or deleted, or when the settings change, without a reload of the window.
 */
import * as vscode from 'vscode';
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
    async findFiles() {
      const globs = includeGlobs(vscode.workspace.getConfiguration(LIBRARY_SECTION));
      const found = new Map<string, vscode.Uri>();
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        for (const glob of globs) {
          for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), EXCLUDE)) found.set(uri.toString(), uri);
        }
      }
      return [...found.values()];
    },
  };
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
