/**
 * Sentence and paragraph segmentation of article text.
 *
 * All offsets are UTF-16 code-unit offsets into the text given, half-open `[start, end)`
 * (see ../../STYLE.md "Text and offsets"). The text is never modified.
 *
 * Sentences start from the Unicode sentence boundaries of UAX #29 as implemented by
 * `Intl.Segmenter('en', { granularity: 'sentence' })` (ICU), then suppress the breaks that
 * ICU gets wrong for English prose. ICU's sentence rules do not know abbreviations (the
 * `ss=standard` suppressions of CLDR are not exposed by `Intl.Segmenter`), so the lists
 * below follow the spirit of CLDR's `segments/en.xml` suppressions, kept small on purpose.
 */
import type { TextRange } from './types';

/** Abbreviations (without the final full stop, case-sensitive) after which a sentence never ends. */
const NON_TERMINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  // Titles before a name (CLDR en suppressions: Mr., Mrs., Dr., Prof., Gen., Col., Lt., …).
  'Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'St', 'Mt', 'Messrs', 'Mme', 'Mlle',
  'Gen', 'Col', 'Lt', 'Capt', 'Cpt', 'Sgt', 'Maj', 'Adm', 'Cmdr', 'Gov', 'Sen', 'Rep', 'Rev', 'Hon', 'Pres', 'Fr',
  // Latin and scholarly abbreviations that introduce what follows.
  'e.g', 'i.e', 'E.g', 'I.e', 'cf', 'Cf', 'vs', 'viz', 'al', 'approx', 'ca',
]);

/**
 * Abbreviations (without the final full stop, case-sensitive) that do not end a sentence when a
 * number follows (`No. 5`, `pp. 12–14`). Without a number they may end one: "No." is also a word.
 */
const BEFORE_NUMBER_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'No', 'no', 'Nos', 'nos', 'Art', 'art', 'p', 'pp', 'Vol', 'vol', 'Vols', 'Fig', 'fig', 'Figs', 'figs',
  'Eq', 'eq', 'Ch', 'ch', 'Sec', 'sec', 'Para', 'para', 'Ref', 'ref', 'Nr', 'nr',
]);

/** Longest abbreviation token the look-behind examines; bounds the work per boundary so segmentation stays linear. */
const MAX_TOKEN = 24;

const WHITE_SPACE = /\s/u; // includes U+FEFF (BOM), U+2028 and U+2029
// Latin, CJK (。！？ and the half-width ｡), Arabic (؟ question mark, ۔ full stop) and Devanagari (। ॥) terminals.
const TERMINAL = /[.?!…‼‽⁇⁈⁉。！？｡؟۔।॥]/u;
const CLOSING = /[”’"')\]}»›]/u;
const OPENING = /[“‘"'([{«‹]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{Nd}/u;
const LETTER = /\p{L}/u;

let cachedSegmenter: Intl.Segmenter | null | undefined;

function sentenceSegmenter(): Intl.Segmenter | null {
  if (cachedSegmenter === undefined) {
    cachedSegmenter = typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function'
      ? new Intl.Segmenter('en', { granularity: 'sentence' })
      : null;
  }
  return cachedSegmenter;
}

/** UTF-16 code units given to ICU at once (see {@link rawSegments}). */
const ICU_WINDOW = 4096;

/** Raw boundaries `[start, end)` covering `text.slice(start, end)`: from ICU, or a plain fallback where `Intl.Segmenter` is missing. */
function rawSegments(text: string, start: number, end: number): TextRange[] {
  const out: TextRange[] = [];
  const segmenter = sentenceSegmenter();
  if (segmenter) {
    // V8's segment iterator costs time in proportion to the whole string at each step, so one long
    // paragraph took quadratic time (measured: 110,000 characters of short sentences 1.2 s, 220,000
    // characters 63 s). ICU sees a window at a time instead: every boundary but the window's last is
    // kept (ICU saw the text after it), and the next window starts at the last segment; a window
    // without a boundary inside grows until it has one or reaches `end`.
    let from = start;
    let size = ICU_WINDOW;
    while (from < end) {
      const to = Math.min(end, from + size);
      const found: TextRange[] = [];
      for (const s of segmenter.segment(text.slice(from, to))) {
        found.push({ start: from + s.index, end: from + s.index + s.segment.length });
      }
      if (to === end) {
        out.push(...found);
        break;
      }
      if (found.length < 2) {
        size *= 2;
        continue;
      }
      found.pop();
      out.push(...found);
      from = found[found.length - 1].end;
      size = ICU_WINDOW;
    }
    return out;
  }
  // Fallback: break after a terminal (and closing quotes) followed by white space.
  let from = start;
  let i = start;
  while (i < end) {
    if (TERMINAL.test(text[i])) {
      let j = i + 1;
      while (j < end && (TERMINAL.test(text[j]) || CLOSING.test(text[j]))) j++;
      if (j < end && WHITE_SPACE.test(text[j])) {
        while (j < end && WHITE_SPACE.test(text[j])) j++;
        out.push({ start: from, end: j });
        from = j;
      }
      i = j;
    } else {
      i++;
    }
  }
  if (from < end) out.push({ start: from, end });
  return out;
}

/** True when `offset` falls between the two halves of a surrogate pair of `text`. */
function splitsPair(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** End of `[start, end)` with trailing white space removed. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && WHITE_SPACE.test(text[end - 1])) end--;
  return end;
}

/** Start of `[start, end)` with leading white space removed. */
function trimStart(text: string, start: number, end: number): number {
  while (start < end && WHITE_SPACE.test(text[start])) start++;
  return start;
}

/** True when the white space `text.slice(start, end)` separates paragraphs (a blank line or U+2029). */
function isParagraphGap(text: string, start: number, end: number): boolean {
  let breaks = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '\u2029') return true;
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n') || c === '\u2028' || c === '\u0085') {
      if (++breaks >= 2) return true;
    }
  }
  return false;
}

