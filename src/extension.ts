import * as vscode from 'vscode';
import type { ArticleAtlasApi, PassageInfo, Timings } from './api';
import { EditorTracker } from './commands/editors';
import { registerCommands } from './commands/index';
import { commandPassage, Quoter } from './commands/quote';
import type { AtlasServices } from './commands/services';
import { PassageDragController, QuotationDropProvider } from './drop';
import { type CitationsApi, registerCitations } from './citations/register';
import { loadEngine } from './engineLoader';
import { extensionFileSystem } from './extensionFiles';
import { registerFidelity } from './fidelity/index';
import { IndexStore } from './indexStore';
import { InputActivity } from './inputActivity';
import { ArticleLibrary } from './library';
import { LibraryWatcher, workspaceArticles } from './libraryWorkspace';
import { paragraphNumber } from './passageText';
import { ReaderController, type ReaderHooks } from './reader';
import { THEMES_VIEW_ID, ThemesTree, type ThemesTreeProvider } from './themesTree';

/** Timings of this session (see {@link Timings}); `api.timings` is this object. */
export const timings: Timings = {};

/**
 * Activates Article Atlas: wiring only. The engine bundle (parsers, search, quote fidelity check)
 * loads in the background right after activation, the library on the first request of the Themes
 * view or of a command, the search index on the first search. Every disposable goes into
 * `context.subscriptions`. A failure is shown to the user, then rethrown so VS Code marks the
 * activation as failed.
 */
export function activate(context: vscode.ExtensionContext): ArticleAtlasApi {
  const t0 = performance.now();
  try {
    const api = wire(context, t0);
    timings.activateMs = performance.now() - t0;
    return api;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(vscode.l10n.t('Article Atlas could not start: {0}', message));
    throw e;
  }
}

