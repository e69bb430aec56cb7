/**
 * Folding text for matching, without changing the source.
 *
 * The search index and the quote checker compare folded text, then map every hit back to the
 * exact `[start, end)` range of the ORIGINAL text (UTF-16 code-unit offsets, half-open), as
 * STYLE.md "Text and offsets" asks: the source is never normalized in place.
 */
import type { TextRange } from './types';

/**
 * Code points folded to one ASCII character before case and diacritic folding.
 *
 * - apostrophe forms → `'`: U+0027, U+2019 ’, U+2018 ‘ (the seed article's `China‘s`), U+201B ‛,
 *   U+02BC ʼ (modifier letter apostrophe), U+2032 ′ (prime), U+FF07 ＇ (full-width), U+0060 `
 *   and U+00B4 ´ (used as apostrophes by some typists);
 * - double-quote forms → `"`: U+201C “, U+201D ”, U+201E „, U+201F ‟, U+2033 ″, U+FF02 ＂;
 * - dashes and hyphens → `-`: U+2010–U+2015 (hyphen, non-breaking hyphen, figure dash, en dash,
 *   em dash, horizontal bar), U+2212 minus, U+FE58, U+FE63, U+FF0D;
 * - space separators → U+0020: U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000 (ideographic).
 *
 * Full-width ASCII U+FF01–U+FF5E is mapped to U+0021–U+007E by arithmetic in {@link foldCodePoint}.
 */
const CHAR_FOLDS: ReadonlyMap<number, string> = new Map<number, string>([
  ...[0x2019, 0x2018, 0x201b, 0x02bc, 0x2032, 0xff07, 0x60, 0xb4].map(c => [c, "'"] as [number, string]),
  ...[0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0xff02].map(c => [c, '"'] as [number, string]),
  ...[0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d].map(c => [c, '-'] as [number, string]),
  ...[0xa0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000]
    .map(c => [c, ' '] as [number, string]),
]);

/**
 * Combining diacritical marks removed after NFD: U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF,
 * U+20D0–U+20FF, U+FE20–U+FE2F (the Unicode "Combining Diacritical Marks" blocks). Other
 * nonspacing marks (Indic vowel signs, viramas) carry meaning and are kept.
 */
function isCombiningDiacritic(c: number): boolean {
  return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f);
}

/** `s` without its combining diacritical marks (all are in the BMP, so code units suffice). */
function stripDiacritics(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) if (!isCombiningDiacritic(s.charCodeAt(i))) out += s[i];
  return out;
}

/** Memo of folded BMP code units: most text repeats a small set of characters. */
const bmpCache = new Map<number, string>();

/**
 * Folds one code point: the forms of {@link CHAR_FOLDS}, full-width ASCII to ASCII, then
 * `String.prototype.toLowerCase` (locale-independent: Unicode default case mapping, so `I` → `i`
 * whatever the display language), then NFD with the combining diacritics removed.
 * Returns `''` for a code point that folds away (a lone combining mark). Never throws.
 */
export function foldCodePoint(codePoint: number): string {
  const bmp = codePoint <= 0xffff;
  if (bmp) {
    const cached = bmpCache.get(codePoint);
    if (cached !== undefined) return cached;
  }
  let s = CHAR_FOLDS.get(codePoint);
  if (s === undefined) {
    s = codePoint >= 0xff01 && codePoint <= 0xff5e ? String.fromCharCode(codePoint - 0xfee0) : String.fromCodePoint(codePoint);
    s = s.toLowerCase();
    // Final sigma folds with medial sigma, so a word matches in any position.
    if (s === '\u03c2') s = '\u03c3';
    s = stripDiacritics(s.normalize('NFD'));
  }
  if (bmp) bmpCache.set(codePoint, s);
  return s;
}

/**
 * Folded text and the map from its UTF-16 offsets back to the original text.
 *
 * Each folded code unit comes from one source code point (one or two UTF-16 units). A combining
 * mark that folds away is counted in the range of the character before it, so `cafe` found in a
 * decomposed `café` maps to the whole `café` including its U+0301. A surrogate pair is never split.
 */
export class FoldedText {
  /**
   * @param source the original text.
   * @param text the folded text.
   * @param starts `starts[i]` is the source offset where the character that produced folded unit `i` starts;
   *   undefined when every unit folded to one unit (`starts[i]` is `i`, the usual case, which needs no arrays).
   * @param ends `ends[i]` is the source offset where it ends (exclusive), after any combining marks folded into
   *   it; undefined with `starts`.
   */
  constructor(
    readonly source: string,
    readonly text: string,
    private readonly starts: Int32Array | undefined,
    private readonly ends: Int32Array | undefined,
  ) {}

  /**
   * Maps a half-open range `[start, end)` of {@link text} (UTF-16 offsets) to the exact range of
   * {@link source} that produced it. Offsets are clamped to `[0, text.length]`; an empty range maps
   * to an empty range at the corresponding source position. Never throws.
   */
  toSourceRange(start: number, end: number): TextRange {
    const n = this.text.length;
    start = clamp(start, 0, n);
    end = clamp(end, start, n);
    if (!this.starts || !this.ends) return { start, end };
    const s = start < n ? this.starts[start] : this.source.length;
    if (end === start) return { start: s, end: s };
    return { start: s, end: Math.max(s, this.ends[end - 1]) };
  }

