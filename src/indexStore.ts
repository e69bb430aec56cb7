/**
 * The library kept between sessions (issue #7, "warm start"): the workspace's parsed articles and
 * their sentences' search terms, in the binary form of src/core/storedLibrary.ts, in one file of
 * the extension's storage (`context.storageUri`, or `globalStorageUri` without a workspace). The
 * next start takes an article from it when the file's modification time and size (and those of
 * its theme files) are those stored, and reads and parses only the others. Files go through
 * `vscode.workspace.fs` only, so it works in the web worker extension host too.
 *
 * A store that cannot be read or decoded (missing, damaged, truncated, of another version, written
 * under other settings or by another version of the extension) is ignored: every file is parsed
 * and the store is written again. Writing happens in the background, a few seconds after the
 * library last changed, and never fails loudly (the next start parses instead).
 */
import * as vscode from 'vscode';
import type { SentenceTerms } from './core/search';
import type { StoredArticle } from './core/storedLibrary';
import type { Article } from './core/types';
import type { Engine } from './engineLoader';
import type { LibrarySnapshot } from './library';

/** The store's file name in the storage folder. */
export const STORE_FILE = 'library-index.bin';

/**
 * How long after the library's last change the store is written, in ms: a burst of saves writes once, and a
 * session of edits does not re-encode the library (about 0.5 s and 12 MB at the Brown Corpus's size) after each.
 */
const SAVE_DELAY_MS = 10000;

/** Longest run of the store's encoding without a turn of the extension host's event loop, in ms. */
const ENCODE_SLICE_MS = 15;

/** A workspace article as loaded, which the store may keep (a {@link StoredArticle} before its terms are added): see {@link ArticleLibrary.storable}. */
export type StorableArticle = Omit<StoredArticle, 'terms'>;

/** The search terms of articles revived from the store, for the search index ({@link revivedTerms}). */
const revived = new WeakMap<Article, SentenceTerms>();

/** The stored search terms of `article` when it was revived from the store; undefined otherwise (its text is tokenized). */
export function revivedTerms(article: Article): SentenceTerms | undefined {
  return revived.get(article);
}

/**
 * The store. {@link article} answers during the library's load; {@link watch} writes it after
 * the library changes.
 */
export class IndexStore implements vscode.Disposable {
  private reading: Promise<ReadonlyMap<string, StoredArticle>> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The URIs and keys last written (or read), to skip writing the same library again. */
  private written = '';
  private readonly subscriptions: vscode.Disposable[] = [];

  /**
   * @param fs `vscode.workspace.fs` (a fake in tests).
   * @param folder the storage folder; without one (no storage) nothing is read or written.
   * @param version the extension's version: a store written by another version is ignored (its parser may differ).
   * @param log where a failed write is noted.
   * @param delay how long a write due now, or the next slice of its encoding, should wait, in ms (0: go on now;
   *   asked again after each wait): the encoding takes about 0.4 s on the Brown Corpus, which a search being typed
   *   would wait for between slices (`InputActivity.delay('long')`, src/inputActivity.ts). Default: never waits.
   */
  constructor(
    private readonly fs: Pick<vscode.FileSystem, 'readFile' | 'writeFile' | 'createDirectory' | 'rename'>,
    private readonly folder: vscode.Uri | undefined,
    private readonly version: string,
    private readonly log: (message: string) => void = () => undefined,
    private readonly delay: () => number = () => 0,
  ) {}

  private get file(): vscode.Uri | undefined {
    return this.folder && vscode.Uri.joinPath(this.folder, STORE_FILE);
  }

  /**
   * The stored article of the file `uri` (a URI string) when its key is `key` and the store was
   * written under `context` (see {@link contextOf}); undefined otherwise. Reads the store once.
   * Its search terms are remembered for the search index ({@link revivedTerms}) once the caller
   * has the final article object ({@link remember}).
   */
  async article(engine: Engine, uri: string, key: string, context: string): Promise<StoredArticle | undefined> {
    this.reading ??= this.read(engine, context);
    const stored = (await this.reading).get(uri);
    return stored && stored.key === key ? stored : undefined;
  }

