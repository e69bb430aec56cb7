/**
 * An inverted index of folded terms with MiniSearch's BM25+ scoring, kept compact for a library
 * of a million words.
 *
 * MiniSearch 7 keeps, per term, a `Map` of documents, and inserts every token of the text into
 * its radix tree: on the Brown Corpus (53,000 sentences) that took 2.8 s of CPU and 79 MB, and a
 * query of a frequent word (`a`, 17,600 sentences) 83 ms, as it scores, builds and sorts a result
 * object for each one (issue #7, "Speed at scale"). Here MiniSearch's `SearchableMap` (its radix
 * tree, with prefix and fuzzy look-up) holds only the vocabulary, each term once; the postings are
 * arrays of small integers, and a query adds scores into typed arrays without allocating per
 * document. Scores are MiniSearch's: the same BM25+ formula and parameters, the same weights of
 * prefix and fuzzy expansions, and the same quality factor (the score times the number of query
 * terms matched), so rankings do not change.
 */
import SearchableMap from 'minisearch/SearchableMap';

/** BM25+ parameters of MiniSearch 7 (`defaultBM25params`): term-frequency saturation, length normalization, lower bound. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** Weights of MiniSearch 7 for terms found by prefix and by fuzzy expansion (`defaultSearchOptions.weights`). */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** MiniSearch's `maxFuzzy`: most edits, whatever the fuzziness. */
const MAX_FUZZY = 6;

/** How one query term expands: exactly, to the words it begins, to words within a number of edits. */
export interface TermQuery {
  readonly term: string;
  readonly prefix: boolean;
  /** Fraction of the term's length (UTF-16 units) allowed as edits, rounded (at most 6); 0 for none. */
  readonly fuzzy: number;
}

/**
 * Scores of one query, per document id, in typed arrays owned by the index: valid until its next
 * `search` or `all`. `ids` lists the documents found, in no order; other entries of the arrays mean nothing.
 */
export interface Scores {
  readonly ids: Int32Array;
  /** MiniSearch's score: the BM25+ sum over matched terms, times the number of query terms matched. */
  readonly score: Float64Array;
  /** Bit `i` set when query term `i` matched (at most 32 terms). */
  readonly mask: Uint32Array;
  /** The document terms each query term expanded to that occur in the index, with the query-term bits they match. */
  readonly expansions: ReadonlyMap<string, number>;
}

/**
 * Documents are numbered by the caller (small non-negative integers, each added at most once while
 * present). Every method is linear in the postings it touches; nothing throws for unknown terms.
 */
export class TermIndex {
  /** Term → term number: the radix tree answers prefix and fuzzy look-ups; `ids` the exact ones, faster. */
  private readonly vocabulary = new SearchableMap<number>();
  private readonly ids = new Map<string, number>();
  /** Per term number: `[doc, frequency, doc, frequency, …]`, documents in the order added. */
  private readonly postings: number[][] = [];
  /** Per term number: documents present that hold it. */
  private readonly frequency: number[] = [];
  /** Per document: its number of distinct terms (MiniSearch's field length), 0 when absent. */
  private readonly lengths: number[] = [];
  private documents = 0;
  private totalLength = 0;
  /** Postings of removed documents still in the arrays; compacted when they grow past the live ones. */
  private dead = 0;
  private live = 0;

  /** Term counts of the document being added (reused: one Map for all documents). */
  private readonly counts = new Map<string, number>();
  private score = new Float64Array(0);
  private mask = new Uint32Array(0);
  /** Documents of the last query (the first `foundCount`), whose masks the next one clears. */
  private found = new Int32Array(0);
  private foundCount = 0;

  /** Number of documents present. */
  get size(): number {
    return this.documents;
  }

