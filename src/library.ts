/**
 * The host's view of the articles: reads the article and theme files through a file system port
 * (`vscode.workspace.fs`, or src/extensionFiles.ts for the extension's own files; either runs in
 * the web worker host), parses them with the pure core, reports problems as diagnostics, and
 * builds the search index on first use. The parsers and the search index come from the lazily
 * loaded engine bundle ({@link loadEngine}), so nothing here loads them during activation.
 */
import * as vscode from 'vscode';
import type { AutomaticThemes } from './core/autoThemes';
import type { SearchIndex } from './core/search';
import { parsePrecompiled, type PrecompiledArticle, revivePrecompiled } from './core/precompiled';
import { ThemeIndex, themesSourceFor } from './core/themeIndex';
import type { Article, ArticleMetadata, ContentProblem, Passage, ParseResult } from './core/types';
import { type Engine, loadEngine } from './engineLoader';
import type { ReadOnlyFileSystem } from './extensionFiles';
import { type IndexStore, revivedTerms, type StorableArticle } from './indexStore';
import type { InputActivity } from './inputActivity';

/**
 * Longest run of search indexing without a turn of the extension host's event loop, in ms: other
 * extensions, the workbench's requests and a typing user wait at most about this long.
 */
const INDEX_SLICE_MS = 30;

/**
 * Most articles without a theme file whose automatic themes {@link LibrarySnapshot.prepareAutomaticThemes}
 * builds ahead, after each change of the library (about 1.3 ms an article, on a 2-core machine): a larger
 * library builds an article's themes when they are first shown.
 */
const AUTOMATIC_THEMES_AHEAD = 2000;

/** Where an article comes from: the extension's own `content/` (read-only) or the user's workspace. */
export type ArticleOrigin = 'shipped' | 'workspace';

/** One usable article: its file, the parsed article and its theme index. */
export interface LibraryEntry {
  readonly uri: vscode.Uri;
  readonly article: Article;
  readonly themes: ThemeIndex;
  readonly origin: ArticleOrigin;
  /** The theme file the themes come from; undefined when the article has none. */
  readonly themesUri: vscode.Uri | undefined;
}

/** What the Themes view needs of a library: its usable articles in order. A {@link LibrarySnapshot} is one. */
export interface LibraryView {
  readonly entries: readonly LibraryEntry[];
}

/** The articles loaded at one moment; immutable. A reload makes a new snapshot. */
export class LibrarySnapshot implements LibraryView {
  /** The finished search index, while this snapshot owns it (a later snapshot may take it over). */
  private index: SearchIndex | undefined;
  /** The index being built, until it is finished. */
  private building: Promise<SearchIndex> | undefined;
  private readonly byId = new Map<string, LibraryEntry>();
  /** Entries by URI string, made on the first {@link entryByUri}. */
  private byUri: Map<string, LibraryEntry> | undefined;

  /**
   * @param engine the engine that loaded the articles; what works on them (the search index, the
   *   quote fidelity check) takes its code from here.
   * @param entries usable articles in load order (`themes` of those without `themesUri` is replaced by their automatic themes).
   * @param problems every problem found while loading, usable articles or not.
   */
  private automatic: AutomaticThemes | undefined;
  /** Usable articles in load order; those without a theme file have automatic themes (computed on first use of `themes`). */
  readonly entries: readonly LibraryEntry[];

  /** The snapshot whose search index this one takes over and updates, when it has one (or is building it). */
  private previous: LibrarySnapshot | undefined;

  constructor(readonly engine: Engine, entries: readonly LibraryEntry[], readonly problems: readonly ContentProblem[], previous?: LibrarySnapshot) {
    // At most one snapshot is kept: the nearest that has built an index or is building one.
    this.previous = previous?.index || previous?.building ? previous : previous?.previous;
    this.entries = entries.map(e => (e.themesUri ? e : this.withAutomaticThemes(e)));
    for (const e of this.entries) if (!this.byId.has(e.article.metadata.id)) this.byId.set(e.article.metadata.id, e);
  }

  /**
   * `entry` whose `themes` are its automatic themes over this snapshot's library, computed when
   * first read (the tree asks when the article is expanded), so loading never waits for them.
   */
  private withAutomaticThemes(entry: LibraryEntry): LibraryEntry {
    let index: ThemeIndex | undefined;
    const automatic = () => this.automaticThemes();
    return {
      uri: entry.uri, article: entry.article, origin: entry.origin, themesUri: undefined,
      get themes(): ThemeIndex {
        index ??= automatic().index(entry.article);
        return index;
      },
    };
  }

  /** The automatic themes over this snapshot's library, created on first use. */
  private automaticThemes(): AutomaticThemes {
    this.automatic ??= new this.engine.AutomaticThemes(this.entries.map(e => e.article));
    return this.automatic;
  }

