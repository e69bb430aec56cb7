/**
 * An inverted index of folded terms with MiniSearch's BM25+ scoring, kept compact for a library
 * of a million words.
 *
 * MiniSearch 7 keeps, per term, a `Map` of documents, and inserts every token of the text into
 * its radix tree: on the Brown Corpus (53,000 sentences) that took 2.8 s of CPU and 79 MB, and a
 * query of a frequent word (`a`, 17,600 sentences) 83 ms, as it scores, builds and sorts a result
 * object for each one (issue #7, "Speed at scale"). Here the vocabulary holds each term once; the
 * postings are integers, and a query adds scores into typed arrays without allocating per
 * document. Scores are MiniSearch's: the same BM25+ formula and parameters, the same weights of
 * prefix and fuzzy expansions, and the same quality factor (the score times the number of query
 * terms matched), so rankings do not change.
 *
 * Prefix and fuzzy look-ups walk the vocabulary sorted (a binary search; {@link fuzzyTerms}), with
 * the results of MiniSearch's radix tree (its `SearchableMap`, which the unit tests use as the
 * oracle), which this index used before: filling that tree with the Brown Corpus's 44,000 terms
 * took 120 ms in the order they came and 42 ms in sorted order, its fuzzy look-up was slower
 * (0.07 ms a term against 0.04), and a warm start from the stored library (issue #7, "under
 * 200 ms") takes a vocabulary already sorted ({@link TermIndex.adopt}), so needs no tree at all.
 */

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
 * A library's postings as stored (src/core/storedLibrary.ts), for {@link TermIndex.adopt}.
 */
export interface StoredPostings {
  /** The terms, sorted by UTF-16 code units (the order of `Array.prototype.sort` without a comparator); a term's number is its place. */
  readonly vocabulary: readonly string[];
  /** Per term number, where its postings start; one more than the terms, the last the number of postings. */
  readonly termStart: Int32Array;
  /**
   * The postings, sorted by term, then by stored document number, each `document × 256 + frequency`
   * (documents below 2^23); a frequency of 255 or more is written 255 and given in `overflow`.
   */
  readonly postings: Int32Array;
  /** `[posting number, frequency]` for each posting whose frequency is 255 or more, by posting number. */
  readonly overflow: Int32Array;
  /** The {@link trieLinks} of the vocabulary (it is sorted), when stored: fuzzy look-ups need them. */
  readonly links?: TrieLinks;
  /** Per stored document, its number of postings (distinct terms), -1 for a paragraph; counted from the postings when not stored. */
  readonly lengths?: Int32Array;
  /** Number of stored documents (paragraphs included): documents are numbered `0 … documents - 1`. */
  readonly documents: number;
}

/** Grows `a` to hold at least `n` elements (doubling), keeping its contents. */
function grown(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2, 1024));
  b.set(a);
  return b;
}

/**
 * Documents are numbered by the caller (small non-negative integers, each added at most once while
 * present). Every method is linear in the postings it touches; nothing throws for unknown terms.
 *
 * Postings live in one `Int32Array` sorted by term (`base`, with `baseStart[term]` its first
 * posting), each `doc × 256 + frequency` ({@link packPosting}; a frequency of 255 or more is kept
 * in `overflow`), the layout of the stored library, which a warm start takes over without copying
 * ({@link TermIndex.adopt}). It is built in one pass by the first query from the postings added
 * before it; documents added later go to small per-term arrays (`extra`). On the Brown Corpus the
 * 44,000 growing arrays of one list per term cost 0.4 to 0.7 s of the build (allocation and
 * collection), the single array about 20 ms.
 */
