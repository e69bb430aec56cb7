/**
 * The messages between the reader panel's host code (`src/reader.ts`) and its webview
 * (`src/webview/main.ts`), after the shape of VS Code's Markdown preview
 * (`extensions/markdown-language-features/types/previewMessaging.d.ts`) and vscode-hexeditor's
 * `shared/protocol.ts`: two unions keyed on `type`, handled with a `switch` on both sides.
 *
 * Handshake: the webview posts {@link ReadyMessage} once its script has run; the host posts nothing
 * before that (messages sent to a webview that is still loading are lost). Request and response are
 * paired by a numeric `id` ({@link GetSelectionMessage} → {@link SelectionMessage}).
 *
 * Offsets: every {@link TextRange} here is a UTF-16 code-unit range `[start, end)` into
 * `Article.body` of the article the panel shows.
 *
 * Whatever the webview posts is untrusted (its document renders article text): the host passes
 * every message through {@link parseWebviewMessage} and drops what it rejects.
 */
import type { TextRange } from './types';

/** The panel's view type (`WebviewPanel.viewType`); `package.json` menus name it as `webviewId`. */
export const READER_VIEW_TYPE = 'articleAtlas.reader';

// ------------------------------------------------------------------------------------ host → webview

/**
 * Shows a passage and search hits in the article already rendered: marks `passageId` (a paragraph
 * `p3` or a sentence `p3.s2`) as selected, replaces the `<mark>`ed ranges with `highlights`, and
 * when `reveal` is true scrolls the passage (else the first highlight) into view, even if the same
 * passage was already selected.
 */
export interface UpdateMessage {
  readonly type: 'update';
  readonly passageId?: string;
  readonly highlights: readonly TextRange[];
  readonly reveal: boolean;
}

/** Asks for the webview's text selection; answered by a {@link SelectionMessage} with the same `id`. */
export interface GetSelectionMessage {
  readonly type: 'getSelection';
  readonly id: number;
}

/**
 * The ranges of the shown article's body that the document being written quotes (the fidelity
 * check's sources): the webview marks every sentence that overlaps one, and labels it `label`
 * (for example "Quoted in report.md"). An empty `ranges` clears the marks.
 */
export interface QuotedMessage {
  readonly type: 'quoted';
  readonly ranges: readonly TextRange[];
  readonly label: string;
}

/** Every message the host posts to the webview. */
export type HostMessage = UpdateMessage | GetSelectionMessage | QuotedMessage;

// ------------------------------------------------------------------------------------ webview → host

/** The webview's script has run and listens for messages. Posted again each time the webview is re-created. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Answer to {@link GetSelectionMessage}: the selected body range, absent when nothing is selected. */
export interface SelectionMessage {
  readonly type: 'selection';
  readonly id: number;
  readonly range?: TextRange;
}

/**
 * The user selected a passage in the webview: `click` on a paragraph (the host reveals it in the
 * Themes view), or `navigate` with previous/next or the table of contents.
 */
export interface SelectMessage {
  readonly type: 'select';
  readonly passageId: string;
  readonly origin: 'click' | 'navigate';
}

/** The toolbar's Quote Selection button: the selected body range, absent when nothing is selected. */
export interface QuoteSelectionMessage {
  readonly type: 'quoteSelection';
  readonly range?: TextRange;
}

/** Every message the webview posts to the host. */
export type WebviewMessage = ReadyMessage | SelectionMessage | SelectMessage | QuoteSelectionMessage;

// --------------------------------------------------------------------------------------- webview state

/**
 * What the webview keeps with `setState` and what VS Code hands to the panel serializer after a
 * reload: the article, its selected passage, the highlighted ranges, the scroll position (CSS
 * pixels from the top) and whether the table of contents is open.
 */
export interface ReaderState {
  readonly articleId: string;
  readonly passageId?: string;
  readonly highlights: readonly TextRange[];
  readonly scrollY: number;
  readonly tocOpen: boolean;
}

// ------------------------------------------------------------------------------------------ validation

/** Passage ids as the article parser makes them: `p<N>` or `p<N>.s<M>`, N and M from 1. */
const PASSAGE_ID = /^p[1-9][0-9]{0,6}(?:\.s[1-9][0-9]{0,6})?$/;
/** Longest article id accepted from the webview state (front-matter ids are short kebab-case). */
const MAX_ARTICLE_ID = 200;
/** Longest `quoted` label accepted by the webview ("Quoted in <file name>"). */
const MAX_LABEL = 1000;
/** Most highlight ranges accepted in a state (a search returns far fewer). */
const MAX_HIGHLIGHTS = 10_000;