  /**
   * Does the work of the first automatic themes ({@link AutomaticThemes.prepare}: about 1.4 s for
   * 500 articles), then builds each article's automatic themes (about 1.3 ms an article), in slices
   * of `sliceMs` milliseconds with a timer between them, so that neither the first article expanded
   * in the tree nor a search result's themes (which the search QuickPick shows on every keystroke)
   * stall the host; stops when `cancelled()` (a newer snapshot) or when done. Before each slice,
   * waits `delay()` ms when that is more than 0 (while the user types into a search, see
   * {@link InputActivity.delay}). Each article's themes are built ahead only in a library of at most
   * {@link AUTOMATIC_THEMES_AHEAD} articles without a theme file; nothing is done when every article has one.
   */
  prepareAutomaticThemes(cancelled: () => boolean, sliceMs = 15, delay: () => number = () => 0): void {
    const automatic = this.entries.filter(e => !e.themesUri);
    if (automatic.length === 0) return;
    const ahead = automatic.length <= AUTOMATIC_THEMES_AHEAD ? automatic : [];
    let built = 0;
    const step = (): void => {
      if (cancelled()) return;
      const wait = delay();
      if (wait > 0) {
        setTimeout(step, wait);
        return;
      }
      const end = performance.now() + sliceMs;
      if (this.automaticThemes().prepare(sliceMs)) {
        // Reading `themes` builds the article's automatic themes and keeps them (withAutomaticThemes).
        while (built < ahead.length && performance.now() < end) void ahead[built++].themes;
        if (built >= ahead.length) return;
      }
      setTimeout(step, 0);
    };
    setTimeout(step, 0);
  }

  /** The entry of the article file `uri`, or undefined when it is not a usable article. */
  entryByUri(uri: vscode.Uri): LibraryEntry | undefined {
    if (!this.byUri) {
      this.byUri = new Map();
      for (const e of this.entries) if (!this.byUri.has(e.uri.toString())) this.byUri.set(e.uri.toString(), e);
    }
    return this.byUri.get(uri.toString());
  }

  /** The entry of the article with this front-matter id, or undefined. */
  entry(articleId: string): LibraryEntry | undefined {
    return this.byId.get(articleId);
  }

  /** The passage `passageId` (`p6`, `p6.s2`) of article `articleId`, or undefined. */
  passage(articleId: string, passageId: string): Passage | undefined {
    return this.byId.get(articleId)?.article.passages.get(passageId);
  }

  /**
   * The search index over every article, built on first call (not during activation) in slices of
   * {@link INDEX_SLICE_MS}, yielding to the event loop between them so that the extension host stays
   * responsive while a large library is indexed (10,000 articles: 0.7 s of work in a loaded host).
   * After a change of a few files, the previous snapshot's index is taken over and updated in place
   * (only the changed articles are re-indexed); that snapshot then builds a new one if asked.
   * Rejects only if indexing throws (a bug).
   */
  searchIndex(): Promise<SearchIndex> {
    if (this.index) return Promise.resolve(this.index);
    this.building ??= this.buildIndex().finally(() => { this.building = undefined; });
    return this.building;
  }

  private async buildIndex(): Promise<SearchIndex> {
    const previous = this.previous;
    this.previous = undefined;
    // An index the previous snapshot is still building is taken over once it is done, rather than built twice.
    if (previous?.building) await previous.building.catch(() => undefined);
    // `themes` stays a getter: automatic themes are computed only when a theme: filter needs them.
    // Articles revived from the index store bring their sentences' terms: the index does not tokenize them again.
    const source = (e: LibraryEntry) => ({ article: e.article, terms: revivedTerms(e.article), get themes() { return e.themes; } });
    const inherited = previous?.index;
    let index: SearchIndex;
    let step: () => boolean;
    if (inherited && previous) {
      previous.index = undefined;
      const now = new Set(this.entries.map(e => e.article));
      const had = new Set(inherited.articles());
      index = inherited;
      step = inherited.updateSteps([...had].filter(a => !now.has(a)), this.entries.filter(e => !had.has(e.article)).map(source));
    } else {
      index = new this.engine.SearchIndex([]);
      step = index.updateSteps([], this.entries.map(source));
    }
    for (;;) {
      const end = performance.now() + INDEX_SLICE_MS;
      let more = true;
      while (more && performance.now() < end) more = step();
      if (!more) break;
      await new Promise<void>(resolve => setTimeout(resolve, 0));
    }
    this.index = index;
    return index;
  }
}

const severity: Record<ContentProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** Converts core problems to diagnostics grouped by file URI string. */
export function problemsToDiagnostics(problems: readonly ContentProblem[]): Map<string, vscode.Diagnostic[]> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const p of problems) {
    const range = new vscode.Range(p.line, p.column, p.endLine ?? p.line, p.endColumn ?? p.column);
    const d = new vscode.Diagnostic(range, p.message, severity[p.severity]);
    d.source = 'Article Atlas';
    d.code = p.code;
    const list = byFile.get(p.file) ?? [];
    list.push(d);
    byFile.set(p.file, list);
  }
  return byFile;
}

