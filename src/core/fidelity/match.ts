/**
 * Finding a quotation's source in the library: by the article its citation names (citation key,
 * id, URL or title), otherwise by approximate matching over every article's text.
 *
 * Matching runs on "keys": text folded by {@link foldText} (case, diacritics, quote and dash forms,
 * width) with every run of white space made one space, so re-wrapping and retyping do not hide a
 * match. Approximate matching is Myers' bit-parallel algorithm as packaged by `approx-string-match`
 * (the library Hypothesis uses to re-anchor annotations). Key offsets map back to exact UTF-16
 * offsets of the original text, half-open `[start, end)`.
 */
import approxSearch from 'approx-string-match';
import { foldText } from '../fold';
import type { Article, Paragraph } from '../types';
import type { Alterations } from './alterations';
import type { CitationRef } from './extract';

/** Folded text with white space collapsed, and the original range of each of its units. */
export interface KeyText {
  readonly text: string;
  /** `starts[i]`: original offset where the character behind key unit `i` starts. */
  readonly starts: Int32Array;
  /** `ends[i]`: original offset where it ends (exclusive). */
  readonly ends: Int32Array;
}

/**
 * The key of `source` (see the module comment): folded, each run of white space (`\s`) one space,
 * none at either end. Never throws.
 */
export function keyText(source: string): KeyText {
  const folded = foldText(source);
  const f = folded.text;
  const starts = new Int32Array(f.length);
  const ends = new Int32Array(f.length);
  let out = '';
  let n = 0;
  let space = false;
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || /\s/.test(c)) {
      space = n > 0;
      continue;
    }
    const r = folded.toSourceRange(i, i + 1);
    if (space) {
      out += ' ';
      starts[n] = ends[n - 1];
      ends[n] = r.start;
      n++;
      space = false;
    }
    out += c;
    starts[n] = r.start;
    ends[n] = r.end;
    n++;
  }
  return { text: out, starts: starts.slice(0, n), ends: ends.slice(0, n) };
}

/** One article of the library, prepared for matching. */
export interface SourceArticle {
  readonly article: Article;
  readonly key: KeyText;
  /** Folded title and subtitle, white space collapsed. */
  readonly titleKey: string;
  readonly subtitleKey: string;
  /** Folded words of four or more letters of the body, for the uncited quotation's first filter. */
  readonly words: ReadonlySet<string>;
}

const WORDS = /[\p{L}\p{N}]{4,}/gu;

/** The articles of the library prepared for matching; build once per library snapshot. */
export class SourceIndex {
  readonly articles: readonly SourceArticle[];

  constructor(articles: readonly Article[]) {
    this.articles = articles.map(article => {
      const key = keyText(article.body);
      return {
        article, key,
        titleKey: keyText(article.metadata.title).text,
        subtitleKey: keyText(article.metadata.subtitle).text,
        words: new Set(key.text.match(WORDS) ?? []),
      };
    });
  }
}

/**
 * What a quotation's citation says about its source: `article` (it names a library article),
 * `other` (it cites something else: a key, a year or a page that is not a library article's),
 * `locator` (only a paragraph locator: the source is found by matching, the locator checked), or
 * `none` (no citation, or a parenthetical that is not one).
 */
export type CitationTarget =
  | { readonly kind: 'article'; readonly source: SourceArticle }
  | { readonly kind: 'other' | 'locator' | 'none' };

/**
 * Resolves a citation against the library: a key equal to an article's citation key, id or URL;
 * or text holding the article's whole title (or subtitle); or text, besides the locator, of at
 * least 8 characters that the title starts with or contains (a short title). Comparisons are on
 * folded text.
 */