/** True when `value` is a passage id of the form `p3` or `p3.s2`. */
export function isPassageId(value: unknown): value is string {
  return typeof value === 'string' && PASSAGE_ID.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * `value` as a {@link TextRange} when it is `{ start, end }` with integer offsets,
 * `0 <= start <= end <= bodyLength`; otherwise undefined. Other keys are not copied.
 */
export function parseTextRange(value: unknown, bodyLength: number = Number.MAX_SAFE_INTEGER): TextRange | undefined {
  if (!isRecord(value) || !isOffset(value.start) || !isOffset(value.end)) return undefined;
  if (value.start > value.end || value.end > bodyLength) return undefined;
  return { start: value.start, end: value.end };
}

/** An optional range field: `undefined`/`null` → `{ ok: true }` without a range; a valid range → with it. */
function optionalRange(value: unknown, bodyLength: number): { ok: boolean; range?: TextRange } {
  if (value === undefined || value === null) return { ok: true };
  const range = parseTextRange(value, bodyLength);
  return range ? { ok: true, range } : { ok: false };
}

/**
 * Validates a message received from the webview. Returns a fresh {@link WebviewMessage} holding
 * only the fields of its type, or undefined when `value` is not one: not an object, an unknown
 * `type`, a missing or mistyped field, an `id` that is not a positive safe integer, a passage id
 * not of the form `p3`/`p3.s2`, or a range whose offsets are not integers with
 * `0 <= start <= end <= bodyLength`. Never throws.
 *
 * @param value what `Webview.onDidReceiveMessage` delivered.
 * @param bodyLength length in UTF-16 code units of the shown article's body; ranges must lie within it.
 */
export function parseWebviewMessage(value: unknown, bodyLength: number = Number.MAX_SAFE_INTEGER): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'selection': {
      if (!isOffset(value.id) || value.id === 0) return undefined;
      const { ok, range } = optionalRange(value.range, bodyLength);
      if (!ok) return undefined;
      return range ? { type: 'selection', id: value.id, range } : { type: 'selection', id: value.id };
    }
    case 'select':
      if (!isPassageId(value.passageId) || (value.origin !== 'click' && value.origin !== 'navigate')) return undefined;
      return { type: 'select', passageId: value.passageId, origin: value.origin };
    case 'quoteSelection': {
      const { ok, range } = optionalRange(value.range, bodyLength);
      if (!ok) return undefined;
      return range ? { type: 'quoteSelection', range } : { type: 'quoteSelection' };
    }
    default:
      return undefined;
  }
}

/**
 * Validates a message received by the webview (from the host, or from anything else that can post
 * to its window). Returns a fresh {@link HostMessage} holding only the fields of its type, or
 * undefined: not an object, an unknown `type`, an `update` whose `passageId` is present but not a
 * passage id, whose `highlights` is not an array (at most 10,000 entries; invalid ranges are
 * dropped) or whose `reveal` is not a boolean, a `getSelection` whose `id` is not a positive safe
 * integer, a `quoted` whose `ranges` is not an array (at most 10,000; invalid ranges are dropped)
 * or whose `label` is not a string of at most 1,000 characters. Never throws.
 */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'update': {
      const { passageId, highlights, reveal } = value;
      if ((passageId !== undefined && !isPassageId(passageId)) || !Array.isArray(highlights) || highlights.length > MAX_HIGHLIGHTS || typeof reveal !== 'boolean') return undefined;
      const ranges = highlights.map(h => parseTextRange(h)).filter((h): h is TextRange => h !== undefined);
      return passageId === undefined ? { type: 'update', highlights: ranges, reveal } : { type: 'update', passageId, highlights: ranges, reveal };
    }
    case 'getSelection':
      return isOffset(value.id) && value.id > 0 ? { type: 'getSelection', id: value.id } : undefined;
    case 'quoted': {
      const { ranges, label } = value;
      if (!Array.isArray(ranges) || ranges.length > MAX_HIGHLIGHTS || typeof label !== 'string' || label.length > MAX_LABEL) return undefined;
      return { type: 'quoted', ranges: ranges.map(r => parseTextRange(r)).filter((r): r is TextRange => r !== undefined), label };
    }
    default:
      return undefined;
  }
}

/**
 * Validates a {@link ReaderState} (from the webview's `setState`, as given to
 * `WebviewPanelSerializer.deserializeWebviewPanel`). `articleId` must be a non-empty string of at
 * most 200 characters, `passageId` absent or a passage id, `highlights` an array of at most 10,000
 * ranges (invalid ranges are dropped), `scrollY` a finite number (clamped to `>= 0`; default 0),
 * `tocOpen` a boolean (default false). Returns undefined when `articleId` is unusable. Never throws.
 */
export function parseReaderState(value: unknown): ReaderState | undefined {
  if (!isRecord(value)) return undefined;
  const { articleId } = value;
  if (typeof articleId !== 'string' || articleId.length === 0 || articleId.length > MAX_ARTICLE_ID) return undefined;
  const highlights = Array.isArray(value.highlights)
    ? value.highlights.slice(0, MAX_HIGHLIGHTS).map(h => parseTextRange(h)).filter((h): h is TextRange => h !== undefined)
    : [];
  const scrollY = typeof value.scrollY === 'number' && Number.isFinite(value.scrollY) ? Math.max(0, value.scrollY) : 0;
  const state: ReaderState = { articleId, highlights, scrollY, tocOpen: value.tocOpen === true };
  return isPassageId(value.passageId) ? { ...state, passageId: value.passageId } : state;
}