/** What the library needs of the workspace: its article files, their access, and the settings. */
export interface WorkspaceArticles {
  /** File access for the workspace's files (stat and read). */
  readonly fs: ReadOnlyFileSystem;
  /**
   * The article files the settings (`articleAtlas.library.include`) match, theme files excluded.
   * @param plan the engine's `globPlan` (src/core/glob.ts), which splits and matches a glob.
   */
  findFiles(plan: Engine['globPlan']): Promise<vscode.Uri[]>;
  /** The current `articleAtlas.library.*` settings. */
  settings(): LibrarySettings;
  /** Shows a one-line message to the user (a notification); used once per newly skipped set of files. */
  inform(message: string): void;
}

/** The library settings that loading uses. */
export interface LibrarySettings {
  /** Files larger than this many KB (1,024 bytes) are skipped (`articleAtlas.library.maxFileSizeKB`). */
  readonly maxFileSizeKB: number;
  /** Metadata fields that replace an article's own, by article id (`articleAtlas.library.metadata`). */
  readonly metadata: Readonly<Record<string, Partial<ArticleMetadata>>>;
}

/** Endings of theme files: `<article>.themes.yaml` (or `.yml`, `.json`) beside an article overrides its automatic themes. */
export const THEME_FILE_ENDINGS = ['.themes.yaml', '.themes.yml', '.themes.json'] as const;

/** Whether a URI (string) names a theme file. */
export function isThemeFile(uri: string): boolean {
  return THEME_FILE_ENDINGS.some(e => uri.toLowerCase().endsWith(e));
}

/** The theme files that would sit beside `article` (`notes.md` → `notes.themes.yaml`, …), in order of preference. */
export function siblingThemeFiles(article: vscode.Uri): vscode.Uri[] {
  const path = article.path;
  const dot = path.lastIndexOf('.');
  const base = dot > path.lastIndexOf('/') ? path.slice(0, dot) : path;
  return THEME_FILE_ENDINGS.map(e => article.with({ path: base + e }));
}

/** One article file as last loaded. */
interface FileRecord {
  readonly uri: vscode.Uri;
  readonly origin: ArticleOrigin;
  /** Modification time and size of the article file and of its theme file, when the file was read. */
  readonly key: string;
  readonly entry: LibraryEntry | undefined;
  readonly problems: readonly ContentProblem[];
  /** Why the file was skipped (`binary`, `too large`), or undefined. */
  readonly skipped: string | undefined;
  /** The theme file consulted (existing or not) as a URI string, to find the articles a theme file change concerns. */
  readonly themeFiles: readonly string[];
}

/**
 * The largest article file loaded whatever `articleAtlas.library.maxFileSizeKB` says, in KB (1,024
 * bytes). Measured (bench/figures/limits.mjs): a 50 MB article took 45 s and 1.9 GB of heap to parse
 * and index, as much as the extension host can bear; at this size loading stays within seconds and
 * about 150 MB. Four megabytes is a long book (War and Peace is about 3.2 MB of plain text).
 */
export const MAX_FILE_SIZE_KB = 4096;

/** How many skipped files the notification names (it gives the number of the others). */
const SKIPPED_NAMED = 5;

/** How many files are stat-ed and read at once (workspace.fs calls are round trips through the workbench). */
const PARALLEL_READS = 16;

/**
 * Loads the articles: those under the given content folders (every `*.md` file directly inside,
 * the extension's read-only `content/`) and, with {@link WorkspaceArticles}, the workspace's files
 * that the settings match. Keeps the current {@link LibrarySnapshot}. Loading starts on the first
 * {@link snapshot} call, never in the constructor, so activation stays cheap; {@link update}
 * re-reads only the files named, so a watcher keeps the library current without a reload.
 */
export class ArticleLibrary implements vscode.Disposable {
  private current: Promise<LibrarySnapshot> | undefined;
  /** A {@link reload} waiting for the work before it, until it starts. */
  private queuedReload: Promise<LibrarySnapshot> | undefined;
  private records = new Map<string, FileRecord>();
  /** Every folder (URI string, no trailing slash) holding a file of {@link records}; undefined until needed after a change. */
  private recordFolders: Set<string> | undefined;
  private reportedErrors = '';
  private reportedSkipped = new Set<string>();
  private last: LibrarySnapshot | undefined;
  private precompiledArticles: Promise<readonly PrecompiledArticle[] | undefined> | undefined;
  /** Settles with the shipped articles' entries during the first load, before the engine and the workspace. */
  private readonly early = deferred<LibraryView>();
  private readonly changed = new vscode.EventEmitter<LibrarySnapshot>();
  /** Fires with the new snapshot after each (re)load or update. */
  readonly onDidChange = this.changed.event;

