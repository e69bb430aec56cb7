/**
 * Automatic themes: the key phrases that set an article apart from the rest of the library, for
 * articles without a theme file. Weighted n-grams (1 to 3 words) within sentences, scored by
 * TF-IDF over the library (term frequency in the article × log of the inverse share of articles
 * holding the phrase), longer phrases weighted up. A phrase is consecutive words separated by
 * white space only, none of them a stop word (the lists of the `stopword` package for English,
 * Chinese, Japanese, Arabic and others), each holding a letter. Each chosen phrase is a theme listing the sentences that hold it,
 * the sentences with the most occurrences first.
 *
 * Offsets are UTF-16 code-unit offsets into `Article.body`, as everywhere in the core.
 */
import { ara, deu, eng, fra, jpn, rus, spa, zho } from 'stopword';
import { fold, foldText } from './fold';
import { tokens } from './search';
import { ThemeIndex } from './themes';
import type { Article, Theme } from './types';

/** Most automatic themes per article. */
export const MAX_AUTOMATIC_THEMES = 8;
/** Longest phrase, in words. */
const MAX_WORDS = 3;
/** Weight of a phrase of n words: a phrase of two or three words names a theme better than one word. */
const LENGTH_WEIGHT = [0, 1, 1.6, 1.9];

const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...deu, ...fra, ...spa, ...rus, ...zho, ...jpn, ...ara].map(w => fold(w)));
const LETTER = /\p{L}/u;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Whether a folded word may start or end a phrase: not a stop word, holding a letter, of 3+ letters unless Chinese or Japanese. */
function contentWord(word: string): boolean {
  return !STOP_WORDS.has(word) && LETTER.test(word) && (word.length >= 3 || UNSPACED.test(word));
}

/** What one article contributes to the library's statistics. */
interface Profile {
  /** Occurrences of each candidate phrase (folded words joined by a space) in the article. */
  readonly counts: ReadonlyMap<string, number>;
  /** The hashes of every candidate phrase, sorted, for document frequencies at 4 bytes a phrase. */
  readonly hashes: Int32Array;
}