export class TermIndex {
  /**
   * Term → term number, for adding documents; undefined after {@link adopt} until a term is added
   * (exact look-ups then use {@link order}).
   */
  private ids: Map<string, number> | undefined = new Map();
  /** Term numbers sorted by term: the first `ordered` terms (by number) are in it; brought up to date by the next look-up. */
  private order = new Int32Array(0);
  private ordered = 0;
  /** {@link trieLinks} of {@link order}, for fuzzy look-ups; undefined until the first after the order changed. */
  private links: TrieLinks | undefined;
  /** Per term number: the term. */
  private terms: string[] = [];
  /** Packed postings ({@link packPosting}), by term number: those of term `t` are `base[baseStart[t] … baseStart[t + 1])`. */
  private base: Int32Array = new Int32Array(0);
  private baseStart: Int32Array = new Int32Array(1);
  /** Frequencies of 255 or more, by place in `base`. */
  private overflow = new Map<number, number>();
  /** Per term number (from `baseStart.length - 1` on, `base` has none): pairs added after `base` was built, in the order added. */
  private extra: (number[] | undefined)[] = [];
  /** `[term, doc, frequency]` triples added since the last {@link seal}, `pendingLength` of them. */
  private pending: Int32Array<ArrayBuffer> = new Int32Array(0);
  private pendingLength = 0;
  /** Per term number: documents present that hold it. */
  private frequency: number[] = [];
  /** Per document: its number of distinct terms (MiniSearch's field length); -1 when absent (never added, or removed). */
  private lengths: Int32Array = new Int32Array(0);
  private documents = 0;
  private totalLength = 0;
  /** Postings of removed documents still in the arrays; compacted when they grow past the live ones. */
  private dead = 0;
  private live = 0;

  /** Per term number: the {@link serial} of the last `add` that posted it, and where (index of its triple in `pending`). */
  private lastAdd: Int32Array<ArrayBuffer> = new Int32Array(0);
  private lastAt: Int32Array<ArrayBuffer> = new Int32Array(0);
  /** Number of the current `add`, so that a document's repeated terms find their own posting. */
  private serial = 0;
  private score = new Float64Array(0);
  private mask = new Uint32Array(0);
  /** Documents of the last query (the first `foundCount`), whose masks the next one clears. */
  private found = new Int32Array(0);
  private foundCount = 0;

  /** Number of documents present. */
  get size(): number {
    return this.documents;
  }

  /** Number of terms ever added (term numbers are `0 … termCount - 1`), those of removed documents included. */
  get termCount(): number {
    return this.terms.length;
  }

  /** Every term by number (`0 … termCount - 1`): a live view, which grows as terms are added. */
  get vocabulary(): readonly string[] {
    return this.terms;
  }