  /**
   * @param folders folders whose `*.md` files are articles (the extension's `content/`).
   * @param fs file access for `folders` (`extensionFileSystem` of src/extensionFiles.ts, or `vscode.workspace.fs`).
   * @param diagnostics where content problems are shown (Problems panel).
   * @param reportFailure shows a one-line message to the user (a notification).
   * @param engine loads the engine bundle (default {@link loadEngine}, shared by the extension host).
   * @param workspace the workspace's articles; none when undefined.
   * @param language the display language whose theme labels are shown (default `vscode.env.language`).
   * @param precompiled `dist/content.json`, the shipped articles in their build-time form (src/core/precompiled.ts),
   *   read with `fs`; the articles of `folders` are parsed when it is missing, unreadable or out of date.
   * @param store the workspace's articles kept from the last session (src/indexStore.ts); every file is parsed without one.
   * @param activity the search's typing, which the automatic themes' background slices wait for a pause in; they do not wait without one.
   */
  constructor(
    private readonly folders: readonly vscode.Uri[],
    private readonly fs: Pick<vscode.FileSystem, 'readDirectory' | 'readFile'>,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly reportFailure: (message: string) => void,
    private readonly engine: () => Promise<Engine> = loadEngine,
    private readonly workspace?: WorkspaceArticles,
    private readonly language: string = vscode.env.language,
    private readonly precompiled?: vscode.Uri,
    private readonly store?: IndexStore,
    private readonly activity?: InputActivity,
  ) {}

  /**
   * The current snapshot, loading it on first use. Content failures become problems; it rejects
   * only when the engine bundle cannot be loaded (a broken installation, reported to the user),
   * and the next call then tries again.
   */
  snapshot(): Promise<LibrarySnapshot> {
    this.current ??= this.start(() => this.load());
    return this.current;
  }

  /**
   * Lists and loads every file again (re-reading only those whose modification time or size changed) and fires {@link onDidChange}.
   * A reload still waiting for the work before it is shared, not queued again: it lists the files when it starts.
   */
  reload(): Promise<LibrarySnapshot> {
    if (this.queuedReload) return this.queuedReload;
    const previous = this.current;
    const reloading = this.start(async () => {
      await previous?.catch(() => undefined);
      if (this.queuedReload === reloading) this.queuedReload = undefined;
      return this.load();
    });
    this.queuedReload = reloading;
    this.current = reloading;
    return reloading;
  }

  /**
   * Re-reads the files at `uris` (created, changed or deleted articles or theme files) and fires
   * {@link onDidChange} with the new snapshot. A theme file re-reads the articles it belongs to.
   * Before the first load, does nothing (that load will see the files).
   */
  update(uris: readonly vscode.Uri[]): Promise<LibrarySnapshot> | undefined {
    const previous = this.current;
    if (!previous) return undefined;
    // A reload that has not started yet will see these files too (the watcher's bursts of events came one reload each: 37 s apiece for 10,000 files).
    if (this.queuedReload) return this.queuedReload;
    this.current = this.start(async () => {
      await previous.catch(() => undefined);
      return this.updateNow(uris);
    });
    return this.current;
  }

  /** `work`, forgotten when it fails so that the next call tries again. */
  private start(work: () => Promise<LibrarySnapshot>): Promise<LibrarySnapshot> {
    const loading: Promise<LibrarySnapshot> = work().catch((e: unknown) => {
      if (this.current === loading) this.current = undefined;
      this.reportFailure(vscode.l10n.t('Article Atlas could not load the articles: {0}', messageOf(e)));
      throw e;
    });
    return loading;
  }

  /**
   * When each phase of the last load ended (`performance.now()`, ms): see {@link Timings.libraryLoadPhases}.
   */
  readonly loadPhases: Record<string, number> = {};

  private async load(): Promise<LibrarySnapshot> {
    const phase = (name: string): void => { this.loadPhases[name] = performance.now(); };
    const listed: { uri: vscode.Uri; origin: ArticleOrigin }[] = [];
    const folderProblems: ContentProblem[] = [];
    for (const folder of this.folders) {
      let names: [string, vscode.FileType][];
      try {
        names = await this.fs.readDirectory(folder);
      } catch (e) {
        folderProblems.push(fileProblem(folder.toString(), vscode.l10n.t('The folder could not be read: {0}', messageOf(e))));
        continue;
      }
      for (const [name, type] of names.sort(([a], [b]) => a.localeCompare(b))) {
        if (type !== vscode.FileType.File || !name.endsWith('.md')) continue;
        listed.push({ uri: vscode.Uri.joinPath(folder, name), origin: 'shipped' });
      }
    }
    const next = new Map<string, FileRecord>();
    const listings = this.workspace ? new FolderListings(this.workspace.fs) : undefined;
    const readAll = async (files: typeof listed): Promise<void> => {
      const records = await mapLimited(files, PARALLEL_READS, ({ uri, origin }) => this.record(this.engine, uri, origin, this.records.get(uri.toString()), false, listings));
      for (const r of records) if (r) next.set(r.uri.toString(), r);
    };
    // The shipped articles come from dist/content.json without the engine: the Themes view shows them
    // while the engine loads and the workbench's file search lists the workspace (seconds while a window starts).
    await readAll(listed);
    phase('shipped');
    if (!this.last) {
      this.early.resolve({ entries: uniqueEntries(sortedRecords(next.values())).entries });
      // Loading the engine blocks the extension host for tens of ms: first let those waiting for the early entries run.
      await new Promise<void>(resolve => setTimeout(resolve, 0));
    }
    const engine = await this.engine();
    phase('engine');
    if (this.workspace) {
      const found: typeof listed = [];
      try {
        for (const uri of await this.workspace.findFiles(engine.globPlan)) if (!isThemeFile(uri.toString())) found.push({ uri, origin: 'workspace' });
      } catch (e) {
        folderProblems.push(fileProblem('', vscode.l10n.t("The workspace's articles could not be listed: {0}", messageOf(e))));
      }
      phase('listed');
      await readAll(found);
    }
    phase('read');
    this.records = next;
    this.recordFolders = undefined;
    return this.publish(engine, folderProblems);
  }

