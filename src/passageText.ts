/**
 * How passages are named in the Themes view and the search QuickPick: opening words, locators and
 * a window of text around the first search match with its highlights. Pure (no `vscode` at run
 * time), so `test/unit/passageText.test.ts` runs it in Node.
 *
 * Offsets: UTF-16 code units, half-open `[start, end)`. Source offsets are into the text given
 * (a passage's text or `article.body`); label offsets are into the returned label string.
 */
import { escapeMarkdownForDisplay, escapeMarkdownLineStart } from './core/escape';
import type { Article, Passage, TextRange } from './core/types';

/** The ellipsis put where a label leaves text out. */
export const ELLIPSIS = '…';

/** Default number of words of {@link openingWords}. */
export const OPENING_WORDS = 8;

/** Default length of {@link snippetAround}, in UTF-16 code units (ellipses not counted). */
export const SNIPPET_LENGTH = 100;

/**
 * The first `count` words of `text` (white-space separated), joined by single spaces, with
 * {@link ELLIPSIS} appended when words were left out. Line breaks and runs of white space become
 * one space. `''` for blank text.
 */
export function openingWords(text: string, count = OPENING_WORDS): string {
  const words = text.trim().split(/\s+/).filter(w => w !== '');
  if (words.length <= count) return words.join(' ');
  return words.slice(0, Math.max(count, 1)).join(' ') + ELLIPSIS;
}

/** 1-based paragraph number of a passage: its own for a paragraph, its paragraph's for a sentence. */
export function paragraphNumber(article: Pick<Article, 'passages'>, passage: Passage): number {
  if (passage.kind === 'paragraph') return passage.number;
  const p = article.passages.get(passage.paragraphId);
  if (p?.kind === 'paragraph') return p.number;
  // Ids are `p<N>.s<M>`, so the number is recoverable even without the paragraph.
  return Number(/^p(\d+)/.exec(passage.paragraphId)?.[1] ?? 0);
}

/** The short locator shown next to a passage: `¶ 6` for a paragraph, `¶ 6 · s2` for a sentence. */
export function passageLocator(article: Pick<Article, 'passages'>, passage: Passage): string {
  const n = paragraphNumber(article, passage);
  return passage.kind === 'paragraph' ? `¶ ${n}` : `¶ ${n} · s${passage.number}`;
}

/** A label and the `[start, end)` ranges of it to highlight (the form of `TreeItemLabel.highlights`). */
export interface HighlightedLabel {
  readonly label: string;
  readonly highlights: [number, number][];
}

/**
 * One line of text for a QuickPick or tree label: `text` with every run of white space (line breaks
 * included) turned into one space, cut to about `maxLength` UTF-16 code units around the first
 * match when longer, with {@link ELLIPSIS} at each end where text was left out. The window starts
 * up to a quarter of `maxLength` before the first match and is moved to word boundaries; it never
 * splits a surrogate pair.
 *
 * @param text the passage text.
 * @param matches ranges to highlight, as offsets into `text` (sorted or not; overlapping ones
 *   are merged; parts outside `text` or the window are dropped).
 * @param maxLength the longest window of text kept, in UTF-16 code units (at least 10).
 * @returns the label and its highlights, offsets into the label, sorted and non-overlapping.
 */
