/**
 * Verifying a quotation against the source text it was aligned to: a word-by-word comparison
 * (`diffArrays` of the npm `diff` package) after the configured normalization, with the legitimate
 * alterations of {@link splitAlterations} left out, and the quick fixes that restore the source's
 * wording or mark the change. Quotation offsets are UTF-16 offsets into the quotation's
 * `MappedText.text`; source offsets into `Article.body`; edits into the document; all half-open.
 */
import { diffArrays } from 'diff';
import { escapeFor } from '../quote';
import type { Article, TextRange } from '../types';
import type { Alterations } from './alterations';
import type { FoundQuotation } from './extract';
import type { Alignment } from './match';
import type { FidelityEdit, FidelityFix, NormalizationOptions } from './types';

/**
 * A token of the word-by-word comparison: a word (letters, digits and marks, with inner
 * apostrophes and hyphens, and full stops and commas between digits: `country’s`, `high-quality`,
 * `1,000.5`) or one other non-space character (punctuation, a quotation mark), with the white
 * space before it.
 */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The white space between the previous token and this one (`''` for the first, or none). */
  readonly before: string;
  /** The first word of a fragment whose capital may change (the quotation's start, or after an ellipsis). */
  readonly initial?: boolean;
}

const TOKEN = /[\p{L}\p{N}\p{M}]+(?:(?:['’‘ʼ＇\-‐‑－]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;

/** The tokens of `text.slice(start, end)` (see {@link Word}) with offsets into `text`. */
export function words(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  const slice = text.slice(start, end);
  let prevEnd = -1;
  for (const m of slice.matchAll(TOKEN)) {
    const s = start + m.index;
    const e = s + m[0].length;
    out.push({ text: m[0], start: s, end: e, before: prevEnd < 0 ? '' : text.slice(prevEnd, s) });
    prevEnd = e;
  }
  return out;
}

const FLIP_DOUBLE: Readonly<Record<string, string>> = { '“': '‘', '”': '’', '"': "'", '„': '‚', '‟': '‛', '＂': '＇' };
const QUOTE_FORMS: Readonly<Record<string, string>> = {
  '’': "'", '‘': "'", '‛': "'", 'ʼ': "'", '′': "'", '＇': "'", '‚': "'",
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '＂': '"',
};
const DASH_FORMS = new Set(['‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－']);

/**
 * `word` as compared under `options`: full-width ASCII to ASCII (`width`), quote and apostrophe
 * forms to `'` and `"` (`quoteForms`), dash forms to `-` (`dashes`); with `flipDouble` (inside an
 * inline quotation between double marks) double quotes first become single ones.
 */
export function normalizeWord(word: string, options: NormalizationOptions, flipDouble: boolean): string {
  let out = '';
  for (const ch of word) {
    let c = ch;
    if (flipDouble) c = FLIP_DOUBLE[c] ?? c;
    if (options.width) {
      const cp = c.codePointAt(0) as number;
      if (cp >= 0xff01 && cp <= 0xff5e) c = String.fromCharCode(cp - 0xfee0);
    }
    if (options.quoteForms) c = QUOTE_FORMS[c] ?? c;
    if (options.dashes && DASH_FORMS.has(c)) c = '-';
    out += c;
  }
  return out;
}

/** The white space before a word as compared: ignored when both normalizations are on. */
function normalizeSpace(space: string, options: NormalizationOptions): string {
  let s = space;
  if (options.width) s = s.replace(/\u3000/g, ' ');
  if (options.lineBreaks) s = s.replace(/\r\n|\r|\n/g, ' ');
  if (options.whitespace) s = s.replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\s]*/g, '\n');
  return s;
}

/** Lower-cases the first letter of `s` (after any leading punctuation). */
function lowerInitial(s: string): string {
  const m = /\p{L}/u.exec(s);
  return m ? s.slice(0, m.index) + s[m.index].toLowerCase() + s.slice(m.index + 1) : s;
}

/** Whether source token `a` and quotation token `b` are the same under `options` (see {@link Word.initial}). */
export function sameWord(a: Word, b: Word, options: NormalizationOptions, flipDouble: boolean): boolean {
  let x = normalizeWord(a.text, options, flipDouble);
  let y = normalizeWord(b.text, options, flipDouble);
  if (b.initial) {
    x = lowerInitial(x);
    y = lowerInitial(y);
  }
  if (x !== y) return false;
  if (options.whitespace && options.lineBreaks) return true;
  return a.before === '' || b.before === '' || normalizeSpace(a.before, options) === normalizeSpace(b.before, options);
}

/** A difference: source words replaced by, or missing from, quotation words. */
export interface Hunk {
  /** Index of the fragment it is in. */
  readonly fragment: number;
  /** Source words (offsets into `Article.body`); empty when the quotation added words. */
  readonly source: readonly Word[];
  /** Quotation words (offsets into the quotation's text); empty when the quotation dropped words. */
  readonly quote: readonly Word[];
  /** The quotation word before and after the hunk in the same fragment, when there is one. */
  readonly before?: Word;
  readonly after?: Word;
}

/**
 * The `Article.body` range each fragment was aligned to; at the quotation's start and end, when no
 * editorial mark stands there, widened to whole words, so a word cut there shows as changed. Next
 * to a mark the range is left as matched: an ellipsis may cut a word (`src/core/quote.ts` does).
 */
export function fragmentRanges(alterations: Alterations, alignment: Alignment): TextRange[] {
  const body = alignment.source.article.body;
  const key = alignment.source.key;
  const wordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);
  return alignment.matches.map((m, i) => {
    let start = key.starts[m.start];
    let end = key.ends[m.end - 1];
    const markBefore = i === 0 ? alterations.leading[alterations.leading.length - 1] : alterations.marks[i - 1];
    const markAfter = i === alignment.matches.length - 1 ? alterations.trailing[0] : alterations.marks[i];
    if (!markBefore) while (start > 0 && wordChar(body[start - 1]) && wordChar(body[start])) start--;
    if (!markAfter) while (end < body.length && wordChar(body[end]) && wordChar(body[end - 1])) end++;
    return { start, end };
  });
}