  /** Notes that `article` (the library's object for a stored article) has the stored `terms`. */
  remember(article: Article, terms: SentenceTerms): void {
    revived.set(article, terms);
  }

  private async read(engine: Engine, context: string): Promise<ReadonlyMap<string, StoredArticle>> {
    const file = this.file;
    if (!file) return new Map();
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(file);
    } catch {
      return new Map(); // none yet
    }
    const library = engine.decodeStoredLibrary(bytes, this.contextOf(context));
    if (!library) {
      this.log(`The stored library index (${file.toString()}) is unusable (damaged, or of another version or settings): the articles are parsed again.`);
      return new Map();
    }
    this.written = signature(library.articles);
    return new Map(library.articles.map(a => [a.uri, a]));
  }

  /** The context a store is written and read under: the extension's version and the library's own context. */
  private contextOf(context: string): string {
    return `${this.version}|${context}`;
  }

  /**
   * Writes the store a few seconds after each change of the library (`onDidChange`), from the
   * articles `storable` lists and the snapshot's search index (built then if no search has built it);
   * later while the constructor's `delay` says to wait.
   * @param storable the library's storable articles and the context they were loaded under.
   */
  watch(onDidChange: vscode.Event<LibrarySnapshot>, storable: () => { readonly articles: readonly StorableArticle[]; readonly context: string }): void {
    this.subscriptions.push(onDidChange(snapshot => {
      if (!this.folder) return;
      clearTimeout(this.timer);
      const due = (): void => {
        const wait = this.delay();
        if (wait > 0) {
          this.timer = setTimeout(due, wait);
          return;
        }
        this.timer = undefined;
        const { articles, context } = storable();
        this.save(snapshot, articles, context).catch((e: unknown) => this.log(`The library index could not be stored: ${e instanceof Error ? e.message : String(e)}`));
      };
      this.timer = setTimeout(due, SAVE_DELAY_MS);
    }));
  }

  /** Writes the store of `articles` with the terms of `snapshot`'s search index, unless the same files were last written. */
  async save(snapshot: LibrarySnapshot, articles: readonly StorableArticle[], context: string): Promise<void> {
    const folder = this.folder;
    const file = this.file;
    if (!folder || !file) return;
    const inSnapshot = new Set(snapshot.entries.map(e => e.article));
    const indexed = articles.filter(a => inSnapshot.has(a.article));
    const key = signature(indexed);
    if (key === this.written || (indexed.length === 0 && this.written === '')) return;
    const index = await snapshot.searchIndex();
    const stored: StoredArticle[] = [];
    for (const a of indexed) {
      const terms = index.sentenceTerms(a.article);
      if (terms) stored.push({ ...a, terms });
    }
    // In slices, as the search index is built: at once, the Brown Corpus's encoding held the host for about 0.5 s
    // (bench quickpick's CPU profile); its longest step now, laying the file out, takes about 20 ms in Node.
    const step = snapshot.engine.encodeStoredLibrarySteps({ context: this.contextOf(context), articles: stored });
    let bytes: Uint8Array | undefined;
    for (;;) {
      const end = performance.now() + ENCODE_SLICE_MS;
      while (!(bytes = step()) && performance.now() < end);
      if (bytes) break;
      await new Promise<void>(resolve => setTimeout(resolve, Math.max(0, this.delay())));
    }
    await this.fs.createDirectory(folder);
    // Written beside it and renamed over it: a start that reads it meanwhile, or a window closed while it is
    // being written (12 MB take seconds through a loaded workbench), finds the old store or the new one, never half of one.
    const partial = vscode.Uri.joinPath(folder, `${STORE_FILE}.partial`);
    await this.fs.writeFile(partial, bytes);
    await this.fs.rename(partial, file, { overwrite: true });
    this.written = key;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The URIs and keys of `articles`, one string. */
function signature(articles: readonly { readonly uri: string; readonly key: string }[]): string {
  return articles.map(a => `${a.uri}\n${a.key}`).join('\n');
}