/** The candidate phrases of each sentence of `article`, in order, with their folded words. */
function* phrasesOf(article: Article): Generator<{ sentence: number; phrase: string }> {
  for (let s = 0; s < article.sentences.length; s++) {
    const text = fold(article.sentences[s].text);
    const toks = tokens(text);
    for (let i = 0; i < toks.length; i++) {
      for (let n = 1; n <= MAX_WORDS && i + n <= toks.length; n++) {
        const last = toks[i + n - 1];
        // Every word a content word, and only white space between them (a comma or a dash ends a phrase).
        if (!contentWord(last.term) || (n > 1 && !/^\s*$/.test(text.slice(toks[i + n - 2].end, last.start)))) break;
        yield { sentence: s, phrase: toks.slice(i, i + n).map(t => t.term).join(' ') };
      }
    }
  }
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const profiles = new WeakMap<Article, Profile>();

/** The article's profile, computed once per article object (an unchanged file keeps its article, so its profile). */
function profileOf(article: Article): Profile {
  let p = profiles.get(article);
  if (!p) {
    const counts = new Map<string, number>();
    for (const { phrase } of phrasesOf(article)) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
    const hashes = Int32Array.from(new Set([...counts.keys()].map(hash))).sort();
    p = { counts, hashes };
    profiles.set(article, p);
  }
  return p;
}

/** The index of the first element of `sorted` greater than `value` (`sorted.length` when none is). */
function firstAbove(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A key phrase of an article, as {@link AutomaticThemes.phrases} ranks it. */
export interface KeyPhrase {
  /** Folded words joined by a space. */
  readonly phrase: string;
  /** Occurrences in the article. */
  readonly count: number;
  /** Articles of the library holding it (this one included). */
  readonly articles: number;
  /** TF-IDF × length weight; higher is more distinctive. */
  readonly score: number;
}

/**
 * The automatic themes of the articles of one library. Cheap to construct; each article's phrases
 * are counted on first need and kept for as long as the article object lives.
 */
export class AutomaticThemes {
  /**
   * Every article's phrase hashes in one sorted array (an article's hashes are distinct, so a hash's
   * run length is its document frequency): built on first need, 4 bytes per phrase of the library.
   * Counting per article instead took a binary search in each article's hashes per candidate.
   */
  private allHashes: Int32Array | undefined;

  /** How many articles of the library {@link prepare} has counted the phrases of. */
  private prepared = 0;

  /** @param library every article of the library (with or without theme files): the document frequencies count them all. */
  constructor(private readonly library: readonly Article[]) {}

  /**
   * Does, in a slice of about `budgetMs` milliseconds (by `now`), part of the work that the first
   * {@link themes} call would otherwise do at once: counting the phrases of every article of the
   * library (on the Brown Corpus, 500 articles, about 1.4 s on a 2-core machine), then joining
   * their hashes. Each call does at least one article, or the join. For callers that run it in
   * slices while the extension host is idle, so that no later call stalls it.
   * @returns true once all is done: then {@link themes} costs only its own article.
   */
  prepare(budgetMs: number, now: () => number = Date.now): boolean {
    const end = now() + budgetMs;
    while (this.prepared < this.library.length) {
      profileOf(this.library[this.prepared++]);
      if (now() >= end) return this.prepared >= this.library.length && this.allHashes !== undefined;
    }
    this.hashesOfLibrary();
    return true;
  }

  /** Every article's phrase hashes, sorted (see {@link allHashes}). */
  private hashesOfLibrary(): Int32Array {
    if (!this.allHashes) {
      const hashes = this.library.map(a => profileOf(a).hashes);
      const all = new Int32Array(hashes.reduce((n, h) => n + h.length, 0));
      let at = 0;
      for (const h of hashes) {
        all.set(h, at);
        at += h.length;
      }
      this.allHashes = all.sort();
    }
    return this.allHashes;
  }

  /** Articles of the library holding `phrase`. */
  private documentFrequency(phrase: string): number {
    const all = this.hashesOfLibrary();
    const h = hash(phrase);
    return firstAbove(all, h) - firstAbove(all, h - 1);
  }

  /**
   * The article's key phrases, best first, at most `limit`: a phrase must occur at least twice, a single word have 4 letters or more (any
   * length in Chinese and Japanese), and, in a library of 3 articles or more, not occur in every
   * article; a phrase inside a better-ranked longer one, or holding a better-ranked shorter one,
   * is left out when it occurs about as often (at most a third more).
   */
  phrases(article: Article, limit = MAX_AUTOMATIC_THEMES): KeyPhrase[] {
    const { counts } = profileOf(article);
    const total = this.library.length;
    const scored: KeyPhrase[] = [];
    // Counting every phrase's document frequency is the costly part: only the best by frequency and length compete.
    const candidates = [...counts].filter(([, c]) => c >= 2)
      .map(([phrase, count]) => ({ phrase, count, weight: count * LENGTH_WEIGHT[phrase.split(' ').length] }))
      .sort((a, b) => b.weight - a.weight || (a.phrase < b.phrase ? -1 : 1))
      .slice(0, 200);
    for (const { phrase, count } of candidates) {
      if (!phrase.includes(' ') && phrase.length < 4 && !UNSPACED.test(phrase)) continue;
      const df = Math.max(1, this.documentFrequency(phrase));
      // In every article of a library of three or more, a phrase sets none apart.
      if (total >= 3 && df >= total) continue;
      const idf = Math.log((total + 1) / df);
      const score = count * (1 + idf) * LENGTH_WEIGHT[phrase.split(' ').length];
      scored.push({ phrase, count, articles: df, score });
    }
    scored.sort((a, b) => b.score - a.score || (a.phrase < b.phrase ? -1 : 1));
    const chosen: KeyPhrase[] = [];
    for (const k of scored) {
      if (chosen.length >= limit) break;
      const overlaps = chosen.some(c => (contains(c.phrase, k.phrase) || contains(k.phrase, c.phrase)) && c.count <= k.count + Math.floor(k.count / 3));
      if (!overlaps) chosen.push(k);
    }
    return chosen;
  }

  /** The automatic themes of `article` (ids `auto.<phrase in kebab-case>`, marked `automatic`). */
  themes(article: Article): Theme[] {
    const total = this.library.length;
    const chosen = this.phrases(article);
    // Occurrences per sentence of each chosen phrase, in one pass over the article's phrases.
    const perPhrase = new Map(chosen.map(k => [k.phrase, new Map<number, number>()]));
    for (const { sentence, phrase } of phrasesOf(article)) {
      const perSentence = perPhrase.get(phrase);
      if (perSentence) perSentence.set(sentence, (perSentence.get(sentence) ?? 0) + 1);
    }
    return chosen.map(k => {
      const perSentence = perPhrase.get(k.phrase) as Map<number, number>;
      const ranked = [...perSentence].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const first = article.sentences[ranked[0][0]];
      const where = total > 1 ? `, in ${k.articles} of the ${total} articles` : '';
      return {
        id: `auto.${k.phrase.replace(/\s+/g, '-')}`,
        label: surfaceForm(first.text, k.phrase),
        description: `Automatic theme: "${k.phrase}" occurs ${k.count} time${k.count === 1 ? '' : 's'}${where}.`,
        passageIds: ranked.map(([s]) => article.sentences[s].id),
        children: [],
        automatic: true,
      };
    });
  }

  /** A {@link ThemeIndex} of the article's automatic themes. */
  index(article: Article): ThemeIndex {
    return new ThemeIndex(article, { source: '', article: article.metadata.id, themes: this.themes(article), locations: new Map() });
  }
}

/** Whether the words of `outer` hold the words of `inner` consecutively. */
function contains(outer: string, inner: string): boolean {
  return outer !== inner && ` ${outer} `.includes(` ${inner} `);
}

/** The phrase as the sentence writes it (its first occurrence, case and accents kept), else the folded phrase. */
function surfaceForm(text: string, phrase: string): string {
  const folded = foldText(text);
  const toks = tokens(folded.text);
  const words = phrase.split(' ');
  for (let i = 0; i + words.length <= toks.length; i++) {
    if (words.every((w, k) => toks[i + k].term === w)) {
      const r = folded.toSourceRange(toks[i].start, toks[i + words.length - 1].end);
      return text.slice(r.start, r.end);
    }
  }
  return phrase;
}