/**
 * The word-by-word differences between each fragment of `quotation` and its source range. Equal
 * under `options`, plus: the first letter of the quotation and of a fragment after an ellipsis may
 * change case (Chicago 13.7); a final `.` or `,` of the quotation may differ (punctuation moved
 * inside the closing mark); inside an inline quotation between double marks, the source's double
 * quotes may be single.
 */
export function diffFragments(quotation: FoundQuotation, alterations: Alterations, ranges: readonly TextRange[], article: Article, options: NormalizationOptions): Hunk[] {
  const text = quotation.content.text;
  const flip = quotation.doubleMarks;
  const hunks: Hunk[] = [];
  alterations.fragments.forEach((f, i) => {
    const mark = i === 0 ? undefined : alterations.marks[i - 1];
    const q = words(text, f.start, f.end);
    const w0 = q.findIndex(w => /[\p{L}\p{N}]/u.test(w.text));
    if (w0 >= 0 && (i === 0 || mark?.kind === 'ellipsis')) q[w0] = { ...q[w0], initial: true };
    const s = words(article.body, ranges[i].start, ranges[i].end);
    const changes = diffArrays<Word>(s, q, { comparator: (a, b) => sameWord(a, b, options, flip) });
    let si = 0;
    let qi = 0;
    let open: { source: Word[]; quote: Word[]; before?: Word } | undefined;
    const close = (): void => {
      if (!open) return;
      hunks.push({ fragment: i, source: open.source, quote: open.quote, ...(open.before ? { before: open.before } : {}), ...(q[qi] ? { after: q[qi] } : {}) });
      open = undefined;
    };
    for (const c of changes) {
      if (c.removed) {
        open ??= { source: [], quote: [], ...(qi > 0 ? { before: q[qi - 1] } : {}) };
        open.source.push(...s.slice(si, si + c.count));
        si += c.count;
      } else if (c.added) {
        open ??= { source: [], quote: [], ...(qi > 0 ? { before: q[qi - 1] } : {}) };
        open.quote.push(...q.slice(qi, qi + c.count));
        qi += c.count;
      } else {
        close();
        si += c.count;
        qi += c.count;
      }
    }
    close();
  });
  // A final `.` or `,` the quotation adds, drops or swaps: punctuation moved inside the closing mark.
  const last = hunks[hunks.length - 1];
  const finalFragment = alterations.fragments.length - 1;
  if (last && last.fragment === finalFragment && !last.after && [...last.source, ...last.quote].every(w => w.text === '.' || w.text === ',')) hunks.pop();
  return hunks;
}