export function resolveCitation(index: SourceIndex, citation: CitationRef | undefined): CitationTarget {
  if (!citation) return { kind: 'none' };
  for (const key of citation.keys) {
    const a = index.articles.find(s => {
      const m = s.article.metadata;
      return key !== '' && (key === m.citationKey || key === m.id || (m.url !== '' && key === m.url));
    });
    if (a) return { kind: 'article', source: a };
  }
  let text = citation.text;
  if (citation.locator) text = text.replace(/(?:\b(?:paras?\.|paragraphs?)|¶¶?)[\s\u00a0]*\d+(?:[\s\u00a0]*(?:–|—|-{1,3})[\s\u00a0]*\d+)?/iu, ' ');
  const key = keyText(text).text;
  const bare = key.replace(/@[\w:.#$%&\-+?<>~/]+/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  for (const s of index.articles) {
    const title = s.titleKey.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const subtitle = s.subtitleKey.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (title !== '' && (` ${bare} `.includes(` ${title} `) || (bare.length >= 8 && title.includes(bare)))) return { kind: 'article', source: s };
    if (subtitle !== '' && ` ${bare} `.includes(` ${subtitle} `)) return { kind: 'article', source: s };
  }
  if (citation.keys.length > 0) return { kind: 'other' };
  if (bare === '') return citation.locator ? { kind: 'locator' } : { kind: 'none' };
  if (/(?:\b(?:pp?\.)|¶)\s*\d|\b(?:1[5-9]|20)\d\d\b/iu.test(citation.text)) return { kind: 'other' };
  return citation.locator ? { kind: 'other' } : { kind: 'none' };
}

/** Where one fragment of a quotation lies in the source key. */
export interface FragmentMatch {
  /** Key range `[start, end)` in {@link SourceArticle.key}. */
  readonly start: number;
  readonly end: number;
  /** Edit distance (insertions, deletions, substitutions) between the fragment's key and the matched key text. */
  readonly errors: number;
}

/** A quotation's alignment to one article: a match per fragment, in order. */
export interface Alignment {
  readonly source: SourceArticle;
  readonly matches: readonly FragmentMatch[];
  /** Sum of the fragments' errors. */
  readonly errors: number;
  /** Sum of the fragments' key lengths. */
  readonly length: number;
}

/** How much a fragment may differ from its source and still be found: this share of its key length, plus one. */
export const FRAGMENT_ERROR_RATE = 0.3;
/** Most characters of source text an insertion in brackets may stand for. */
export const MAX_INSERTION_SPAN = 80;

/** The best approximate matches of `pattern` in `text.slice(from, to)` with at most `k` errors, as absolute key offsets. */
function search(text: string, from: number, to: number, pattern: string, k: number): FragmentMatch[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  if (to - from < pattern.length - k) return [];
  const exact = text.indexOf(pattern, from);
  if (exact >= 0 && exact + pattern.length <= to) {
    const out: FragmentMatch[] = [{ start: exact, end: exact + pattern.length, errors: 0 }];
    for (let at = text.indexOf(pattern, exact + 1); at >= 0 && at + pattern.length <= to; at = text.indexOf(pattern, at + 1)) {
      out.push({ start: at, end: at + pattern.length, errors: 0 });
    }
    return out;
  }
  if (k === 0) return [];
  const window = from === 0 && to === text.length ? text : text.slice(from, to);
  const found = approxSearch(window, pattern, k);
  if (found.length === 0) return [];
  const best = Math.min(...found.map(m => m.errors));
  // Equally good matches may share a start: keep the longest, which does not leave a changed last character out.
  const byStart = new Map<number, FragmentMatch>();
  for (const m of found) {
    if (m.errors !== best) continue;
    const seen = byStart.get(m.start);
    if (!seen || m.end > seen.end - from) byStart.set(m.start, { start: from + m.start, end: from + m.end, errors: m.errors });
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/**
 * Aligns a quotation's fragments to `source`: the longest fragment is found first (preferring,
 * among equally good matches, one inside `preferred`, the cited paragraphs), then each fragment
 * after it in the source text after the previous one (right after it for an insertion or `[sic]`,
 * anywhere later for an ellipsis), and each fragment before it likewise backwards. A fragment may
 * differ from its match by {@link FRAGMENT_ERROR_RATE} of its length plus one; undefined when one
 * cannot be found.
 *
 * @param keys the key of each fragment (see {@link keyText}), in order.
 */
export function alignFragments(source: SourceArticle, keys: readonly string[], alterations: Alterations, preferred?: readonly Paragraph[]): Alignment | undefined {
  const text = source.key.text;
  if (keys.length === 0 || keys.some(k => k.length === 0)) return undefined;
  const allowed = (k: string): number => Math.floor(k.length * FRAGMENT_ERROR_RATE) + (k.length > 3 ? 1 : 0);
  let anchor = 0;
  keys.forEach((k, i) => { if (k.length > keys[anchor].length) anchor = i; });
  const candidates = search(text, 0, text.length, keys[anchor], allowed(keys[anchor]));
  if (candidates.length === 0) return undefined;
  let first = candidates[0];
  if (preferred && preferred.length > 0) {
    const lo = source.key.starts.findIndex(x => x >= preferred[0].start);
    const from = lo < 0 ? text.length : lo;
    const toBody = preferred[preferred.length - 1].end;
    const inCited = candidates.find(c => c.start >= from && source.key.starts[c.start] < toBody);
    if (inCited) first = inCited;
  }
  const matches: FragmentMatch[] = new Array(keys.length);
  matches[anchor] = first;
  for (let i = anchor + 1; i < keys.length; i++) {
    const mark = alterations.marks[i - 1];
    const prev = matches[i - 1];
    const span = mark.kind === 'ellipsis' ? text.length : mark.kind === 'sic' ? 2 : MAX_INSERTION_SPAN;
    const found = search(text, prev.end, prev.end + span + keys[i].length + allowed(keys[i]) + 1, keys[i], allowed(keys[i]));
    if (found.length === 0) return undefined;
    matches[i] = found[0];
  }
  for (let i = anchor - 1; i >= 0; i--) {
    const mark = alterations.marks[i];
    const next = matches[i + 1];
    const span = mark.kind === 'ellipsis' ? text.length : mark.kind === 'sic' ? 2 : MAX_INSERTION_SPAN;
    const found = search(text, next.start - span - keys[i].length - allowed(keys[i]) - 1, next.start, keys[i], allowed(keys[i]));
    if (found.length === 0) return undefined;
    matches[i] = found[found.length - 1];
  }
  return {
    source, matches,
    errors: matches.reduce((n, m) => n + m.errors, 0),
    length: keys.reduce((n, k) => n + k.length, 0),
  };
}

/**
 * Candidate articles for a quotation without a citation: those holding at least half of its
 * distinct words of four or more letters (folded). Cheap, so approximate matching runs only where
 * the quotation could be.
 */
export function candidateArticles(index: SourceIndex, keys: readonly string[]): SourceArticle[] {
  const words = new Set(keys.join(' ').match(WORDS) ?? []);
  if (words.size === 0) return [];
  return index.articles.filter(s => {
    let hits = 0;
    for (const w of words) if (s.words.has(w)) hits++;
    return hits * 2 >= words.size;
  });
}