  /**
   * The folded offset of source offset `offset`: the first folded unit produced at or after it
   * (`text.length` when none). Used to find a source range's place in the folded text. Never throws.
   */
  toFoldedOffset(offset: number): number {
    if (!this.starts) return clamp(Math.ceil(offset), 0, this.text.length);
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function clamp(n: number, lo: number, hi: number): number {
  if (!(n >= lo)) return lo; // also catches NaN
  return n > hi ? hi : Math.trunc(n);
}

/**
 * Folds `source` for matching: case (locale-independent lower case), diacritics (NFD, combining
 * diacritical marks removed), apostrophe forms `' ’ ‘ ‛ ʼ ′ ＇` → `'`, double-quote forms
 * `" “ ” „ ‟ ″ ＂` → `"`, dashes `‐ ‑ ‒ – — ― −` → `-`, space separators → ` `, full-width ASCII →
 * ASCII. Folding is per code point, so the result's length may differ from the source's
 * (`İ` → `i`, `ǆ` stays one unit, a lone combining mark → nothing); use the returned
 * {@link FoldedText} to map ranges back. Lone surrogates are kept as they are. Never throws.
 */
export function foldText(source: string): FoldedText {
  // Most text folds unit for unit (ASCII, curly quotes, accented letters of the BMP): then the
  // offsets are the source's and no arrays are needed (the search's highlights fold 50 passages a keystroke).
  const same = foldUnitForUnit(source);
  if (same !== undefined) return new FoldedText(source, same, undefined, undefined);
  const out: string[] = [];
  // Folding rarely lengthens text (`İ`, some ligature-free expansions); grow when it does.
  let starts: Int32Array = new Int32Array(source.length + 8);
  let ends: Int32Array = new Int32Array(source.length + 8);
  let n = 0;
  for (let i = 0; i < source.length;) {
    if (isPlainAscii(source.charCodeAt(i))) {
      // A run of ASCII other than U+0060 folds unit for unit to its lower case.
      let j = i + 1;
      while (j < source.length && isPlainAscii(source.charCodeAt(j))) j++;
      if (n + (j - i) > starts.length) {
        const grow = (a: Int32Array): Int32Array => { const b = new Int32Array((n + (j - i)) * 2); b.set(a); return b; };
        starts = grow(starts);
        ends = grow(ends);
      }
      for (let k = i; k < j; k++) {
        starts[n] = k;
        ends[n] = k + 1;
        n++;
      }
      out.push(source.slice(i, j).toLowerCase());
      i = j;
      continue;
    }
    const cp = source.codePointAt(i) as number;
    const len = cp > 0xffff ? 2 : 1;
    const f = foldCodePoint(cp);
    if (f.length === 0) {
      if (n > 0 && ends[n - 1] === i) ends[n - 1] = i + len;
    } else {
      if (n + f.length > starts.length) {
        const grow = (a: Int32Array): Int32Array => { const b = new Int32Array((n + f.length) * 2); b.set(a); return b; };
        starts = grow(starts);
        ends = grow(ends);
      }
      for (let k = 0; k < f.length; k++) {
        starts[n] = i;
        ends[n] = i + len;
        n++;
      }
      out.push(f);
    }
    i += len;
  }
  return new FoldedText(source, out.join(''), starts.subarray(0, n), ends.subarray(0, n));
}

/** The folded form of `source` when each of its UTF-16 units folds to exactly one unit; undefined otherwise. */
function foldUnitForUnit(source: string): string | undefined {
  let s = '';
  let run = 0; // start of the current run of plain ASCII, which folds as its lower case
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (isPlainAscii(c)) continue;
    if (c >= 0xd800 && c <= 0xdfff) return undefined;
    const f = foldCodePoint(c);
    if (f.length !== 1) return undefined;
    if (run < i) s += source.slice(run, i).toLowerCase();
    s += f;
    run = i + 1;
  }
  return run === 0 ? source.toLowerCase() : run < source.length ? s + source.slice(run).toLowerCase() : s;
}

/** Whether UTF-16 code unit `c` is ASCII that folds to its own lower case (all but U+0060, which folds to `'`). */
function isPlainAscii(c: number): boolean {
  return c < 0x80 && c !== 0x60;
}

/** The folded form of `text` alone (see {@link foldText}), for queries and keys. Never throws. */
export function fold(text: string): string {
  let s = '';
  let run = 0; // start of the current run of ASCII other than U+0060, which folds as its lower case
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) as number;
    if (cp < 0x80 && cp !== 0x60) {
      i++;
      continue;
    }
    if (run < i) s += text.slice(run, i).toLowerCase();
    s += foldCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
    run = i;
  }
  return run === 0 ? text.toLowerCase() : run < text.length ? s + text.slice(run).toLowerCase() : s;
}