/**
 * The differences as a GNU wdiff-style line: each hunk with a token of context on either side,
 * `[-source words-]{+quotation words+}`, spaced as the quotation is, hunks joined by ` … `; at most
 * `limit` hunks, then `(and N more)`.
 */
export function describeHunks(hunks: readonly Hunk[], quotation: FoundQuotation, article: Article, limit = 4): string {
  const text = quotation.content.text;
  const space = (a: number, b: number): string => (b > a && /\s/.test(text.slice(a, b)) ? ' ' : '');
  let out = '';
  hunks.slice(0, limit).forEach((h, k, shown) => {
    const first = h.quote[0];
    const last = h.quote[h.quote.length - 1];
    let change = '';
    if (h.source.length > 0) change += `[-${article.body.slice(h.source[0].start, h.source[h.source.length - 1].end).replace(/\s+/g, ' ')}-]`;
    if (first && last) change += `{+${text.slice(first.start, last.end).replace(/\s+/g, ' ')}+}`;
    const prev = shown[k - 1];
    // A hunk whose context word is the previous hunk's continues the same stretch of text.
    const chained = prev?.after !== undefined && h.before !== undefined && prev.after.start === h.before.start;
    if (k > 0 && !chained) out += ' … ';
    if (h.before && !chained) out += h.before.text;
    if (h.before) out += first ? space(h.before.end, first.start) : ' ';
    out += change;
    if (h.after) out += (last ? space(last.end, h.after.start) : ' ') + h.after.text;
  });
  return out + (hunks.length > limit ? ` (and ${hunks.length - limit} more)` : '');
}

/** One replacement of a document range, before they are merged. */
interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Merges replacements (in order, not overlapping) into one edit, keeping the document text between them. */
function mergeReplacements(document: string, parts: readonly Replacement[]): FidelityEdit {
  const sorted = [...parts].sort((a, b) => a.start - b.start);
  let text = '';
  for (let k = 0; k < sorted.length; k++) {
    if (k > 0) text += document.slice(sorted[k - 1].end, sorted[k].start);
    text += sorted[k].text;
  }
  return { range: { start: sorted[0].start, end: sorted[sorted.length - 1].end }, newText: text };
}

/** Document range of quotation words `ws` (non-empty). */
function docRange(quotation: FoundQuotation, ws: readonly Word[]): TextRange {
  return quotation.content.toDocumentRange(ws[0].start, ws[ws.length - 1].end);
}

/**
 * Where a hunk's words are removed or inserted: the range of its quotation words, widened over the
 * spaces after them (or before them, at a fragment's end) when the hunk only removes words; for a
 * hunk of dropped words, an empty range after the word before it (or before the word after it).
 */
function hunkSite(document: string, quotation: FoundQuotation, h: Hunk): { start: number; end: number; lead: string; trail: string } {
  if (h.quote.length === 0) {
    if (h.before) {
      const at = quotation.content.toDocumentRange(h.before.start, h.before.end).end;
      return { start: at, end: at, lead: ' ', trail: '' };
    }
    const at = h.after ? quotation.content.toDocumentRange(h.after.start, h.after.end).start : quotation.range.start;
    return { start: at, end: at, lead: '', trail: ' ' };
  }
  const r = docRange(quotation, h.quote);
  if (h.source.length > 0) return { start: r.start, end: r.end, lead: '', trail: '' };
  let end = r.end;
  while (end < document.length && (document[end] === ' ' || document[end] === '\t')) end++;
  if (end > r.end && h.after) return { start: r.start, end, lead: '', trail: '' };
  let start = r.start;
  while (start > 0 && (document[start - 1] === ' ' || document[start - 1] === '\t')) start--;
  return { start, end: r.end, lead: '', trail: '' };
}

