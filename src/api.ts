/**
 * What `activate()` returns: a small API for other extensions, the integration tests and the
 * bench. `vscode.extensions.getExtension('articleatlas.article-atlas').exports` after activation.
 *
 * Offsets are UTF-16 code-unit offsets into the article's `body`, half-open `[start, end)`.
 */
import type * as vscode from 'vscode';
import type { InsertionContext } from './core/quote';
import type { TextRange } from './core/types';
import type { LibrarySnapshot } from './library';
import type { QuotationDropProvider } from './drop';
import type { ReaderHooks } from './reader';
import type { ThemesTree } from './themesTree';
import type { CitationsApi } from './citations/register';

/**
 * Timings of this extension host session, in milliseconds (`performance.now()` differences),
 * read by `bench/`. Undefined until the step has happened.
 */
export interface Timings {
  /** How long `activate()` took (wiring only; the bundle's loading by the host is not counted). */
  activateMs?: number;
  /**
   * From the start of `activate()` to the Themes view's first request for its top-level items: how
   * long the workbench took to ask (the rest of {@link firstTreeItemsMs} is the extension's).
   */
  firstTreeRequestMs?: number;
  /**
   * From the start of `activate()` to the first time the Themes view's request for its top-level
   * items resolved with items: the engine bundle's and the library's loading included, and any
   * wait before the view asked.
   */
  firstTreeItemsMs?: number;
  /**
   * From the start of `activate()` until the Themes view's top-level items were built (the engine
   * bundle and the library loaded, the model made), whether or not the view has asked yet: the
   * extension's own share of the time to the first items.
   */
  treeItemsReadyMs?: number;
  /**
   * From the start of `activate()` until the whole library (the workspace's articles too) was first
   * loaded and published, in ms: read and parsed, or taken from the stored library (src/indexStore.ts).
   */
  libraryLoadedMs?: number;
  /** How many articles that first load published. */
  libraryArticles?: number;
  /**
   * Where the first load's time went, each phase's end in ms from the start of `activate()`:
   * `shipped` (the shipped articles read), `engine` (the engine bundle loaded), `listed` (the
   * workspace's article files listed), `read` (each stat-ed, and read and parsed or taken from the
   * stored library), `published` (the snapshot made). Set when the first load publishes.
   */
  libraryLoadPhases?: Readonly<Record<'shipped' | 'engine' | 'listed' | 'read' | 'published', number>>;
  /**
   * The last "Quote with Citation" run: from the command's start to the quotation's text, formatted
   * with its citation (`textMs`: the library, the citation engine's loading when cold, citeproc-js),
   * and to the edit applied by the workbench (`insertedMs`, which includes `textMs`). Style picking
   * time is not counted: both start once the style is known.
   */
  lastQuoteWithCitation?: { readonly textMs: number; readonly insertedMs: number };
  /**
   * The search QuickPick's most recent updates, oldest first, at most {@link QUICKPICK_UPDATES_KEPT}
   * (older ones are dropped): one per change of its value once the library had loaded.
   */
  quickPickUpdates?: QuickPickUpdate[];
}

/** How many {@link Timings.quickPickUpdates} are kept. */
export const QUICKPICK_UPDATES_KEPT = 500;

/** Adds `update` to `timings.quickPickUpdates` (creating it), dropping the oldest beyond {@link QUICKPICK_UPDATES_KEPT}. */
export function recordQuickPickUpdate(timings: Timings, update: QuickPickUpdate): void {
  const updates = (timings.quickPickUpdates ??= []);
  updates.push(update);
  if (updates.length > QUICKPICK_UPDATES_KEPT) updates.splice(0, updates.length - QUICKPICK_UPDATES_KEPT);
}

/**
 * One update of the search QuickPick in the extension host, in ms: `onDidChangeValue` → the search's
 * hits (`searchMs`) → the items built and assigned to `pick.items` (`itemsMs`, which includes the
 * API's conversion of the items) → the host's next timer turn after that (`sentMs`: the API sends
 * the items to the workbench in a timer of its own, queued before it, so any timer already due
 * (background work) delays them by as much).
 */
export interface QuickPickUpdate {
  /** When the value changed, `performance.now()` of the extension host, in ms. */
  readonly at: number;
  /** How many items were assigned (the hits, at most 50). */
  readonly items: number;
  readonly searchMs: number;
  readonly itemsMs: number;
  /** From `pick.items` assigned to the host's next timer turn, in ms; undefined until that turn has come. */
  sentMs?: number;
}

/** A passage as the API returns it. */
export interface PassageInfo {
  /** The article's front-matter `id`. */
  readonly articleId: string;
  /** `p6` for a paragraph, `p6.s2` for a sentence. */
  readonly passageId: string;
  readonly kind: 'paragraph' | 'sentence';
  /** 1-based number of the paragraph (of the sentence's paragraph). */
  readonly paragraph: number;
  /** The exact text, `body.slice(range.start, range.end)`. */
  readonly text: string;
  readonly range: TextRange;
}

/** One search result. */
export interface SearchResult {
  readonly articleId: string;
  readonly passageId: string;
  readonly text: string;
  /** Matched words and phrases: offsets into the article body, sorted, non-overlapping. */
  readonly matches: readonly TextRange[];
}

/** The API of Article Atlas (version 1). */
export interface ArticleAtlasApi {
  readonly version: 1;
  /**
   * Searches every article (`SearchIndex.search`: terms, `"phrases"`, `theme:` filters), best
   * first, in the newest snapshot published (`ArticleLibrary.latest`: a reload in progress is not
   * waited for). Loads the library on first use.
   * @param limit most results, default 50.
   */
  search(query: string, limit?: number): Promise<SearchResult[]>;
  /** The passage `passageId` of `articleId`, or undefined when either is unknown. */
  getPassage(articleId: string, passageId: string): Promise<PassageInfo | undefined>;
  /**
   * The quotation of a passage (by id) or of an exact body range, in the format of `languageId`
   * (`markdown`, `latex`, `html`, anything else plain text), with the `articleAtlas.quotation.*`
   * settings, for insertion at a place described by `context` (default: an empty line between
   * blank lines). Rejects with an Error for an unknown article or passage, with a RangeError for
   * an invalid range.
   */
  formatQuotation(articleId: string, passage: string | TextRange, languageId: string, context?: InsertionContext): Promise<string>;
  /** The library's current snapshot (loading it on first use). */
  snapshot(): Promise<LibrarySnapshot>;
  /** Timings for the bench; see {@link Timings}. */
  readonly timings: Readonly<Timings>;
  /** For the integration tests only; not a stable API. */
  readonly testing: {
    readonly themes: ThemesTree;
    readonly dropProvider: QuotationDropProvider;
    readonly dragController: vscode.TreeDragAndDropController<unknown>;
    /** What the reader calls: reveal in the Themes view, quote a range into the last active editor. */
    readonly readerHooks: ReaderHooks;
    /** The citation features: the lazily loaded engine (`engine.ready` is undefined until it has loaded) and cited quotations. */
    readonly citations: CitationsApi;
  };
}