  /** Adds document `doc` with its `terms` (as tokenized, repeats counted). A document without terms is counted, as in MiniSearch. */
  add(doc: number, terms: readonly string[]): void {
    const counts = this.counts;
    counts.clear();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, n] of counts) {
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.postings.length;
        this.ids.set(t, id);
        this.vocabulary.set(t, id);
        this.postings.push([]);
        this.frequency.push(0);
      }
      this.postings[id].push(doc, n);
      this.frequency[id]++;
    }
    this.lengths[doc] = counts.size;
    this.documents++;
    this.totalLength += counts.size;
    this.live += counts.size;
  }

  /** Removes document `doc`, which was added with `terms` (the same list). Unknown documents are ignored. */
  remove(doc: number, terms: readonly string[]): void {
    const length = this.lengths[doc];
    if (length === undefined || length < 0) return;
    this.lengths[doc] = -1;
    this.documents--;
    if (length === 0) return;
    for (const t of new Set(terms)) {
      const id = this.ids.get(t);
      if (id !== undefined) this.frequency[id]--;
    }
    this.totalLength -= length;
    this.dead += length;
    this.live -= length;
    if (this.dead > this.live) this.compact();
  }

  /** Drops the postings of removed documents. */
  private compact(): void {
    for (const list of this.postings) {
      let w = 0;
      for (let r = 0; r < list.length; r += 2) {
        if (this.lengths[list[r]] > 0) {
          list[w++] = list[r];
          list[w++] = list[r + 1];
        }
      }
      list.length = w;
    }
    this.dead = 0;
  }

  /**
   * Scores the documents holding any of `queries` (OR), as MiniSearch's `search` with
   * `combineWith: 'OR'` does: each query term adds the BM25+ score of every document term it
   * expands to (weight 1 exactly, a prefix expansion `0.375 × len / (len + 0.3 × extra letters)`,
   * a fuzzy one `0.45 × len / (len + edits)`), and the sum is multiplied by the number of query
   * terms matched. `accept` (when given) keeps a document; others are left out.
   *
   * @param queries at most 32 terms.
   */
  search(queries: readonly TermQuery[], accept?: (doc: number) => boolean): Scores {
    if (this.score.length < this.lengths.length) {
      this.score = new Float64Array(this.lengths.length * 2);
      this.mask = new Uint32Array(this.lengths.length * 2);
      this.found = new Int32Array(this.lengths.length * 2);
      this.foundCount = 0;
    }
    const { score, mask, found } = this;
    for (let i = 0; i < this.foundCount; i++) mask[found[i]] = 0;
    let count = 0;
    const expansions = new Map<string, number>();
    const average = this.documents > 0 ? this.totalLength / this.documents : 0;
    const visit = (termId: number, term: string, weight: number, bit: number): void => {
      const list = this.postings[termId];
      const df = this.frequency[termId];
      if (df <= 0) return;
      expansions.set(term, (expansions.get(term) ?? 0) | bit);
      const idf = Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
      for (let r = 0; r < list.length; r += 2) {
        const doc = list[r];
        const length = this.lengths[doc];
        if (!(length > 0)) continue;
        if (mask[doc] === 0) {
          if (accept && !accept(doc)) continue;
          found[count++] = doc;
          score[doc] = 0;
        }
        const tf = list[r + 1];
        score[doc] += weight * idf * (BM25.d + tf * (BM25.k + 1) / (tf + BM25.k * (1 - BM25.b + BM25.b * length / average)));
        mask[doc] |= bit;
      }
    };
    queries.forEach((q, i) => {
      const bit = (1 << i) >>> 0;
      const exact = this.ids.get(q.term);
      if (exact !== undefined) visit(exact, q.term, 1, bit);
      const prefixed = q.prefix ? this.vocabulary.atPrefix(q.term) : undefined;
      const distance = q.fuzzy > 0 ? Math.min(MAX_FUZZY, Math.round(q.term.length * q.fuzzy)) : 0;
      const fuzzy = distance > 0 ? this.vocabulary.fuzzyGet(q.term, distance) : undefined;
      if (prefixed) {
        for (const [term, id] of prefixed) {
          const extra = term.length - q.term.length;
          if (!extra) continue;
          fuzzy?.delete(term);
          visit(id, term, PREFIX_WEIGHT * term.length / (term.length + 0.3 * extra), bit);
        }
      }
      if (fuzzy) {
        for (const [term, [id, edits]] of fuzzy) {
          if (edits) visit(id, term, FUZZY_WEIGHT * term.length / (term.length + edits), bit);
        }
      }
    });
    this.foundCount = count;
    const ids = found.subarray(0, count);
    for (const doc of ids) score[doc] *= popCount(mask[doc]);
    return { ids, score, mask, expansions };
  }

  /**
   * The documents holding every one of `words` exactly (AND, no expansion), each with MiniSearch's
   * score for `combineWith: 'AND'` (the BM25+ sum times the number of words).
   */
  all(words: readonly string[], accept?: (doc: number) => boolean): Map<number, number> {
    const out = new Map<number, number>();
    const found = this.search(words.map(term => ({ term, prefix: false, fuzzy: 0 })), accept);
    const full = words.length >= 32 ? 0xffffffff : (1 << words.length) - 1;
    for (const doc of found.ids) if (found.mask[doc] === full) out.set(doc, found.score[doc]);
    return out;
  }
}

/** Number of bits set in a 32-bit integer. */
function popCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