  /**
   * The newest snapshot published, without waiting for a reload or an update in progress (after a
   * burst of file events the library lists 10,000 files again, seconds in a loaded host, while the
   * user searches on); before the first snapshot, as {@link snapshot}. Searches use it: their results
   * are those of the articles the Themes view shows.
   */
  latest(): Promise<LibrarySnapshot> {
    return this.last ? Promise.resolve(this.last) : this.snapshot();
  }

  /**
   * The newest snapshot published so far; before the first, the shipped articles as soon as they are
   * read (from `dist/content.json`, before the engine is loaded and the workspace listed), or else the
   * first snapshot, whichever comes first. The Themes view shows it at once and refreshes when
   * {@link onDidChange} brings the whole library. Rejects as {@link snapshot} does.
   */
  available(): Promise<LibraryView> {
    if (this.last) return Promise.resolve(this.last);
    return Promise.race([this.early.promise, this.snapshot()]);
  }

  private async updateNow(uris: readonly vscode.Uri[]): Promise<LibrarySnapshot> {
    const engine = await this.engine();
    const todo = new Map<string, { uri: vscode.Uri; origin: ArticleOrigin }>();
    for (const uri of uris) {
      const key = uri.toString();
      if (isThemeFile(key)) {
        for (const r of this.records.values()) if (r.themeFiles.includes(key)) todo.set(r.uri.toString(), r);
      } else if (this.records.has(key) || !this.hasRecordsUnder(key)) {
        todo.set(key, { uri, origin: this.records.get(key)?.origin ?? 'workspace' });
      } else {
        // A folder (deleted, renamed or created): the watcher reports the folder alone, not each file in it.
        for (const r of this.records.values()) if (r.uri.toString().startsWith(`${key}/`)) todo.set(r.uri.toString(), r);
      }
    }
    await mapLimited([...todo.values()], PARALLEL_READS, async ({ uri, origin }) => {
      const record = await this.record(this.engine, uri, origin, undefined, true);
      if (record) this.records.set(uri.toString(), record);
      else this.records.delete(uri.toString());
    });
    this.recordFolders = undefined;
    return this.publish(engine, []);
  }

  /** Whether `uri` is an article file the library has read, or a folder holding one. */
  holds(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return this.records.has(key) || this.hasRecordsUnder(key);
  }

  /** Whether a loaded article file lies under the folder `folder` (a URI string). */
  private hasRecordsUnder(folder: string): boolean {
    // Asked for every file event and every new file of an update: a set of the folders, not a walk over 10,000 records each time.
    if (!this.recordFolders) {
      this.recordFolders = new Set();
      for (const key of this.records.keys()) {
        for (let i = key.lastIndexOf('/'); i > 0; i = key.lastIndexOf('/', i - 1)) {
          const folder = key.slice(0, i);
          if (this.recordFolders.has(folder)) break;
          this.recordFolders.add(folder);
        }
      }
    }
    return this.recordFolders.has(folder);
  }