/**
 * "Restore the source wording": one edit that puts the source's words, escaped for the document's
 * format (double quotes made single inside an inline quotation between double marks), in place of
 * every hunk, keeping the document text between hunks as it is.
 */
export function restoreFix(document: string, quotation: FoundQuotation, hunks: readonly Hunk[], article: Article): FidelityFix {
  const parts = hunks.map(h => {
    const site = hunkSite(document, quotation, h);
    let words = h.source.length === 0 ? '' : article.body.slice(h.source[0].start, h.source[h.source.length - 1].end).replace(/\s+/g, ' ');
    if (quotation.doubleMarks) words = words.replace(/[“”"]/g, c => (c === '“' ? '‘' : c === '”' ? '’' : "'"));
    const text = words === '' ? '' : site.lead + escapeFor(quotation.format, words) + site.trail;
    return { start: site.start, end: site.end, text };
  });
  return { kind: 'restore', title: 'Restore the source wording', edits: [mergeReplacements(document, parts)] };
}

/**
 * "Mark the change": one edit that puts changed or added quotation words in brackets (an
 * editorial insertion, Chicago 13.60) and an ellipsis `[…]` where source words were dropped
 * (Chicago 13.50). Its title says which marks it adds.
 */
export function markFix(document: string, quotation: FoundQuotation, hunks: readonly Hunk[]): FidelityFix {
  let brackets = false;
  let ellipsis = false;
  const parts = hunks.map(h => {
    if (h.quote.length === 0) {
      ellipsis = true;
      const site = hunkSite(document, quotation, h);
      return { start: site.start, end: site.end, text: `${site.lead}[…]${site.trail}` };
    }
    brackets = true;
    const r = docRange(quotation, h.quote);
    return { start: r.start, end: r.end, text: `[${document.slice(r.start, r.end)}]` };
  });
  const kind = brackets && ellipsis ? 'brackets-and-ellipsis' : brackets ? 'brackets' : 'ellipsis';
  const title = kind === 'brackets-and-ellipsis' ? 'Mark the changes with brackets and an ellipsis'
    : kind === 'brackets' ? 'Mark the change with brackets' : 'Mark the omission with an ellipsis';
  return { kind, title, edits: [mergeReplacements(document, parts)] };
}

/** `para. N` or `paras. N–M` for the paragraphs numbered `first` to `last`. */
export function paragraphLabel(first: number, last: number): string {
  return first === last ? `para. ${first}` : `paras. ${first}–${last}`;
}

/**
 * A locator as written (`para.~6`, `Paragraph 6`, `¶¶ 6–7`) rewritten for paragraphs `first` to
 * `last`: the same word in the number it needs, the same separator, an en dash between numbers.
 */
export function rewriteLocator(written: string, first: number, last: number): string {
  const m = /^(paras?\.|paragraphs?|¶¶?)([\s\u00a0~]*)/iu.exec(written);
  const numbers = first === last ? String(first) : `${first}–${last}`;
  if (!m) return `${paragraphLabel(first, last)}`;
  const w = m[1];
  const lower = w.toLowerCase();
  let word = lower.startsWith('¶') ? (first === last ? '¶' : '¶¶')
    : lower.startsWith('paragraph') ? (first === last ? 'paragraph' : 'paragraphs')
      : (first === last ? 'para.' : 'paras.');
  if (w[0] !== w[0].toLowerCase()) word = word[0].toUpperCase() + word.slice(1);
  return `${word}${m[2] === '' ? ' ' : m[2]}${numbers}`;
}