  /** The number of `term`, added to the vocabulary when new. */
  termId(term: string): number {
    const ids = this.idMap();
    let id = ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      ids.set(term, id);
      this.terms.push(term);
      this.frequency.push(0);
      if (id >= this.lastAdd.length) {
        this.lastAdd = grown(this.lastAdd, id + 1);
        this.lastAt = grown(this.lastAt, id + 1);
      }
    }
    return id;
  }

  /** Adds document `doc` with its `terms` (as tokenized, repeats counted). A document without terms is counted, as in MiniSearch. */
  add(doc: number, terms: readonly string[]): void {
    this.addTokens(doc, terms.map(t => this.termId(t)), 0, terms.length);
  }

  /**
   * {@link add} for terms given by number ({@link termId}): `ids[from … to)` are the document's
   * tokens in order, repeats counted.
   */
  addTokens(doc: number, ids: ArrayLike<number>, from: number, to: number): void {
    // A term seen again in the same document adds to the frequency of the triple it wrote last: no
    // Map of its own to count a document's terms first.
    const serial = ++this.serial;
    let distinct = 0;
    for (let i = from; i < to; i++) {
      const id = ids[i];
      if (this.lastAdd[id] === serial) {
        this.pending[this.lastAt[id] + 2]++;
      } else {
        this.lastAdd[id] = serial;
        this.lastAt[id] = this.push(id, doc, 1);
        distinct++;
      }
    }
    if (doc >= this.lengths.length) {
      const lengths = new Int32Array(Math.max(doc + 1, this.lengths.length * 2, 1024)).fill(-1);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.lengths[doc] = distinct;
    this.documents++;
    this.totalLength += distinct;
    this.live += distinct;
  }

  /** Makes room for `postings` more postings before the next query, so that adding a whole library does not grow the buffer step by step. */
  reserve(postings: number): void {
    this.pending = grown(this.pending, (this.pendingLength + postings) * 3);
  }

  /** Lays out the postings and sorts the vocabulary now, so that the first query does not wait for them (for idle time). */
  prepare(): void {
    this.seal();
    this.sorted();
  }

  /** The map of every term to its number, made again from the vocabulary after {@link adopt}. */
  private idMap(): Map<string, number> {
    if (!this.ids) {
      this.ids = new Map();
      this.terms.forEach((t, i) => this.ids?.set(t, i));
    }
    return this.ids;
  }

  /** The number of `term`, or undefined when it is not in the vocabulary. */
  private lookup(term: string): number | undefined {
    if (this.ids) return this.ids.get(term);
    const order = this.sorted();
    const at = lowerBound(this.terms, order, term);
    return at < order.length && this.terms[order[at]] === term ? order[at] : undefined;
  }

  /** {@link order}, with every term in it. */
  private sorted(): Int32Array {
    const n = this.terms.length;
    if (this.ordered === n) return this.order;
    const terms = this.terms;
    const byTerm = (a: number, b: number): number => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0);
    if (this.ordered < n / 2) {
      // All of them: the strings sorted natively (a comparator of numbers took twice as long), then numbered.
      const ids = this.idMap();
      this.order = Int32Array.from(terms.slice().sort(), t => ids.get(t) as number);
    } else {
      // A few new terms (a changed file): sorted alone and merged in.
      const added = Int32Array.from({ length: n - this.ordered }, (_, i) => this.ordered + i).sort(byTerm);
      const old = this.order;
      const merged = new Int32Array(n);
      // The trie links stay those of the old order where two old terms stay neighbours: only the
      // shared prefixes around the new terms are compared again (all of them took 10 ms on 44,000 terms).
      const oldShared = this.links?.shared;
      const shared = oldShared ? new Int32Array(n) : undefined;
      let i = 0;
      let j = 0;
      let previousOld = -1; // place in `old` of merged[k - 1], or -1 when it is a new term
      for (let k = 0; k < n; k++) {
        const fromOld = j >= added.length || (i < old.length && byTerm(old[i], added[j]) < 0);
        merged[k] = fromOld ? old[i++] : added[j++];
        if (shared && oldShared && k > 0) shared[k] = fromOld && previousOld === i - 2 ? oldShared[i - 1] : commonPrefix(terms[merged[k - 1]], terms[merged[k]]);
        previousOld = fromOld ? i - 1 : -1;
      }
      this.order = merged;
      this.ordered = n;
      this.links = shared ? { shared, nextShorter: nextShorterOf(shared) } : undefined;
      return merged;
    }
    this.ordered = n;
    this.links = undefined;
    return this.order;
  }

  /** Calls `f(id, term)` for each term that starts with `prefix`, in sorted order. */
  private withPrefix(prefix: string, f: (id: number, term: string) => void): void {
    const order = this.sorted();
    const terms = this.terms;
    for (let at = lowerBound(terms, order, prefix); at < order.length && terms[order[at]].startsWith(prefix); at++) f(order[at], terms[order[at]]);
  }

  /**
   * Takes over the postings of a stored library: the index must be empty. `docOf[d]` is the number
   * here of stored document `d`, or -1 to leave its postings out (an article changed since it was
   * stored); `sentences` lists the numbers here of every document taken over, those without terms
   * included (they count, as in {@link add}). With `docOf` `'same'`, every stored document keeps its
   * number, and `sentences` lists them as `[from, to)` ranges (one pair per article) instead. The
   * vocabulary becomes the stored one, numbered as stored.
   * Returns false (and leaves the index empty) when the postings name a document that `sentences`
   * does not list, or are not well formed.
   */
  adopt(stored: StoredPostings, docOf: Int32Array | 'same', sentences: ArrayLike<number>): boolean {
    if (this.terms.length > 0 || this.documents > 0) throw new Error('TermIndex.adopt needs an empty index');
    const { vocabulary, termStart, postings, overflow } = stored;
    const n = vocabulary.length;
    if (termStart.length !== n + 1 || termStart[0] !== 0 || termStart[n] !== postings.length) return false;
    if (docOf === 'same') return this.adoptAsStored(stored, sentences);
    let last = -1;
    for (let i = 0; i < sentences.length; i++) last = Math.max(last, sentences[i]);
    const lengths = new Int32Array(last + 1).fill(-1);
    for (let i = 0; i < sentences.length; i++) lengths[sentences[i]] = 0;
    const base = new Int32Array(postings.length);
    const kept = new Map<number, number>();
    const start = new Int32Array(n + 1);
    const frequency = new Array<number>(n);
    let w = 0;
    let over = 0;
    for (let t = 0; t < n; t++) {
      const end = termStart[t + 1];
      if (end < termStart[t]) return false;
      for (let r = termStart[t]; r < end; r++) {
        const p = postings[r];
        let tf = p & 255;
        if (tf === 255) {
          if (overflow[2 * over] !== r) return false;
          tf = overflow[2 * over + 1];
          over++;
        }
        const doc = docOf[p >>> 8];
        if (doc === -1) continue;
        if (doc === undefined || !(lengths[doc] >= 0) || !(tf >= 1)) return false;
        if (tf >= 255) kept.set(w, tf);
        base[w++] = packPosting(doc, tf);
        lengths[doc]++;
      }
      start[t + 1] = w;
      frequency[t] = start[t + 1] - start[t];
    }
    this.frequency = frequency;
    this.lengths = lengths;
    this.base = w === base.length ? base : base.slice(0, w);
    this.baseStart = start;
    this.overflow = kept;
    this.documents = sentences.length;
    this.totalLength = this.live = w;
    this.takeVocabulary(vocabulary);
    return true;
  }

  /**
   * {@link adopt} of every stored document under its stored number: the stored postings become
   * `base` as they are (no copy: on the Brown Corpus, 3.6 MB that a copy had to write), and only
   * the documents' lengths and the terms' frequencies are counted.
   */
  private adoptAsStored(stored: StoredPostings, sentenceRanges: ArrayLike<number>): boolean {
    const { vocabulary, termStart, postings, overflow, documents } = stored;
    const n = vocabulary.length;
    let sentences = 0;
    for (let i = 0; i < sentenceRanges.length; i += 2) {
      const from = sentenceRanges[i];
      const to = sentenceRanges[i + 1];
      if (!(from >= 0 && from <= to && to <= documents)) return false;
      sentences += to - from;
    }
    const kept = new Map<number, number>();
    for (let i = 0; i < overflow.length; i += 2) {
      if (!(overflow[i + 1] >= 255) || (postings[overflow[i]] & 255) !== 255) return false;
      kept.set(overflow[i], overflow[i + 1]);
    }
    let lengths: Int32Array;
    if (stored.lengths?.length === documents) {
      // Stored: no pass over the postings (a million on the Brown Corpus). A posting of a document
      // outside them, or of a paragraph, is never found (its length is not positive).
      lengths = stored.lengths.slice();
    } else {
      lengths = new Int32Array(documents).fill(-1);
      for (let i = 0; i < sentenceRanges.length; i += 2) lengths.fill(0, sentenceRanges[i], sentenceRanges[i + 1]);
      for (let r = 0; r < postings.length; r++) {
        const doc = postings[r] >>> 8;
        if (!(lengths[doc] >= 0) || (postings[r] & 255) === 0 || ((postings[r] & 255) === 255 && !kept.has(r))) return false;
        lengths[doc]++;
      }
    }
    const frequency = new Array<number>(n);
    for (let t = 0; t < n; t++) {
      frequency[t] = termStart[t + 1] - termStart[t];
      if (frequency[t] < 0) return false;
    }
    this.frequency = frequency;
    this.lengths = lengths;
    this.base = postings;
    this.baseStart = termStart;
    this.overflow = kept;
    this.documents = sentences;
    this.totalLength = this.live = postings.length;
    this.takeVocabulary(vocabulary, stored.links);
    return true;
  }

  /** Takes `vocabulary` (stored: sorted, as a rule) as the index's, numbered as it is, with its {@link trieLinks} when stored. */
  private takeVocabulary(vocabulary: readonly string[], links?: TrieLinks): void {
    const n = vocabulary.length;
    this.terms = vocabulary.slice();
    this.ids = undefined;
    let sorted = true;
    for (let t = 1; t < n && sorted; t++) sorted = vocabulary[t - 1] < vocabulary[t];
    const order = new Int32Array(sorted ? n : 0);
    for (let t = 0; t < order.length; t++) order[t] = t;
    this.order = order;
    this.ordered = sorted ? n : 0;
    let usable = sorted && links?.shared.length === n && links.nextShorter.length === n;
    // A jump that does not go forward would never end a fuzzy walk.
    for (let k = 0; usable && links && k < n; k++) usable = links.nextShorter[k] > k && links.nextShorter[k] <= n;
    this.links = usable ? links : undefined;
    this.lastAdd = new Int32Array(Math.max(n, 1024));
    this.lastAt = new Int32Array(Math.max(n, 1024));
  }


  /** Writes one triple to `pending`; returns its index. */
  private push(term: number, doc: number, frequency: number): number {
    const at = this.pendingLength * 3;
    if (at + 3 > this.pending.length) this.pending = grown(this.pending, at + 3);
    this.pending[at] = term;
    this.pending[at + 1] = doc;
    this.pending[at + 2] = frequency;
    this.pendingLength++;
    this.frequency[term]++;
    return at;
  }

  /**
   * Moves the pending triples into the postings: into `base` (sorted by term, in one counting pass)
   * when it is empty, else into the per-term `extra` arrays.
   */
  private seal(): void {
    if (this.pendingLength === 0) return;
    const p = this.pending;
    const n = this.pendingLength * 3;
    if (this.base.length === 0 && this.extra.length === 0) {
      const start = new Int32Array(this.terms.length + 1);
      for (let i = 0; i < n; i += 3) start[p[i] + 1]++;
      for (let t = 0; t < this.terms.length; t++) start[t + 1] += start[t];
      const next = start.slice(0, this.terms.length);
      const base = new Int32Array(this.pendingLength);
      const overflow = new Map<number, number>();
      for (let i = 0; i < n; i += 3) {
        const at = next[p[i]]++;
        base[at] = packPosting(p[i + 1], p[i + 2]);
        if (p[i + 2] >= 255) overflow.set(at, p[i + 2]);
      }
      this.base = base;
      this.baseStart = start;
      this.overflow = overflow;
    } else {
      for (let i = 0; i < n; i += 3) (this.extra[p[i]] ??= []).push(p[i + 1], p[i + 2]);
    }
    this.pendingLength = 0;
    // The buffer of a whole library's build is 12 MB: keep only a small one for later changes.
    if (this.pending.length > 3 * 4096) this.pending = new Int32Array(0);
  }

  /** Calls `f(doc, frequency)` for each posting of term number `id`, removed documents included, in the order added. */
  private postingsOf(id: number, f: (doc: number, frequency: number) => void): void {
    if (id + 1 < this.baseStart.length) {
      const base = this.base;
      for (let r = this.baseStart[id], end = this.baseStart[id + 1]; r < end; r++) {
        const tf = base[r] & 255;
        f(base[r] >>> 8, tf === 255 ? this.overflow.get(r) ?? tf : tf);
      }
    }
    const list = this.extra[id];
    if (list) for (let r = 0; r < list.length; r += 2) f(list[r], list[r + 1]);
  }

  /** Removes document `doc`, which was added with `terms` (the same list). Unknown documents are ignored. */
  remove(doc: number, terms: readonly string[]): void {
    const length = doc < this.lengths.length ? this.lengths[doc] : -1;
    if (!(length >= 0)) return;
    this.seal();
    this.lengths[doc] = -1;
    this.documents--;
    if (length === 0) return;
    for (const t of new Set(terms)) {
      const id = this.lookup(t);
      if (id !== undefined) this.frequency[id]--;
    }
    this.totalLength -= length;
    this.dead += length;
    this.live -= length;
    if (this.dead > this.live) this.compact();
  }

  /** Drops the postings of removed documents, and builds `base` again from all that are left. */
  private compact(): void {
    const kept: number[] = [];
    const start = new Int32Array(this.terms.length + 1);
    for (let t = 0; t < this.terms.length; t++) {
      this.postingsOf(t, (doc, frequency) => {
        if (this.lengths[doc] > 0) kept.push(doc, frequency);
      });
      start[t + 1] = kept.length >> 1;
    }
    const base = new Int32Array(kept.length >> 1);
    const overflow = new Map<number, number>();
    for (let i = 0; i < base.length; i++) {
      base[i] = packPosting(kept[2 * i], kept[2 * i + 1]);
      if (kept[2 * i + 1] >= 255) overflow.set(i, kept[2 * i + 1]);
    }
    this.base = base;
    this.baseStart = start;
    this.overflow = overflow;
    this.extra = [];
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
    this.seal();
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
    const lengths = this.lengths;
    const visit = (termId: number, term: string, weight: number, bit: number): void => {
      const df = this.frequency[termId];
      if (df <= 0) return;
      expansions.set(term, (expansions.get(term) ?? 0) | bit);
      const idf = Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
      const post = (doc: number, tf: number): void => {
        const length = lengths[doc];
        if (!(length > 0)) return;
        if (mask[doc] === 0) {
          if (accept && !accept(doc)) return;
          found[count++] = doc;
          score[doc] = 0;
        }
        score[doc] += weight * idf * (BM25.d + tf * (BM25.k + 1) / (tf + BM25.k * (1 - BM25.b + BM25.b * length / average)));
        mask[doc] |= bit;
      };
      this.postingsOf(termId, post);
    };
    // Expansions are visited in sorted order, whatever the order the terms were numbered in: a
    // revived index and one built from the files add the same scores in the same order.
    queries.forEach((q, i) => {
      const bit = (1 << i) >>> 0;
      const exact = this.lookup(q.term);
      if (exact !== undefined) visit(exact, q.term, 1, bit);
      const distance = q.fuzzy > 0 ? Math.min(MAX_FUZZY, Math.round(q.term.length * q.fuzzy)) : 0;
      let fuzzy: Map<string, [number, number]> | undefined;
      if (distance > 0) {
        fuzzy = new Map();
        const found = fuzzy;
        const order = this.sorted();
        this.links ??= trieLinks(this.terms, order);
        fuzzyTerms(this.terms, order, this.links, q.term, distance, (id, term, edits) => found.set(term, [id, edits]));
      }
      if (q.prefix) {
        this.withPrefix(q.term, (id, term) => {
          const extra = term.length - q.term.length;
          if (!extra) return;
          fuzzy?.delete(term);
          visit(id, term, PREFIX_WEIGHT * term.length / (term.length + 0.3 * extra), bit);
        });
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

/**
 * A posting in one integer: `doc × 256 + frequency`, the frequency capped at 255 (the index keeps
 * larger ones apart). Documents below 2^24 (`>>> 8` reads them back).
 */
export function packPosting(doc: number, frequency: number): number {
  return (doc * 256 + Math.min(frequency, 255)) | 0;
}

/**
 * Calls `f(id, term, edits)`, in sorted order, for each term of the vocabulary within
 * `maxDistance` edits of `query` (Levenshtein distance: insertions, deletions and substitutions of
 * UTF-16 code units), `edits` being that distance: the terms and distances that MiniSearch 7's
 * `SearchableMap.fuzzyGet` finds. It walks the sorted terms as a trie: a term's edit-distance rows
 * for the prefix it shares with the previous term are kept, and when every entry of a row exceeds
 * `maxDistance`, the terms that share that prefix are skipped in a few jumps ({@link TrieLinks}),
 * without comparing strings. About 0.04 ms a term within one edit on the Brown Corpus's 44,000
 * terms (MiniSearch's radix tree: 0.07 ms, once filled in 42 to 120 ms).
 * @param order term numbers sorted by term ({@link TermIndex}'s `order`).
 * @param links {@link trieLinks} of `order`.
 */
export function fuzzyTerms(
  terms: readonly string[], order: Int32Array, links: TrieLinks, query: string, maxDistance: number,
  f: (id: number, term: string, edits: number) => void,
): void {
  const { shared, nextShorter } = links;
  const n = query.length + 1;
  // A term longer than the query by more than maxDistance is never near it: its rows stop before.
  const depth = n + maxDistance + 1;
  // Entries more than maxDistance off the diagonal are never within reach: they stay maxDistance + 1
  // and only the band is computed, as MiniSearch does.
  const far = maxDistance + 1;
  const rows = new Int32Array(depth * n).fill(far);
  for (let j = 0; j < n; j++) rows[j] = j;
  for (let i = 0; i < depth; i++) rows[i * n] = i;
  const q = Array.from({ length: query.length }, (_, j) => query.charCodeAt(j));
  let valid = 0; // rows 0 … valid hold the prefix of that length of the term walked last
  let at = 0;
  while (at < order.length) {
    const term = terms[order[at]];
    let pruned = 0;
    for (let i = Math.min(valid, shared[at]) + 1; i <= term.length; i++) {
      if (i >= depth) {
        pruned = i;
        break;
      }
      const c = term.charCodeAt(i - 1);
      const row = i * n;
      const above = row - n;
      let min = i <= maxDistance ? i : far;
      for (let j = Math.max(1, i - maxDistance), end = Math.min(n - 1, i + maxDistance); j <= end; j++) {
        let cost = rows[above + j - 1] + (q[j - 1] === c ? 0 : 1);
        const up = rows[above + j] + 1;
        const left = rows[row + j - 1] + 1;
        if (up < cost) cost = up;
        if (left < cost) cost = left;
        rows[row + j] = cost;
        if (cost < min) min = cost;
      }
      if (min > maxDistance) {
        pruned = i;
        break;
      }
    }
    if (pruned > 0) {
      // No term that starts with term[0 … pruned) is near: go past them all (they follow it, sorted).
      valid = pruned - 1;
      // Every place between `at` and nextShorter[at] shares at least shared[at] units with the term before.
      for (at++; at < order.length && shared[at] >= pruned;) at = nextShorter[at];
      continue;
    }
    valid = term.length;
    const edits = rows[term.length * n + n - 1];
    if (edits <= maxDistance) f(order[at], term, edits);
    at++;
  }
}

/** How the sorted terms hang together as a trie, for {@link fuzzyTerms}. */
export interface TrieLinks {
  /** Per place in the order: how many first UTF-16 units its term shares with the term before (0 for the first). */
  readonly shared: Int32Array;
  /** Per place `k`: the first place after it whose `shared` is smaller than `shared[k]` (the order's length if none). */
  readonly nextShorter: Int32Array;
}

/** The {@link TrieLinks} of `order` (term numbers sorted by term): linear in the terms' shared prefixes. */
export function trieLinks(terms: readonly string[], order: Int32Array): TrieLinks {
  const n = order.length;
  const shared = new Int32Array(n);
  for (let k = 1; k < n; k++) shared[k] = commonPrefix(terms[order[k - 1]], terms[order[k]]);
  return { shared, nextShorter: nextShorterOf(shared) };
}

/** How many first UTF-16 units `a` and `b` share. */
function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** {@link TrieLinks.nextShorter} of `shared`: one pass with a stack. */
function nextShorterOf(shared: Int32Array): Int32Array {
  const n = shared.length;
  const nextShorter = new Int32Array(n).fill(n);
  const stack: number[] = [];
  for (let k = 0; k < n; k++) {
    while (stack.length > 0 && shared[stack[stack.length - 1]] > shared[k]) nextShorter[stack.pop() as number] = k;
    stack.push(k);
  }
  return nextShorter;
}

/** The first place in `order` (term numbers sorted by term) whose term is not below `term`. */
function lowerBound(terms: readonly string[], order: Int32Array, term: string): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[order[mid]] < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of bits set in a 32-bit integer. */
function popCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