  /**
   * Loads one article file, or returns `prior` when its key (modification time and size of it and
   * its theme file) has not changed. Undefined when `gone` and the file no longer exists.
   */
  private async record(
    loadEngine: () => Promise<Engine>, uri: vscode.Uri, origin: ArticleOrigin, prior: FileRecord | undefined, gone = false, listings?: FolderListings,
  ): Promise<FileRecord | undefined> {
    const source = uri.toString();
    if (origin === 'shipped') {
      if (prior) return prior;
      const text = await this.readText(this.fs, uri);
      const problems: ContentProblem[] = [];
      if (typeof text !== 'string') return { uri, origin, key: '', entry: undefined, problems: [fileProblem(source, text.error)], skipped: undefined, themeFiles: [] };
      const revived = await this.revive(uri, text);
      if (revived) return revived;
      const engine = await loadEngine();
      const parsed = engine.parseArticle(source, text);
      const themesSource = parsed.value ? engine.themesSourceFor(source, parsed.value) : undefined;
      const themesText = themesSource ? await this.readText(this.fs, vscode.Uri.parse(themesSource)) : undefined;
      if (themesText !== undefined && typeof themesText !== 'string') problems.push(fileProblem(themesSource ?? '', themesText.error));
      const entry = this.entryOf(engine, uri, origin, this.withOverrides(parsed), themesSource, typeof themesText === 'string' ? themesText : '', problems);
      return { uri, origin, key: '', entry, problems, skipped: undefined, themeFiles: themesSource ? [themesSource] : [] };
    }
    const ws = this.workspace;
    if (!ws) return undefined;
    let stat: vscode.FileStat;
    try {
      stat = await ws.fs.stat(uri);
    } catch (e) {
      return gone ? undefined : { uri, origin, key: '', entry: undefined, problems: [fileProblem(source, vscode.l10n.t('The file could not be read: {0}', messageOf(e)))], skipped: undefined, themeFiles: [] };
    }
    const asked = ws.settings().maxFileSizeKB;
    const limit = Math.min(asked, MAX_FILE_SIZE_KB);
    if (stat.size > limit * 1024) {
      const message = asked > MAX_FILE_SIZE_KB
        ? vscode.l10n.t('The file is larger than {0} KB, the most Article Atlas loads whatever the setting articleAtlas.library.maxFileSizeKB says ({1} KB): it is not loaded.', MAX_FILE_SIZE_KB, Math.ceil(stat.size / 1024))
        : vscode.l10n.t('The file is larger than the {0} KB of the setting articleAtlas.library.maxFileSizeKB ({1} KB): it is not loaded.', limit, Math.ceil(stat.size / 1024));
      return { uri, origin, key: '', entry: undefined, problems: [{ ...fileProblem(source, message), severity: 'warning', code: 'too-large' }], skipped: 'too large', themeFiles: [] };
    }
    // The theme files this article may use: those of the prior read, else the siblings.
    const candidates = prior?.themeFiles.length ? prior.themeFiles.map(t => vscode.Uri.parse(t)) : siblingThemeFiles(uri);
    const themeStats = await Promise.all(candidates.map(async c => {
      if (listings && !(await listings.mayHold(c))) return '-';
      return ws.fs.stat(c).then(s => `${s.mtime}:${s.size}`, () => '-');
    }));
    const key = `${stat.mtime}:${stat.size}|${themeStats.join('|')}`;
    if (prior && prior.key === key) return prior;
    const stored = prior ? undefined : await this.fromStore(await loadEngine(), uri, key);
    if (stored) return stored;

    const text = await this.readText(ws.fs, uri);
    if (typeof text !== 'string') {
      return gone ? undefined : { uri, origin, key, entry: undefined, problems: [fileProblem(source, text.error)], skipped: undefined, themeFiles: [] };
    }
    const engine = await loadEngine();
    const parsed = engine.parseArticle(source, text);
    if (parsed.problems.some(p => p.code === 'binary')) {
      const problems = parsed.problems.map(p => (p.code === 'binary' ? { ...p, severity: 'warning' as const, message: vscode.l10n.t('The file looks binary (it holds NUL or control characters): it is not loaded.') } : p));
      return { uri, origin, key, entry: undefined, problems, skipped: 'binary', themeFiles: [] };
    }
    const problems: ContentProblem[] = [];
    let themesSource = parsed.value ? engine.themesSourceFor(source, parsed.value) : undefined;
    let themeFiles: string[] = themesSource ? [themesSource] : [];
    if (!themesSource) {
      const siblings = siblingThemeFiles(uri);
      themeFiles = siblings.map(u => u.toString());
      // The stats of the key answer for the siblings they covered (every one, unless the front matter named a theme file before).
      const stated = new Map(candidates.map((c, i) => [c.toString(), themeStats[i] !== '-']));
      const existing = await Promise.all(siblings.map(u => stated.get(u.toString()) ?? ws.fs.stat(u).then(() => true, () => false)));
      const at = existing.indexOf(true);
      if (at >= 0) themesSource = themeFiles[at];
    }
    let themesText = '';
    if (themesSource) {
      // A theme file is held to the articles' size limit: YAML of many megabytes takes the host minutes and gigabytes.
      const size = await ws.fs.stat(vscode.Uri.parse(themesSource)).then(s => s.size, () => 0);
      if (size > limit * 1024) {
        problems.push({ ...fileProblem(themesSource, vscode.l10n.t('The theme file is larger than {0} KB ({1} KB): it is not read, and the article has automatic themes.', limit, Math.ceil(size / 1024))), severity: 'warning', code: 'too-large' });
        themesSource = undefined;
      } else {
        const read = await this.readText(ws.fs, vscode.Uri.parse(themesSource));
        if (typeof read === 'string') themesText = read;
        else problems.push(fileProblem(themesSource, read.error));
      }
    }
    const entry = this.entryOf(engine, uri, origin, this.withOverrides(parsed), themesSource, themesText, problems);
    return { uri, origin, key, entry, problems, skipped: undefined, themeFiles };
  }

  /** The record of a workspace article file from the index store, when the store has it with this `key`; undefined otherwise. */
  private async fromStore(engine: Engine, uri: vscode.Uri, key: string): Promise<FileRecord | undefined> {
    const stored = await this.store?.article(engine, uri.toString(), key, this.storeContext());
    if (!stored) return undefined;
    const problems: ContentProblem[] = [];
    const entry = this.entryOf(engine, uri, 'workspace', this.withOverrides({ value: stored.article, problems: [...stored.problems] }), undefined, '', problems);
    if (entry) this.store?.remember(entry.article, stored.terms);
    return { uri, origin: 'workspace', key, entry, problems, skipped: undefined, themeFiles: siblingThemeFiles(uri).map(u => u.toString()) };
  }

  /** What a stored article depends on besides its file: the metadata settings and the display language. */
  private storeContext(): string {
    return `${JSON.stringify(this.workspace?.settings().metadata ?? {})}|${this.language}`;
  }