export function snippetAround(text: string, matches: readonly TextRange[], maxLength = SNIPPET_LENGTH): HighlightedLabel {
  // Collapse white space, keeping for each kept code unit its offset in `text`.
  let flat = '';
  const origin: number[] = [];
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  for (; i < text.length; i++) {
    if (/\s/.test(text[i])) {
      let j = i;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (j < text.length) {
        flat += ' ';
        origin.push(i);
      }
      i = j - 1;
      continue;
    }
    flat += text[i];
    origin.push(i);
  }
  // Map a source offset to the first flat offset at or after it.
  const toFlat = (offset: number): number => {
    let lo = 0;
    let hi = origin.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (origin[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const ranges = matches
    .map(m => [toFlat(Math.max(0, m.start)), toFlat(Math.min(text.length, m.end))] as [number, number])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const max = Math.max(10, Math.floor(maxLength));
  let start = 0;
  let end = flat.length;
  if (flat.length > max) {
    const first = ranges.length > 0 ? ranges[0][0] : 0;
    start = Math.max(0, first - Math.floor(max / 4));
    end = Math.min(flat.length, start + max);
    if (end === flat.length) start = Math.max(0, end - max);
    // Whole words: start after a space, end before one (when a word boundary is near).
    if (start > 0) {
      const space = flat.indexOf(' ', start - 1);
      if (space >= 0 && space < first && space + 1 - start < max / 4) start = space + 1;
    }
    if (end < flat.length) {
      const space = flat.lastIndexOf(' ', end);
      if (space > start && end - space < max / 4) end = space;
    }
    if (isLow(flat, start)) start++;
    if (isLow(flat, end)) end--;
  }
  const head = start > 0 ? ELLIPSIS : '';
  const tail = end < flat.length ? ELLIPSIS : '';
  const label = head + flat.slice(start, end) + tail;
  const highlights: [number, number][] = [];
  for (const [s, e] of ranges) {
    const a = Math.max(s, start);
    const b = Math.min(e, end);
    if (a >= b) continue;
    const la = a - start + head.length;
    const lb = b - start + head.length;
    const last = highlights[highlights.length - 1];
    if (last && la <= last[1]) last[1] = Math.max(last[1], lb);
    else highlights.push([la, lb]);
  }
  return { label, highlights };
}

/** Whether `s[i]` is the low half of a surrogate pair. */
function isLow(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  const p = s.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff;
}

/**
 * {@link snippetAround} for a search hit: `matches` are offsets into `article.body` (as
 * `SearchHit.matches`), made relative to `passage`.
 */
export function hitLabel(passage: Passage, matches: readonly TextRange[], maxLength = SNIPPET_LENGTH): HighlightedLabel {
  const relative = matches
    .filter(m => m.end > passage.start && m.start < passage.end)
    .map(m => ({ start: m.start - passage.start, end: m.end - passage.start }));
  return snippetAround(passage.text, relative, maxLength);
}

/**
 * `text` as Markdown source that renders as the text itself (for an untrusted `MarkdownString`
 * tooltip): inline and line-start constructs and autolinks backslash-escaped
 * ({@link escapeMarkdownForDisplay}, {@link escapeMarkdownLineStart}), each line break a paragraph
 * break. Spaces stay spaces, so the hover wraps between words (`MarkdownString.appendText` would
 * make every space `&nbsp;`).
 */
export function markdownText(text: string): string {
  return text.trim().split(/\r\n|\r|\n/).map(l => escapeMarkdownLineStart(escapeMarkdownForDisplay(l.trim()))).join('\n\n');
}

/**
 * The documentation of a citation-key completion, Markdown for an untrusted `MarkdownString`:
 * `**label** — ` (when given) and the title in bold, the reference-list entry (when given) as a
 * paragraph, and the passage as a block quote; each part escaped as {@link markdownText} escapes,
 * so article text renders as itself (see SECURITY.md, "completion documentation").
 */
export function completionDocumentation(parts: { readonly label?: string; readonly title: string; readonly reference?: string; readonly passage?: string }): string {
  const flat = (s: string): string => escapeMarkdownForDisplay(s.replace(/\s+/g, ' ').trim());
  const blocks = [`${parts.label ? `**${flat(parts.label)}** — ` : ''}**${flat(parts.title)}**`];
  if (parts.reference) blocks.push(markdownText(parts.reference));
  if (parts.passage?.trim()) blocks.push(markdownText(parts.passage).split('\n').map(l => (l ? `> ${l}` : '>')).join('\n'));
  return blocks.join('\n\n');
}

/**
 * One source paragraph for the fidelity hover: a Markdown block quote line of `body.slice(start, end)`
 * with the parts in `highlights` (UTF-16 ranges of `body`) in bold, every line break and the white
 * space around it made one space, escaped as {@link markdownText} escapes (so `# x`, `<img>`,
 * `[a](javascript:…)`, `$(icon)` and URLs render as text in the trusted hover).
 */
export function sourceQuoteMarkdown(body: string, start: number, end: number, highlights: readonly TextRange[]): string {
  const flat = (s: string): string => s.replace(/\s*(?:\r\n|\r|\n|\u2028|\u2029|\u0085)\s*/g, ' ');
  const esc = (s: string): string => escapeMarkdownForDisplay(flat(s));
  let text = '';
  let at = start;
  for (const h of highlights) {
    // Emphasis cannot open before or close after white space (CommonMark §6.2): keep it outside.
    let s = Math.max(h.start, start);
    let e = Math.min(h.end, end);
    while (s < e && /\s/.test(body[s])) s++;
    while (e > s && /\s/.test(body[e - 1])) e--;
    if (s >= e || s < at) continue;
    text += esc(body.slice(at, s)) + '**' + esc(body.slice(s, e)) + '**';
    at = e;
  }
  text += esc(body.slice(at, end));
  return `> ${text.startsWith('**') ? text : escapeMarkdownLineStart(text)}`;
}
