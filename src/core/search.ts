/**
 * Full-text search over the sentences and paragraphs of one or more articles.
 *
 * The inverted index is a {@link TermIndex}: the vocabulary sorted (prefix and fuzzy term
 * expansion as MiniSearch 7's), MiniSearch's BM25+ ranking, and compact postings. Text is
 * folded before indexing ({@link fold}) and hits are mapped back to exact UTF-16 offsets of
 * `Article.body`, half-open `[start, end)`, for highlighting. The tuning (prefix only for terms of
 * 3+ letters, fuzzy 0.15 only for terms of 6+ letters) was measured on the Brown Corpus to keep
 * the per-keystroke p95 latency low (/work/shared/FACTS.md, "Search at the scale of a library").
 */
import { fold, foldText } from './fold';
import { type StoredPostings, TermIndex, type Scores, type TermQuery } from './termIndex';
import type { ThemeIndex } from './themes';
import type { Article, Passage, TextRange, Theme } from './types';

/** Terms, phrases and theme filters of a query, as {@link parseQuery} reads them. */
export interface ParsedQuery {
  /** Folded words outside quotes, in first-seen order, without duplicates (at most {@link MAX_TERMS}). */
  readonly terms: readonly string[];
  /** Quoted phrases, each as its folded words (at most {@link MAX_PHRASES}, each at most {@link MAX_TERMS} words). */
  readonly phrases: readonly (readonly string[])[];
  /** Folded values of `theme:` filters, in order (`theme:security`, `theme:"food sec"`). */
  readonly themes: readonly string[];
  /** Folded values of `article:` filters, in order (`article:northeast`, `article:"revitalization of"`). */
  readonly articles: readonly string[];
}

/** Most distinct terms a query uses; the rest are ignored, which bounds the latency of long pasted queries. */
export const MAX_TERMS = 32;
/** Most phrases a query uses. */
export const MAX_PHRASES = 8;

/** Words of folded text: letters, digits and marks, with inner apostrophes (`china's`, `o'neill`). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:'[\p{L}\p{N}\p{M}]+)*/gu;
/** Scripts written without spaces between words (Chinese, Japanese): their words come from `Intl.Segmenter`. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * {@link WORD} for text that is all ASCII (`\p{L}`, `\p{N}` there are `A-Za-z0-9`; no `\p{M}`): the
 * same matches, without the Unicode property look-ups that made tokenizing the Brown Corpus 5 times slower.
 */