  /**
   * The workspace articles the index store may keep (those without a theme file; the others are
   * parsed each time), with their keys, and the context they were loaded under.
   */
  storable(): { readonly articles: StorableArticle[]; readonly context: string } {
    const articles: StorableArticle[] = [];
    for (const r of this.records.values()) {
      if (r.origin === 'workspace' && r.key && r.entry && !r.entry.themesUri && !r.skipped) {
        articles.push({ uri: r.uri.toString(), key: r.key, article: r.entry.article, problems: r.problems });
      }
    }
    return { articles, context: this.storeContext() };
  }

  /**
   * The record of a shipped article from `dist/content.json` when it holds the file, is true to the
   * texts read now (article and theme file) and has the display language; undefined otherwise.
   */
  private async revive(uri: vscode.Uri, text: string): Promise<FileRecord | undefined> {
    this.precompiledArticles ??= this.precompiled
      ? this.readText(this.fs, this.precompiled).then(t => (typeof t === 'string' ? parsePrecompiled(t) : undefined))
      : Promise.resolve(undefined);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const pre = (await this.precompiledArticles)?.find(a => a.file === name);
    if (!pre) return undefined;
    const themesSource = themesSourceFor(uri.toString(), { metadata: pre.article.metadata } as Article);
    let themes: { source: string; text: string } | undefined;
    if (themesSource) {
      const themesText = await this.readText(this.fs, vscode.Uri.parse(themesSource));
      if (typeof themesText !== 'string') return undefined;
      themes = { source: themesSource, text: themesText };
    }
    const revived = revivePrecompiled(pre, uri.toString(), text, themes, this.language);
    if (!revived) return undefined;
    const article = this.withOverrides({ value: revived.article, problems: [] }).value ?? revived.article;
    const index = article === revived.article ? revived.index : new ThemeIndex(article, revived.index.taxonomy);
    const entry: LibraryEntry = { uri, article, themes: index, origin: 'shipped', themesUri: themesSource ? vscode.Uri.parse(themesSource) : undefined };
    return { uri, origin: 'shipped', key: '', entry, problems: [], skipped: undefined, themeFiles: themesSource ? [themesSource] : [] };
  }

  /** The entry of a parsed article with its theme file (when `themesSource` is given); adds every problem to `problems`. */
  private entryOf(engine: Engine, uri: vscode.Uri, origin: ArticleOrigin, parsed: ParseResult<Article>, themesSource: string | undefined, themesText: string, problems: ContentProblem[]): LibraryEntry | undefined {
    if (!parsed.value) {
      problems.unshift(...parsed.problems);
      return undefined;
    }
    const loaded = themesSource ? engine.withThemes(parsed, themesSource, themesText, this.language) : engine.withThemes(parsed);
    problems.unshift(...loaded.problems);
    if (!loaded.article || !loaded.index) return undefined;
    return { uri, article: loaded.article, themes: loaded.index, origin, themesUri: themesSource ? vscode.Uri.parse(themesSource) : undefined };
  }

  /** `parsed` with the metadata fields of the setting `articleAtlas.library.metadata` for its id. */
  private withOverrides(parsed: ParseResult<Article>): ParseResult<Article> {
    const article = parsed.value;
    const override = article && this.workspace?.settings().metadata[article.metadata.id];
    if (!article || !override) return parsed;
    const metadata: Record<string, unknown> = { ...article.metadata };
    for (const [field, value] of Object.entries(override)) {
      if (field === 'id' || !(field in metadata)) continue;
      if (Array.isArray(metadata[field]) ? Array.isArray(value) && value.every(v => typeof v === 'string') : typeof value === 'string') metadata[field] = value;
    }
    return { value: { ...article, metadata: metadata as unknown as ArticleMetadata }, problems: parsed.problems };
  }