function wire(context: vscode.ExtensionContext, since: number): ArticleAtlasApi {
  const log = vscode.window.createOutputChannel('Article Atlas', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection('articleAtlas');
  const files = extensionFileSystem(context.extensionUri);
  // The store is read with the library's file access (Node's fs in the Node host): through vscode.workspace.fs its
  // 12 MB waited 5 s for the workbench while a reloaded window started (bench brown-host). Writes go to the workbench.
  const storeFs = { readFile: (uri: vscode.Uri) => files.readFile(uri), writeFile: vscode.workspace.fs.writeFile, createDirectory: vscode.workspace.fs.createDirectory, rename: vscode.workspace.fs.rename };
  // Background work waits for a pause while the user types a search (issue #7: the QuickPick within 50 ms).
  const activity = new InputActivity();
  const store = new IndexStore(storeFs, context.storageUri ?? context.globalStorageUri,
    String((context.extension.packageJSON as { version?: unknown }).version), message => log.warn(message), () => activity.delay('long'));
  const library = new ArticleLibrary(
    [vscode.Uri.joinPath(context.extensionUri, 'content')], files, diagnostics,
    message => void vscode.window.showErrorMessage(message), loadEngine,
    workspaceArticles(files, message => void vscode.window.showInformationMessage(message)),
    vscode.env.language, vscode.Uri.joinPath(context.extensionUri, 'dist', 'content.json'), store, activity,
  );
  store.watch(library.onDidChange, () => library.storable());
  context.subscriptions.push(log, diagnostics, library, store);
  // The watchers start with the first load: until then there is nothing to keep current.
  const firstLoad = library.onDidChange(snapshot => {
    firstLoad.dispose();
    timings.libraryLoadedMs = performance.now() - since;
    timings.libraryArticles = snapshot.entries.length;
    const phases = library.loadPhases;
    const at = (name: string): number => Math.round((phases[name] ?? phases.read ?? performance.now()) - since);
    timings.libraryLoadPhases = { shipped: at('shipped'), engine: at('engine'), listed: at('listed'), read: at('read'), published: at('published') };
    context.subscriptions.push(new LibraryWatcher(library));
    // The search index is built now, in its slices, rather than by the first search: a library of 500
    // articles took 1 to 4 s of a loaded host to index (bench brown-host), which the first keystroke waited for.
    void snapshot.searchIndex().catch(() => undefined);
  });
  context.subscriptions.push(firstLoad, library.onDidChange(snapshot => {
    void vscode.commands.executeCommand('setContext', 'articleAtlas.articleCount', snapshot.entries.length);
  }));

  const dragController = new PassageDragController(library);
  const tree = ThemesTree.create(library, context.workspaceState, { timings, since }, dragController);
  const editors = new EditorTracker();
  const quoter = new Quoter(library, editors);
  const drop = QuotationDropProvider.register(library);
  context.subscriptions.push(tree, editors, drop.registration);

  const readerHooks: ReaderHooks = {
    revealInThemes: async (articleId, passageId) => {
      await tree.reveal(articleId, passageId, { focus: false });
    },
    quoteRange: async (articleId, range) => {
      await quoter.quote(articleId, range);
    },
  };
  const reader = ReaderController.register(context, library, readerHooks, log);

  const services: AtlasServices = { library, tree, reader, editors, quoter, timings, activity };
  context.subscriptions.push(...registerCommands(services, log));
  const fidelity = registerFidelity(context, library, {
    openReader: (articleId, passageId, highlights) => reader.show({ articleId, passageId, highlights }),
  });
  context.subscriptions.push(fidelity.onDidChangeQuotedPassages(quoted => {
    tree.provider.setQuoted(quoted);
    reader.setQuoted(quoted);
  }));
  reader.setQuoted(fidelity.quotedPassages());
  const citations = registerCitations(context, library, { passageOf: arg => commandPassage(services, arg), log, timings });
  warmUp(context, tree.provider, library, log);
  return createApi(services, { dropProvider: drop.provider, dragController, readerHooks, citations });
}

/**
 * As soon as activation has returned (a microtask: before the host's next task), builds the Themes
 * view's model from the shipped articles (their build-time form, dist/content.json, needs no
 * engine; the Node host reads the extension's own files synchronously), so that the view's first
 * request (which comes a moment later, when the view is open) is answered at once, and records
 * `timings.treeItemsReadyMs`; then loads the engine bundle, in a later task, and the library goes
 * on to the workspace's articles.
 */
function warmUp(context: vscode.ExtensionContext, provider: ThemesTreeProvider, library: ArticleLibrary, log: vscode.LogOutputChannel): void {
  let disposed = false;
  context.subscriptions.push({ dispose: () => { disposed = true; } });
  queueMicrotask(() => {
    if (disposed) return;
    const t0 = performance.now();
    const prepared = provider.prepare();
    // prepare() has started the library's first load: the same promise, not a second load.
    context.subscriptions.push(progressWhenSlow(library.snapshot()));
    prepared.then(
      () => {
        log.info(`Themes view ready in ${Math.round(performance.now() - t0)} ms.`);
        // The engine's require() blocks the extension host for tens of ms: in a task of its own.
        setTimeout(() => {
          if (disposed) return;
          loadEngine().then(
            () => log.info(`Engine loaded in ${Math.round(performance.now() - t0)} ms.`),
            e => log.error(`The engine (dist/engine.js) could not be loaded: ${e instanceof Error ? e.message : String(e)}`),
          );
        }, 0);
      },
      e => log.error(`The library could not be loaded: ${e instanceof Error ? e.message : String(e)}`),
    );
  });
}

/** How long a load runs before the Themes view shows its progress bar, in ms (issue #7: progress for anything longer than half a second). */
const PROGRESS_AFTER_MS = 500;

/**
 * Shows the Themes view's progress bar while `loading` runs, once it has run {@link PROGRESS_AFTER_MS}
 * (a library of hundreds of articles takes seconds to read the first time; a few articles load
 * before the bar would flicker). Dispose to cancel a bar not shown yet.
 */
function progressWhenSlow(loading: Promise<unknown>): vscode.Disposable {
  let settled = false;
  const settle = (): void => { settled = true; };
  loading.then(settle, settle);
  const timer = setTimeout(() => {
    if (!settled) void vscode.window.withProgress({ location: { viewId: THEMES_VIEW_ID } }, () => loading.catch(() => undefined));
  }, PROGRESS_AFTER_MS);
  return { dispose: () => clearTimeout(timer) };
}

interface TestingParts {
  readonly dropProvider: QuotationDropProvider;
  readonly dragController: PassageDragController;
  readonly readerHooks: ReaderHooks;
  readonly citations: CitationsApi;
}

function createApi(services: AtlasServices, parts: TestingParts): ArticleAtlasApi {
  const { library, quoter } = services;
  return {
    version: 1,
    async search(query, limit = 50) {
      const snapshot = await library.latest();
      return (await snapshot.searchIndex()).search(query, { limit }).map(hit => ({
        articleId: hit.articleId, passageId: hit.passage.id, text: hit.passage.text, matches: hit.matches,
      }));
    },
    async getPassage(articleId, passageId): Promise<PassageInfo | undefined> {
      const snapshot = await library.snapshot();
      const entry = snapshot.entry(articleId);
      const passage = entry?.article.passages.get(passageId);
      if (!entry || !passage) return undefined;
      return {
        articleId, passageId, kind: passage.kind, paragraph: paragraphNumber(entry.article, passage),
        text: passage.text, range: { start: passage.start, end: passage.end },
      };
    },
    formatQuotation: (articleId, passage, languageId, context) => quoter.format(articleId, passage, languageId, context),
    snapshot: () => library.snapshot(),
    timings,
    testing: {
      themes: services.tree,
      dropProvider: parts.dropProvider,
      dragController: parts.dragController as vscode.TreeDragAndDropController<unknown>,
      readerHooks: parts.readerHooks,
      citations: parts.citations,
    },
  };
}

/** Nothing to release beyond `context.subscriptions`. */
export function deactivate(): void {}