const ASCII_WORD = /[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*/g;
const NON_ASCII = /[^\0-\x7f]/;
const UNSPACED_SPLIT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+/gu;

/** A word of folded text with its UTF-16 range in that text. */
export interface Token {
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

let wordSegmenter: Intl.Segmenter | null | undefined;

/**
 * The words of a run of Chinese or Japanese text, by the Unicode word boundaries of UAX #29 with
 * ICU's dictionary for Chinese and Japanese (`Intl.Segmenter` word granularity); one word per
 * character where `Intl.Segmenter` is missing. Offsets relative to `run`.
 */
function unspacedWords(run: string): Token[] {
  wordSegmenter ??= typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  const out: Token[] = [];
  if (wordSegmenter) {
    for (const s of wordSegmenter.segment(run)) {
      if (s.isWordLike !== false) out.push({ term: s.segment, start: s.index, end: s.index + s.segment.length });
    }
  } else {
    for (const m of run.matchAll(/./gsu)) out.push({ term: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * The words of already folded `text` with their offsets (see {@link WORD}); a run of Chinese or
 * Japanese is split into its words ({@link unspacedWords}). With `characters`, each character of
 * such a word of two or more characters is a token too (after the word, at its own offset), so
 * that the index finds a word within a longer one however the segmenter cut the text.
 */
export function tokens(text: string, characters = false): Token[] {
  const out: Token[] = [];
  // Testing for Chinese and Japanese costs more than tokenizing: ASCII text has none.
  const ascii = !NON_ASCII.test(text);
  if (ascii || !UNSPACED.test(text)) {
    // No Chinese or Japanese: every word is a match of WORD (exec runs to the end, which resets lastIndex to 0).
    const word = ascii ? ASCII_WORD : WORD;
    for (let m = word.exec(text); m; m = word.exec(text)) out.push({ term: m[0], start: m.index, end: m.index + m[0].length });
    return out;
  }
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    if (UNSPACED.test(m[0])) {
      for (const part of m[0].matchAll(UNSPACED_SPLIT)) {
        const at = start + part.index;
        if (!UNSPACED.test(part[0])) {
          out.push({ term: part[0], start: at, end: at + part[0].length });
          continue;
        }
        for (const w of unspacedWords(part[0])) {
          out.push({ term: w.term, start: at + w.start, end: at + w.end });
          if (characters && w.end - w.start > 1) {
            for (const c of w.term.matchAll(/./gsu)) {
              out.push({ term: c[0], start: at + w.start + c.index, end: at + w.start + c.index + c[0].length });
            }
          }
        }
      }
    } else {
      out.push({ term: m[0], start, end: start + m[0].length });
    }
  }
  return out;
}

/**
 * The terms the index holds for `text`: words, and the characters of Chinese and Japanese words
 * (a query searches for its words only, so `雪` finds `冰雪` while `冰雪` does not find every `雪`).
 */
function tokenize(text: string): string[] {
  // Most text has no Chinese or Japanese: its words are the matches of WORD, without offsets to keep.
  if (!NON_ASCII.test(text)) return text.match(ASCII_WORD) ?? [];
  if (!UNSPACED.test(text)) return text.match(WORD) ?? [];
  return tokens(text, true).map(t => t.term);
}

/** Number of code points of a term: "letters" in the prefix and fuzzy rules. */
function letters(term: string): number {
  let n = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/**
 * Parses a search query. Never throws; any string is a query.
 *
 * - Text is folded first ({@link fold}), so `THEME:`, curly `“…”` and full-width `＂` count the same.
 * - `"…"` (any double-quote form) is an exact phrase: its words must appear consecutively, in that
 *   order, with no `.`, `!`, `?` between them, and match without prefix or fuzzy expansion. A quote
 *   left unclosed does not make a phrase: the words after it are ordinary terms (so typing a
 *   phrase gives results until it is closed). Empty phrases are dropped.
 * - `theme:value` or `theme:"two words"` filters by theme, `article:value` or `article:"two words"`
 *   by article (see {@link SearchIndex.search}); an empty value is ignored.
 * - Every other run of letters and digits is a term; punctuation and operators (`( ) [ ] : ~ + * \`)
 *   mean nothing and separate words.
 */
export function parseQuery(query: string): ParsedQuery {
  const q = fold(typeof query === 'string' ? query : '');
  const terms: string[] = [];
  const phrases: string[][] = [];
  const themes: string[] = [];
  const articles: string[] = [];
  const addTerms = (text: string): void => {
    for (const { term } of tokens(text)) if (!terms.includes(term) && terms.length < MAX_TERMS) terms.push(term);
  };
  let i = 0;
  while (i < q.length) {
    if (/\s/.test(q[i])) {
      i++;
    } else if (/^(?:theme|article):/.test(q.slice(i, i + 8)) && (i === 0 || /[\s"]/.test(q[i - 1]))) {
      const key = q.startsWith('theme:', i) ? 'theme' : 'article';
      i += key.length + 1;
      let value: string;
      if (q[i] === '"') {
        const close = q.indexOf('"', i + 1);
        const end = close < 0 ? q.length : close;
        value = q.slice(i + 1, end);
        i = close < 0 ? q.length : close + 1;
      } else {
        const m = /^[^\s"]*/.exec(q.slice(i));
        value = m ? m[0] : '';
        i += value.length;
      }
      value = value.trim().replace(/\s+/g, ' ');
      if (value) (key === 'theme' ? themes : articles).push(value);
    } else if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      if (close < 0) {
        addTerms(q.slice(i + 1));
        i = q.length;
      } else {
        const words = tokens(q.slice(i + 1, close)).map(t => t.term).slice(0, MAX_TERMS);
        if (words.length > 0 && phrases.length < MAX_PHRASES && !phrases.some(p => p.join(' ') === words.join(' '))) phrases.push(words);
        i = close + 1;
      }
    } else {
      const m = /^[^\s"]+/.exec(q.slice(i));
      const chunk = m ? m[0] : q[i];
      addTerms(chunk);
      i += chunk.length;
    }
  }
  return { terms, phrases, themes, articles };
}

/**
 * What the `theme:` filter needs of an article's themes: {@link ThemeIndex} fits, and a test can
 * pass a hand-made fake.
 */
export type SearchThemes = Pick<ThemeIndex, 'allThemes' | 'themesOf' | 'passagesOf'>;

/** An article to index, with its themes when the `theme:` filter should know them. */
export interface SearchSource {
  readonly article: Article;
  readonly themes?: SearchThemes;
  /**
   * The article's sentences already tokenized ({@link SearchIndex.sentenceTerms} of an index that
   * held it, kept in storage): the index takes them instead of folding and tokenizing the text. Ignored
   * when they do not fit the article (another number of sentences, a term number outside the vocabulary).
   */
  readonly terms?: SentenceTerms;
}

/**
 * The folded words of an article's sentences as the index holds them: sentence `k`'s words, in
 * order, repeats included, are `vocabulary[tokens[i]]` for `offsets[k] ≤ i < offsets[k + 1]`.
 */
export interface SentenceTerms {
  readonly vocabulary: readonly string[];
  readonly tokens: Int32Array | Uint16Array;
  /** One more than the article's sentences; `offsets[0]` is 0. */
  readonly offsets: Int32Array;
  /**
   * For an article revived from a stored library (src/core/storedLibrary.ts): the library's postings
   * (numbered in `vocabulary`, which is theirs) and the number there of the article's first
   * document (its paragraphs, then its sentences). An empty index takes them over instead of adding
   * the tokens again ({@link SearchIndex}).
   */
  readonly stored?: {
    /** The article object decoded with these terms: they are taken over only for that object (another's shape would misplace them). */
    readonly article: Article;
    readonly postings: StoredPostings;
    readonly firstDoc: number;
    /** The article's paragraphs as `[start, end, number of sentences]` each, and its sentences as `[start, end]`: its shape without its passages. */
    readonly paragraphs: Int32Array;
    readonly sentences: Int32Array;
  };
}

/** Options of {@link SearchIndex.search}. */
export interface SearchOptions {
  /** Most results returned (default 50; values below 1 return none). */
  readonly limit?: number;
}

/** One search result. */
export interface SearchHit {
  /** A sentence, or a paragraph when only the paragraph as a whole holds every term. */
  readonly passage: Passage;
  /** `metadata.id` of the passage's article. */
  readonly articleId: string;
  /** MiniSearch BM25 score (0 for a theme-only listing); higher is better. */
  readonly score: number;
  /** Whether the passage holds every term and phrase of the query (these rank first). */
  readonly complete: boolean;
  /**
   * Ranges to highlight: UTF-16 offsets into the ORIGINAL `article.body`, half-open, sorted,
   * non-overlapping; each is a whole word that matched a term, or a whole phrase occurrence.
   */
  readonly matches: readonly TextRange[];
}

/** A passage of an index: a sentence (indexed) or a paragraph (derived from its sentences). */
interface Entry {
  readonly id: number;
  readonly source: number;
  readonly passage: Passage;
  /** For a sentence, the entry of its paragraph. */
  readonly paragraph?: Entry;
}

/** A result before its highlights are computed: its entry number. */
interface Scored {
  readonly doc: number;
  readonly score: number;
  readonly complete: boolean;
}

/** Where each entry ranks on ties ({@link before}): its source and its passage's start, by entry number. */
interface TieOrder {
  readonly entrySource: Int32Array;
  readonly entryStart: Int32Array;
}

const DEFAULT_LIMIT = 50;
/** Flags of a paragraph while a query sums its sentences (bits 0–7 are its phrases, {@link MAX_PHRASES}). */
const WHOLE = 1 << 8;
const SEEN = 1 << 9;
/** Fuzziness of terms of 6+ letters: 0.15 × length, rounded (1 edit for 6–9 letters, 2 for 10–16). */
const FUZZY = 0.15;
/**
 * Longest term matched fuzzily: the edit-distance walk costs time in proportion to the term's
 * length (a pasted 10,000-letter "word" took 370 ms); no real word is longer.
 */
const MAX_FUZZY_LETTERS = 40;

/**
 * Whether `a` ranks before `b`: passages holding every term and phrase first, then higher score,
 * then earlier article, then earlier in the article.
 */
function before(a: Scored, b: Scored, ties: TieOrder): boolean {
  if (a.complete !== b.complete) return a.complete;
  if (a.score !== b.score) return a.score > b.score;
  const as = ties.entrySource[a.doc];
  const bs = ties.entrySource[b.doc];
  if (as !== bs) return as < bs;
  return ties.entryStart[a.doc] < ties.entryStart[b.doc];
}

/** The best `limit` of the results offered, in rank order ({@link before}), without sorting them all. */
class Best {
  readonly items: Scored[] = [];
  constructor(private readonly limit: number, private readonly ties: TieOrder) {}

  offer(doc: number, score: number, complete: boolean): void {
    const items = this.items;
    const full = items.length >= this.limit;
    if (full) {
      const worst = items[items.length - 1];
      if (worst.complete && !complete) return;
      if (worst.complete === complete && worst.score > score) return;
    }
    const r: Scored = { doc, score, complete };
    if (full) {
      if (!before(r, items[items.length - 1], this.ties)) return;
      items.pop();
    }
    let i = items.length;
    while (i > 0 && before(r, items[i - 1], this.ties)) i--;
    items.splice(i, 0, r);
  }
}

/**
 * A search index over the sentences and paragraphs of one or more articles. Only sentences are
 * indexed; a paragraph's hit is derived from the hits of its sentences (it holds a term when one
 * of its sentences does), which halves the time and memory of a second index of paragraphs
 * (on the Brown Corpus, issue #7). Build it once per library, off the activation path. The
 * shipped article builds in about 10 ms in a fresh process (2 ms once compiled); its first query
 * takes about 13 ms, later ones under 1 ms (measured at load average 2.7 on 2 cores).
 */
export class SearchIndex {
  private readonly terms = new TermIndex();
  /** By entry number; an entry of an adopted source ({@link adopt}) is made when first asked for ({@link entry}). */
  private readonly entries: (Entry | undefined)[] = [];
  /** Per entry number: its source, and its passage's start (UTF-16 offset), for ranking ties without the passage. */
  private entrySource = new Int32Array(1024);
  private entryStart = new Int32Array(1024);
  /**
   * Entry of each passage, per source: `entryOf(source, passageId)`, made when first asked for (the
   * `article:` and `theme:` listings); empty once the source is removed.
   */
  private readonly byPassage: (Map<string, Entry> | undefined)[] = [];
  /** Per source: the number of its first entry (its paragraphs', then its sentences'). */
  private readonly firstEntry: number[] = [];
  /** Per entry: the entry number of its paragraph (a sentence) or -1 (a paragraph); an array of numbers, read by every query for every sentence found. */
  private paragraphOf = new Int32Array(1024);
  /** Number of entries (made or not). */
  private entryCount = 0;

  private readonly sources: SearchSource[] = [];
  /** Per source: its sentences' words as numbers of {@link terms}' vocabulary (undefined once removed). */
  private readonly sentenceTokens: (SentenceTerms | undefined)[] = [];
  /** Per vocabulary of {@link SearchSource.terms} given: the number in this index of each of its terms met so far, else -1. */
  private readonly termNumbers = new WeakMap<readonly string[], Int32Array>();
  /** Source numbers of removed articles (their entries are removed from the index). */
  private readonly removed = new Set<number>();
  private paragraphScore = new Float64Array(0);
  private paragraphMask = new Uint32Array(0);
  private paragraphFlags = new Uint16Array(0);
  /** The paragraphs a query's {@link paragraphResults} met, in the order met (the first of them). */
  private paragraphsTouched = new Int32Array(0);

  /** @param sources the articles to search, with their themes; their order breaks ranking ties. */
  constructor(sources: readonly SearchSource[]) {
    const adopted = this.adopt(sources);
    // Sources with their terms tell how many postings they bring (at most one per token).
    this.terms.reserve(sources.reduce((n, s) => n + (adopted.has(s) ? 0 : s.terms?.tokens.length ?? 0), 0));
    for (const src of sources) this.collect(src, adopted.get(src));
  }

  /**
   * When the index is empty and `sources` bring the postings of a stored library
   * ({@link SentenceTerms.stored}), takes them over for the sources that are stored articles as
   * they were stored ({@link TermIndex.adopt}); returns the sources taken over, each with the
   * number of its first entry (their tokens must not be added again). On the Brown Corpus this
   * replaces 0.1 to 0.2 s of adding and laying out a million tokens.
   *
   * When every stored article is among `sources`, their entries keep their stored numbers and the
   * postings are taken as they are; the other sources are numbered after them. Otherwise (a file
   * changed since), the postings of the stored articles not among `sources` are left out, and every
   * source is numbered in order. Entry numbers do not rank: ties go by source and position.
   */
  private adopt(sources: readonly SearchSource[]): Map<SearchSource, number> {
    const adopted = new Map<SearchSource, number>();
    const postings = this.sources.length === 0 ? sources.find(s => s.terms?.stored)?.terms?.stored?.postings : undefined;
    if (!postings) return adopted;
    // Each source as it would be numbered in order: its first entry, its paragraphs, its entries.
    const plan: { src: SearchSource; next: number; paragraphs: number; count: number }[] = [];
    const claimed = new Set<number>();
    let next = 0;
    let covered = 0;
    for (const src of sources) {
      const stored = src.terms?.stored?.article === src.article ? src.terms.stored : undefined;
      // A stored article's shape is known without reading it (which would make its passages).
      const paragraphs = stored ? stored.paragraphs.length / 3 : src.article.paragraphs.length;
      const count = paragraphs + (stored ? stored.sentences.length / 2 : src.article.sentences.length);
      const first = stored?.postings === postings ? stored.firstDoc : -1;
      if (stored && first >= 0 && first + count <= postings.documents && !claimed.has(first)
        && src.terms?.vocabulary === postings.vocabulary && fits(src.terms, count - paragraphs)) {
        claimed.add(first);
        plan.push({ src, next, paragraphs, count });
        covered += count;
      }
      next += count;
    }
    const firstOf = (src: SearchSource): number => (src.terms?.stored as NonNullable<SentenceTerms['stored']>).firstDoc;
    if (covered === postings.documents) {
      // Every stored document is here: under its stored number. Its sentences are ranges.
      const sentenceRanges = plan.flatMap(({ src, paragraphs, count }) => [firstOf(src) + paragraphs, firstOf(src) + count]);
      if (this.terms.adopt(postings, 'same', sentenceRanges)) {
        for (const { src } of plan) adopted.set(src, firstOf(src));
        this.entryCount = postings.documents;
      }
      return adopted;
    }
    const docOf = new Int32Array(postings.documents).fill(-1);
    const sentences: number[] = [];
    for (const { src, next: at, paragraphs, count } of plan) {
      const first = firstOf(src);
      for (let x = 0; x < count; x++) docOf[first + x] = at + x;
      for (let k = paragraphs; k < count; k++) sentences.push(at + k);
      adopted.set(src, at);
    }
    if (!this.terms.adopt(postings, docOf, sentences)) adopted.clear();
    return adopted;
  }

  /** Gets the index ready for any query now (its first query does this otherwise), for idle time after a load. */
  prepare(): void {
    this.terms.prepare();
  }

  /**
   * Registers `src` as the next source and indexes its sentences (unless `adopted`: {@link adopt}
   * has). The entries of an adopted source are numbered and placed from its stored shape
   * ({@link SentenceTerms.stored}) without reading the article: they are made when a query needs them.
   */
  private collect(src: SearchSource, adoptedAt?: number): void {
    const source = this.sources.length;
    this.sources.push(src);
    this.byPassage.push(undefined);
    const given = src.terms;
    const shape = adoptedAt !== undefined && given?.stored?.article === src.article ? given.stored : undefined;
    const first = shape ? adoptedAt as number : this.entryCount;
    this.firstEntry.push(first);
    if (given && shape) {
      const paragraphs = shape.paragraphs.length / 3;
      const sentences = shape.sentences.length / 2;
      this.reserveEntries(first + paragraphs + sentences);
      let k = first + paragraphs;
      for (let i = 0; i < paragraphs; i++) {
        this.place(first + i, source, shape.paragraphs[3 * i], -1);
        for (let j = 0; j < shape.paragraphs[3 * i + 2]; j++, k++) this.place(k, source, shape.sentences[2 * (k - first - paragraphs)], first + i);
      }
      this.entryCount = Math.max(this.entryCount, first + paragraphs + sentences);
      // Adopted tokens are numbered in the stored vocabulary, which the index took as its own.
      this.sentenceTokens.push({ vocabulary: this.terms.vocabulary, tokens: given.tokens, offsets: given.offsets });
      return;
    }
    const { paragraphs: ps, sentences } = src.article;
    this.reserveEntries(first + ps.length + sentences.length);
    const paragraphs = new Map<string, Entry>();
    for (const passage of ps) {
      const entry: Entry = { id: this.entryCount++, source, passage };
      this.entries[entry.id] = entry;
      this.place(entry.id, source, passage.start, -1);
      paragraphs.set(passage.id, entry);
    }
    const terms = this.given(src) ?? this.tokenized(sentences);
    this.sentenceTokens.push(terms);
    sentences.forEach((passage, k) => {
      const entry: Entry = { id: this.entryCount++, source, passage, paragraph: paragraphs.get(passage.paragraphId) };
      this.entries[entry.id] = entry;
      this.place(entry.id, source, passage.start, entry.paragraph?.id ?? -1);
      this.terms.addTokens(entry.id, terms.tokens, terms.offsets[k], terms.offsets[k + 1]);
    });
  }

  /** Grows the arrays by entry number to hold `n` entries. */
  private reserveEntries(n: number): void {
    if (n <= this.paragraphOf.length) return;
    const size = Math.max(n, this.paragraphOf.length * 2);
    const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.paragraphOf = grow(this.paragraphOf);
    this.entrySource = grow(this.entrySource);
    this.entryStart = grow(this.entryStart);
  }

  /** Records where entry `id` is: its source, its passage's start, its paragraph's entry (-1 for a paragraph). */
  private place(id: number, source: number, start: number, paragraph: number): void {
    this.entrySource[id] = source;
    this.entryStart[id] = start;
    this.paragraphOf[id] = paragraph;
  }

  /** Entry `id`, made now if its source was adopted and no query has needed it yet. */
  private entry(id: number): Entry {
    const made = this.entries[id];
    if (made) return made;
    const source = this.entrySource[id];
    const { paragraphs, sentences } = this.sources[source].article;
    const k = id - this.firstEntry[source];
    const paragraph = this.paragraphOf[id];
    const entry: Entry = k < paragraphs.length
      ? { id, source, passage: paragraphs[k] }
      : { id, source, passage: sentences[k - paragraphs.length], paragraph: this.entry(paragraph) };
    this.entries[id] = entry;
    return entry;
  }

  /** The words of `sentences`, folded and tokenized, as numbers of this index's terms. */
  private tokenized(sentences: readonly Passage[]): SentenceTerms {
    const tokens: number[] = [];
    const offsets = new Int32Array(sentences.length + 1);
    sentences.forEach((passage, k) => {
      for (const term of tokenize(fold(passage.text))) tokens.push(this.terms.termId(term));
      offsets[k + 1] = tokens.length;
    });
    return { vocabulary: this.terms.vocabulary, tokens: Int32Array.from(tokens), offsets };
  }

  /** `src.terms` as numbers of this index's terms, or undefined when they do not fit `src.article`. */
  private given(src: SearchSource): SentenceTerms | undefined {
    const given = src.terms;
    if (!given || !fits(given, src.article.sentences.length)) return undefined;
    let numbers = this.termNumbers.get(given.vocabulary);
    if (!numbers) {
      numbers = new Int32Array(given.vocabulary.length).fill(-1);
      this.termNumbers.set(given.vocabulary, numbers);
    }
    const tokens = new Int32Array(given.tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const v = given.tokens[i];
      if (!(v >= 0 && v < numbers.length)) return undefined;
      // Numbered in the order first met, as tokenizing the text would: the same vocabulary order, the same answers.
      tokens[i] = numbers[v] >= 0 ? numbers[v] : (numbers[v] = this.terms.termId(given.vocabulary[v]));
    }
    return { vocabulary: this.terms.vocabulary, tokens, offsets: given.offsets };
  }

  /**
   * The tokenized sentences of `article` as this index holds them (to store and give back as
   * {@link SearchSource.terms}), or undefined when it does not hold the article. The vocabulary is
   * the index's own, which later additions extend.
   */
  sentenceTerms(article: Article): SentenceTerms | undefined {
    const source = this.sources.findIndex((s, i) => s.article === article && !this.removed.has(i));
    return source < 0 ? undefined : this.sentenceTokens[source];
  }

  /**
   * Changes the indexed articles in place, in time proportional to the passages removed and
   * added (not to the library): removes the sources whose article is one of `remove` (by object
   * identity) and adds `add` after the others (so they rank after them on ties).
   */
  update(remove: readonly Article[], add: readonly SearchSource[]): void {
    const step = this.updateSteps(remove, add);
    while (step());
  }

  /**
   * The work of {@link update} in steps, so that a caller can spread a large change (a first build
   * over 10,000 articles: 0.2 s in Node, 0.7 s in a loaded extension host) over several turns of
   * its event loop. Each call of the returned function removes or adds one article and returns
   * whether work is left; when it has returned false, the index is as {@link update} leaves it.
   * Searching between steps sees some of the change.
   */
  updateSteps(remove: readonly Article[], add: readonly SearchSource[]): () => boolean {
    const gone = new Set(remove);
    const removing = this.sources.flatMap((src, source) => (!this.removed.has(source) && gone.has(src.article) ? [source] : []));
    let r = 0;
    let a = 0;
    // Postings taken over from a stored library name documents of every source: all are registered in the first step.
    const adopted = this.adopt(add);
    if (adopted.size > 0) {
      return () => {
        for (const src of add) this.collect(src, adopted.get(src));
        return false;
      };
    }
    return () => {
      if (r < removing.length) {
        const source = removing[r++];
        this.removed.add(source);
        const { paragraphs, sentences } = this.sources[source].article;
        const first = this.firstEntry[source] + paragraphs.length;
        for (let k = 0; k < sentences.length; k++) this.terms.remove(first + k, tokenize(fold(sentences[k].text)));
        this.byPassage[source] = new Map();
        this.sentenceTokens[source] = undefined;
      } else if (a < add.length) {
        this.collect(add[a++]);
      }
      return r < removing.length || a < add.length;
    };
  }

  /** The entry of passage `passageId` of `source`, or undefined (an unknown passage, or the source was removed). */
  private entryOf(source: number, passageId: string): Entry | undefined {
    let map = this.byPassage[source];
    if (!map) {
      map = new Map();
      const { paragraphs, sentences } = this.sources[source].article;
      const first = this.firstEntry[source];
      for (let i = 0; i < paragraphs.length + sentences.length; i++) {
        const entry = this.entry(first + i);
        map.set(entry.passage.id, entry);
      }
      this.byPassage[source] = map;
    }
    return map.get(passageId);
  }

  /** The indexed articles, in source order (removed ones left out). */
  articles(): Article[] {
    return this.sources.filter((_, i) => !this.removed.has(i)).map(s => s.article);
  }

  /**
   * Searches the indexed passages. Never throws: any string is a query ({@link parseQuery}); an
   * empty or punctuation-only query returns no results.
   *
   * - Results are sentences. A query of two or more terms/phrases that no single sentence of a
   *   paragraph holds completely, but the paragraph does (its sentences together), returns that
   *   paragraph instead (and not its sentences), scored with the sum of its sentences' scores.
   * - Terms match case-, diacritic-, apostrophe- and quote-insensitively ({@link fold}); a term of
   *   3+ letters also matches words it begins; one of 6+ letters also matches words within
   *   0.15 × its length edits. A passage needs one term to be found (OR); phrases are required.
   * - Ranking: passages holding every term and phrase first, then by MiniSearch's BM25+ score
   *   ({@link TermIndex.search}), then by article order and position.
   * - `theme:x` keeps passages of a theme whose id or label starts with `x` (folded; case-insensitive)
   *   or of one of its sub-themes. A sentence belongs to the themes listing it or its paragraph,
   *   a paragraph to those listing it or one of its sentences. Several filters must all hold.
   *   Unknown themes match nothing. A query of filters only lists the passages the themes list
   *   (sentences and paragraphs), in reading order, with score 0.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.floor(options.limit ?? DEFAULT_LIMIT);
    if (!(limit >= 1)) return [];
    const parsed = parseQuery(query);
    const allowed = both(this.themeFilter(parsed.themes), this.articleFilter(parsed.articles));
    if (parsed.terms.length === 0 && parsed.phrases.length === 0) {
      if (parsed.themes.length > 0) return this.listThemes(parsed.themes, allowed).slice(0, limit);
      return parsed.articles.length > 0 ? this.listArticles(allowed, limit) : [];
    }
    const withParagraphs = parsed.terms.length + parsed.phrases.length >= 2;
    // A sentence takes part when it or (for the paragraph's sake) its paragraph is allowed.
    const accept = allowed ? (doc: number): boolean => {
      const e = this.entry(doc);
      return allowed(e) || (withParagraphs && e.paragraph !== undefined && allowed(e.paragraph));
    } : undefined;

    // Sentences holding each phrase, with the score of its words.
    const phrased = parsed.phrases.map(phrase => {
      const holding = new Map<number, number>();
      for (const [doc, score] of this.terms.all([...new Set(phrase)], accept)) {
        const text = fold(this.entry(doc).passage.text);
        if (phraseRanges(text, tokens(text), phrase).length > 0) holding.set(doc, score);
      }
      return holding;
    });
    const found = this.terms.search(parsed.terms.map((term): TermQuery => ({
      term,
      // Chinese and Japanese words are short and specific: `冰雪` also finds `冰雪经济` when the segmenter made that one word.
      prefix: letters(term) >= 3 || (letters(term) === 2 && UNSPACED.test(term)),
      fuzzy: letters(term) >= 6 && letters(term) <= MAX_FUZZY_LETTERS ? FUZZY : 0,
    })), accept);
    const all = parsed.terms.length >= 32 ? 0xffffffff : (1 << parsed.terms.length) - 1;
    const termScore = (doc: number): number => (found.mask[doc] ? found.score[doc] : 0);
    const complete = (mask: number): boolean => (mask & all) >>> 0 === all;

    // Sentence results: those holding every phrase (when there are phrases), allowed.
    const candidates: Iterable<number> = parsed.phrases.length > 0 ? [...phrased[0].keys()] : found.ids;
    const isResult = (doc: number): boolean =>
      (!allowed || allowed(this.entry(doc))) && (parsed.phrases.length === 0 || phrased.every(h => h.has(doc)));
    const scoreOf = (doc: number): number =>
      parsed.phrases.length === 0 ? found.score[doc] : phrased.reduce((sum, h) => sum + (h.get(doc) ?? 0), 0) + termScore(doc);

    const best = new Best(limit, { entrySource: this.entrySource, entryStart: this.entryStart });
    let returned: Set<number> | undefined;
    if (withParagraphs) returned = this.paragraphResults(candidates, found, phrased, parsed.phrases.length, isResult, complete, allowed, best);
    for (const doc of candidates) {
      if (!isResult(doc)) continue;
      if (!returned?.has(this.paragraphOf[doc])) best.offer(doc, scoreOf(doc), complete(found.mask[doc]));
    }
    return best.items.map(r => this.hit(r, parsed, found.expansions));
  }

  /**
   * Offers to `best` the paragraphs whose sentences together hold every term and phrase while
   * none of their sentence results does alone, scored with the sum of their sentences' scores;
   * returns them. Per-paragraph sums live in arrays indexed by entry id, reused across queries.
   */
  private paragraphResults(
    candidates: Iterable<number>, found: Scores, phrased: readonly Map<number, number>[], phraseCount: number,
    isResult: (doc: number) => boolean, complete: (mask: number) => boolean,
    allowed: ((e: Entry) => boolean) | undefined, best: Best,
  ): Set<number> {
    const n = this.entryCount;
    if (this.paragraphScore.length < n) {
      this.paragraphScore = new Float64Array(n * 2);
      this.paragraphMask = new Uint32Array(n * 2);
      this.paragraphFlags = new Uint16Array(n * 2);
      this.paragraphsTouched = new Int32Array(n * 2);
    }
    const score = this.paragraphScore;
    const mask = this.paragraphMask;
    const flags = this.paragraphFlags; // bit k: phrase k; WHOLE: a sentence result holds everything; SEEN
    const touched = this.paragraphsTouched;
    let count = 0;
    const paragraphOf = this.paragraphOf;
    const touch = (doc: number): number => {
      const p = paragraphOf[doc];
      if (!(flags[p] & SEEN)) {
        flags[p] = SEEN;
        score[p] = 0;
        mask[p] = 0;
        touched[count++] = p;
      }
      return p;
    };
    for (const doc of found.ids) {
      const p = touch(doc);
      score[p] += found.score[doc];
      mask[p] |= found.mask[doc];
    }
    phrased.forEach((holding, k) => {
      for (const [doc, s] of holding) {
        const p = touch(doc);
        score[p] += s;
        flags[p] |= 1 << k;
      }
    });
    for (const doc of candidates) {
      if (complete(found.mask[doc]) && isResult(doc)) flags[touch(doc)] |= WHOLE;
    }
    const phrases = (1 << phraseCount) - 1;
    const returned = new Set<number>();
    for (let i = 0; i < count; i++) {
      const p = touched[i];
      if (!(flags[p] & WHOLE) && (flags[p] & phrases) === phrases && complete(mask[p]) && (!allowed || allowed(this.entry(p)))) {
        returned.add(p);
        best.offer(p, score[p], true);
      }
      flags[p] = 0;
    }
    return returned;
  }

  /** A predicate for the `theme:` filters (all must hold), or undefined without filters. */
  private themeFilter(values: readonly string[]): ((e: Entry) => boolean) | undefined {
    if (values.length === 0) return undefined;
    const perFilter = values.map(v => this.sources.map(src => matchingThemes(src.themes, v)));
    return (entry: Entry) => {
      const themes = this.sources[entry.source].themes;
      if (!themes) return false;
      const of = themes.themesOf(entry.passage.id, { related: true });
      return perFilter.every(sets => of.some(t => sets[entry.source].has(t)));
    };
  }

  /** A predicate for the `article:` filters (all must hold), or undefined without filters. */
  private articleFilter(values: readonly string[]): ((e: Entry) => boolean) | undefined {
    if (values.length === 0) return undefined;
    const matches = this.sources.map(src => values.every(v => articleMatches(src.article, v)));
    return (entry: Entry) => matches[entry.source];
  }

  /** The paragraphs of the articles `allowed` keeps, in library and reading order, at most `limit`. */
  private listArticles(allowed: ((e: Entry) => boolean) | undefined, limit: number): SearchHit[] {
    const hits: SearchHit[] = [];
    this.sources.forEach((src, source) => {
      if (this.removed.has(source)) return;
      for (const p of src.article.paragraphs) {
        const entry = this.entryOf(source, p.id);
        if (hits.length >= limit || !entry || (allowed && !allowed(entry))) return;
        hits.push({ passage: p, articleId: src.article.metadata.id, score: 0, complete: true, matches: [] });
      }
    });
    return hits;
  }

  /** The passages the themes of the first filter list (and their sub-themes), kept by all filters. */
  private listThemes(values: readonly string[], allowed: ((e: Entry) => boolean) | undefined): SearchHit[] {
    const hits: SearchHit[] = [];
    this.sources.forEach((src, source) => {
      if (!src.themes || this.removed.has(source)) return;
      const themes = matchingThemes(src.themes, values[0]);
      const seen = new Set<string>();
      const entries: Entry[] = [];
      for (const t of themes) {
        for (const p of src.themes.passagesOf(t.id)) {
          const entry = this.entryOf(source, p.id);
          if (!entry || seen.has(p.id) || (allowed && !allowed(entry))) continue;
          seen.add(p.id);
          entries.push(entry);
        }
      }
      entries.sort((a, b) => a.passage.start - b.passage.start || (a.passage.kind === 'paragraph' ? -1 : 1));
      for (const e of entries) hits.push({ passage: e.passage, articleId: src.article.metadata.id, score: 0, complete: true, matches: [] });
    });
    return hits;
  }

  /** The hit of `r`, with the ranges of its words that a term expanded to (`expansions`) and of its phrases. */
  private hit(r: Scored, parsed: ParsedQuery, expansions: ReadonlyMap<string, number>): SearchHit {
    const entry = this.entry(r.doc);
    const { passage } = entry;
    const folded = foldText(passage.text);
    const local: TextRange[] = [];
    const text = folded.text;
    const ascii = !NON_ASCII.test(text);
    if (ascii || !UNSPACED.test(text)) {
      // As tokens() splits such text, without a token object per word (50 results of 25 words a keystroke).
      const word = ascii ? ASCII_WORD : WORD;
      for (let m = word.exec(text); m; m = word.exec(text)) if (expansions.has(m[0])) local.push({ start: m.index, end: m.index + m[0].length });
    } else {
      for (const t of tokens(text, true)) if (expansions.has(t.term)) local.push({ start: t.start, end: t.end });
    }
    if (parsed.phrases.length > 0) {
      const toks = tokens(folded.text);
      for (const p of parsed.phrases) local.push(...phraseRanges(folded.text, toks, p));
    }
    const matches = mergeRanges(local.map(x => {
      const s = folded.toSourceRange(x.start, x.end);
      return { start: s.start + passage.start, end: s.end + passage.start };
    }));
    return { passage, articleId: this.sources[entry.source].article.metadata.id, score: r.score, complete: r.complete, matches };
  }
}

/** Whether `terms` fit an article of `sentences` sentences: one offset more, from 0 to the last token, never decreasing. */
function fits(terms: SentenceTerms, sentences: number): boolean {
  const { offsets, tokens } = terms;
  if (offsets.length !== sentences + 1 || offsets[0] !== 0 || offsets[sentences] !== tokens.length) return false;
  for (let k = 0; k < sentences; k++) if (offsets[k] > offsets[k + 1]) return false;
  return true;
}

/** Both predicates (either may be missing), or undefined when both are. */
function both<T>(a: ((x: T) => boolean) | undefined, b: ((x: T) => boolean) | undefined): ((x: T) => boolean) | undefined {
  if (!a || !b) return a ?? b;
  return x => a(x) && b(x);
}

/**
 * Whether `article` is one that the `article:` value (already folded) names: its folded id starts
 * with the value, or its folded title (white space collapsed) or one of the title's words does.
 */
function articleMatches(article: Article, value: string): boolean {
  const title = fold(article.metadata.title).replace(/\s+/g, ' ');
  return fold(article.metadata.id).startsWith(value) || title.startsWith(value) || title.includes(` ${value}`);
}

/**
 * Themes of `themes` whose folded id or label starts with `value` (already folded), with all
 * their sub-themes.
 */
function matchingThemes(themes: SearchThemes | undefined, value: string): Set<Theme> {
  const out = new Set<Theme>();
  if (!themes) return out;
  const add = (t: Theme): void => {
    if (out.has(t)) return;
    out.add(t);
    t.children.forEach(add);
  };
  for (const t of themes.allThemes()) {
    if (fold(t.id).startsWith(value) || fold(t.label).replace(/\s+/g, ' ').startsWith(value)) add(t);
  }
  return out;
}

/**
 * Ranges in folded `text` (with its `toks`) where the words of `phrase` occur consecutively with
 * no sentence-ending `.`, `!` or `?` between them; each from the first word's start to the last's end.
 */
function phraseRanges(text: string, toks: readonly Token[], phrase: readonly string[]): TextRange[] {
  const out: TextRange[] = [];
  outer: for (let i = 0; i + phrase.length <= toks.length; i++) {
    for (let k = 0; k < phrase.length; k++) {
      if (toks[i + k].term !== phrase[k]) continue outer;
      if (k > 0 && /[.!?]/.test(text.slice(toks[i + k - 1].end, toks[i + k].start))) continue outer;
    }
    out.push({ start: toks[i].start, end: toks[i + phrase.length - 1].end });
  }
  return out;
}

/** Sorts ranges and merges those that overlap, so the result is sorted and non-overlapping. */
function mergeRanges(ranges: TextRange[]): TextRange[] {
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}