  /** Builds the snapshot of the current records, shows their problems and fires {@link onDidChange}. */
  private publish(engine: Engine, extraProblems: readonly ContentProblem[]): LibrarySnapshot {
    const records = sortedRecords(this.records.values());
    const unique = uniqueEntries(records);
    const entries = unique.entries;
    const problems: ContentProblem[] = [...extraProblems, ...unique.problems];
    this.diagnostics.clear();
    for (const [file, list] of problemsToDiagnostics(problems)) if (file) this.diagnostics.set(vscode.Uri.parse(file), list);
    const errors = problems.filter(p => p.severity === 'error');
    const errorKey = errors.map(p => `${p.file}:${p.line}:${p.column}:${p.message}`).join('\n');
    if (errors.length > 0 && errorKey !== this.reportedErrors) {
      const first = errors[0];
      this.reportFailure(
        errors.length === 1
          ? vscode.l10n.t('Article Atlas: 1 problem in the article files ({0}, line {1}: {2}). See the Problems panel.', displayName(first.file), first.line + 1, first.message)
          : vscode.l10n.t('Article Atlas: {0} problems in the article files (first: {1}, line {2}: {3}). See the Problems panel.', errors.length, displayName(first.file), first.line + 1, first.message),
      );
    }
    this.reportedErrors = errorKey;
    const skipped = records.filter(r => r.skipped);
    const fresh = skipped.filter(r => !this.reportedSkipped.has(`${r.uri.toString()}:${r.skipped}`));
    if (fresh.length > 0 && this.workspace) {
      const reason = (r: FileRecord) => (r.skipped === 'binary' ? vscode.l10n.t('binary') : vscode.l10n.t('too large'));
      // A notification holds a few names; the Problems panel has every one.
      const named = fresh.slice(0, SKIPPED_NAMED).map(r => `${displayName(r.uri.toString())} (${reason(r)})`).join(', ');
      const list = fresh.length > SKIPPED_NAMED ? vscode.l10n.t('{0} and {1} more', named, fresh.length - SKIPPED_NAMED) : named;
      this.workspace.inform(fresh.length === 1
        ? vscode.l10n.t('Article Atlas skipped 1 file of the library: {0}. See the Problems panel.', list)
        : vscode.l10n.t('Article Atlas skipped {0} files of the library: {1}. See the Problems panel.', fresh.length, list));
    }
    this.reportedSkipped = new Set(skipped.map(r => `${r.uri.toString()}:${r.skipped}`));
    const snapshot = new LibrarySnapshot(engine, entries, problems, this.last);
    this.loadPhases.published = performance.now();
    this.last = snapshot;
    this.changed.fire(snapshot);
    snapshot.prepareAutomaticThemes(() => this.last !== snapshot, undefined, () => this.activity?.delay('slice') ?? 0);
    return snapshot;
  }

  /** The file's text (UTF-8, a BOM kept for the parser), or the read error's message. */
  private async readText(fs: Pick<vscode.FileSystem, 'readFile'>, uri: vscode.Uri): Promise<string | { error: string }> {
    try {
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await fs.readFile(uri));
    } catch (e) {
      return { error: vscode.l10n.t('The file could not be read: {0}', messageOf(e)) };
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Records in the library's order: the shipped articles, then the workspace's, each by path. */
function sortedRecords(records: Iterable<FileRecord>): FileRecord[] {
  // One collator for every comparison (the order of `localeCompare`, which looks its collator up per call).
  const collator = new Intl.Collator();
  return [...records].sort((a, b) => Number(a.origin === 'workspace') - Number(b.origin === 'workspace') || collator.compare(a.uri.path, b.uri.path));
}

/**
 * The usable entries of `records` (in order), the first of each article id kept, and every record's
 * problems with a `duplicate-article-id` error for each article left out.
 */
function uniqueEntries(records: readonly FileRecord[]): { entries: LibraryEntry[]; problems: ContentProblem[] } {
  const entries: LibraryEntry[] = [];
  const problems: ContentProblem[] = [];
  const ids = new Map<string, LibraryEntry>();
  for (const r of records) {
    problems.push(...r.problems);
    if (!r.entry) continue;
    const id = r.entry.article.metadata.id;
    const first = ids.get(id);
    if (first) {
      problems.push({ ...fileProblem(r.uri.toString(), vscode.l10n.t('The article id "{0}" is already used by {1}: this article is left out. Give it an id of its own in its front matter (id: …).', id, displayName(first.uri.toString()))), code: 'duplicate-article-id' });
      continue;
    }
    ids.set(id, r.entry);
    entries.push(r.entry);
  }
  return { entries, problems };
}

/**
 * Which files a folder holds, from one listing of it: a reload asks about three possible theme files
 * per article, and one `readDirectory` per folder answers for the thousands that do not exist
 * (10,000 articles: 30,000 failed stats, seconds in a loaded extension host).
 */
class FolderListings {
  /** Lower-cased names per folder URI string; undefined when the folder could not be listed. */
  private readonly folders = new Map<string, Promise<Set<string> | undefined>>();

  constructor(private readonly fs: Pick<vscode.FileSystem, 'readDirectory'>) {}

  /**
   * False when the listing of the folder of `uri` has no entry of its name (compared without case,
   * as a case-insensitive file system would find it); true otherwise, when only a stat can tell.
   */
  async mayHold(uri: vscode.Uri): Promise<boolean> {
    const slash = uri.path.lastIndexOf('/');
    const folder = uri.with({ path: uri.path.slice(0, slash) || '/' });
    let listing = this.folders.get(folder.toString());
    if (!listing) {
      listing = Promise.resolve(this.fs.readDirectory(folder)).then(entries => new Set(entries.map(([name]) => name.toLowerCase())), () => undefined);
      this.folders.set(folder.toString(), listing);
    }
    const names = await listing;
    return !names || names.has(uri.path.slice(slash + 1).toLowerCase());
  }
}

/** A promise with its resolve function. */
function deferred<T>(): { readonly promise: Promise<T>; readonly resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>(r => { resolve = r; });
  return { promise, resolve };
}

/** `f` over `items` with at most `limit` calls pending at once; results in the order of `items`. */
async function mapLimited<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function fileProblem(file: string, message: string): ContentProblem {
  return { file, line: 0, column: 0, severity: 'error', code: 'read', message };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function displayName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