/**
 * Decides whether the boundary between a sentence ending (trimmed) at `prevEnd` and the next
 * segment starting (trimmed) at `nextStart` is false. `lowerBound` limits the look-behind.
 */
function isFalseBoundary(text: string, lowerBound: number, prevEnd: number, nextStart: number, nextEnd: number): boolean {
  // The first letter or digit of the next segment, after any opening punctuation.
  let k = nextStart;
  while (k < nextEnd && k - nextStart < MAX_TOKEN && OPENING.test(text[k])) k++;
  const first = k < nextEnd ? text[k] : '';
  // “Why?” she asked. / He said “Go.” to them. — a sentence does not start in lower case.
  if (first && LOWER.test(first)) return true;

  // Where does the previous text end? Skip closing punctuation to find the terminal.
  let j = prevEnd;
  while (j > lowerBound && prevEnd - j < MAX_TOKEN && CLOSING.test(text[j - 1])) j--;
  if (j === lowerBound || !TERMINAL.test(text[j - 1])) {
    // No terminal at all: ICU broke at a line break inside a sentence (soft-wrapped Markdown).
    return true;
  }
  if (text[j - 1] !== '.' || j !== prevEnd) return false; // `?`, `!`, or `.”`: a real end.

  // The token before the full stop: letters and inner full stops, back to white space or an opening mark.
  const dot = j - 1;
  let t = dot;
  while (t > lowerBound && dot - t < MAX_TOKEN && (LETTER.test(text[t - 1]) || text[t - 1] === '.')) t--;
  if (t > lowerBound && !WHITE_SPACE.test(text[t - 1]) && !OPENING.test(text[t - 1])) return false;
  const token = text.slice(t, dot);
  if (!token) return false;

  if (NON_TERMINAL_ABBREVIATIONS.has(token)) return true;
  if (BEFORE_NUMBER_ABBREVIATIONS.has(token) && first && DIGIT.test(first)) return true;
  // Initials and dotted initialisms before a capitalized word: `J. R. R. Tolkien`, `the U.S. Army`.
  // Trade-off: "… moved to the U.S. Then …" stays one sentence.
  if (first && UPPER.test(first) && /^(?:\p{Lu}\.)*\p{Lu}$/u.test(token)) return true;
  return false;
}

/**
 * Splits `text.slice(start, end)` into sentences.
 *
 * Rules, on top of UAX #29 sentence boundaries (via `Intl.Segmenter`, or a simple
 * terminal-plus-space rule where `Intl.Segmenter` is unavailable):
 * - a full stop after a title or Latin abbreviation (`Mr.`, `Dr.`, `e.g.`, `cf.`) never ends a sentence;
 * - `No.`, `pp.`, `Fig.` … do not end one when a number follows (`No. 5`);
 * - single-letter initials and dotted initialisms (`J. R. R. Tolkien`, `U.S.`) do not end one when
 *   a capitalized word follows (so "moved to the U.S. Then…" is one sentence: a known trade-off);
 * - closing quotes and brackets after the terminal belong to the sentence (`… done.”`);
 * - text that continues in lower case continues the sentence: `“Why?” she asked.` and
 *   `He said “Go.” to them.` are each one sentence, while `He said “Go.” Then he left.` is two;
 * - a single line break (LF, CRLF, CR) without a terminal before it does not end a sentence, as in
 *   soft-wrapped Markdown; a blank line or U+2029 always does;
 * - decimals and amounts (`3.5%`, `$1.2 billion`) are left to UAX #29, which handles them.
 *
 * Runs in time linear in `end - start`: each boundary is examined once with a bounded look-behind.
 *
 * @param text the whole text; offsets are into it.
 * @param start UTF-16 offset where segmentation starts (default 0); clamped to `[0, text.length]`, and moved
 *   one unit later when it splits a surrogate pair.
 * @param end UTF-16 offset where it stops, exclusive (default `text.length`); clamped to `[start, text.length]`,
 *   and moved one unit earlier when it splits a surrogate pair.
 * @returns sentence ranges in order, each trimmed of surrounding white space (including a BOM),
 *   never empty, as UTF-16 offsets into `text`. White space alone yields `[]`.
 */
export function segmentSentences(text: string, start = 0, end = text.length): TextRange[] {
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  // Bounds that split a surrogate pair move inwards, so no sentence starts or ends inside a character.
  if (splitsPair(text, start) && start < end) start++;
  if (splitsPair(text, end) && end > start) end--;
  const result: TextRange[] = [];
  let current: { start: number; end: number } | undefined;
  for (const raw of rawSegments(text, start, end)) {
    const s = trimStart(text, raw.start, raw.end);
    const e = trimEnd(text, s, raw.end);
    if (s === e) continue;
    if (current && !isParagraphGap(text, current.end, s) && isFalseBoundary(text, current.start, current.end, s, e)) {
      current.end = e;
      continue;
    }
    if (current) result.push(current);
    current = { start: s, end: e };
  }
  if (current) result.push(current);
  return result;
}

/**
 * Splits a body into paragraphs: runs of text separated by one or more blank lines.
 *
 * A blank line is a line holding only white space; line breaks are LF, CRLF or CR. Ranges are
 * UTF-16 offsets into `body`; they exclude the separators and the line breaks and white space
 * around each paragraph (leading indentation of the first line and trailing spaces of the last
 * line are trimmed, including a BOM). White space alone yields `[]`. Linear in `body.length`.
 */
export function segmentParagraphs(body: string): TextRange[] {
  const result: TextRange[] = [];
  let paraStart = -1; // start of the current paragraph's first non-blank line, or -1
  let paraEnd = -1; // end (before the line break) of its last non-blank line
  let lineStart = 0;
  const n = body.length;
  while (lineStart <= n) {
    let lineEnd = lineStart;
    while (lineEnd < n && body[lineEnd] !== '\n' && body[lineEnd] !== '\r') lineEnd++;
    const next = lineEnd >= n ? n + 1 : body[lineEnd] === '\r' && body[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
    const contentStart = trimStart(body, lineStart, lineEnd);
    if (contentStart === lineEnd) {
      if (paraStart >= 0) result.push({ start: paraStart, end: paraEnd });
      paraStart = -1;
    } else {
      if (paraStart < 0) paraStart = contentStart;
      paraEnd = trimEnd(body, contentStart, lineEnd);
    }
    lineStart = next;
  }
  if (paraStart >= 0) result.push({ start: paraStart, end: paraEnd });
  return result;
}
