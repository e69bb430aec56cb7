/**
 * The library's parsed articles and search terms in a compact binary form, kept in the extension's
 * storage so that the next start revives them instead of reading, parsing and tokenizing every file
 * (issue #7, "warm start"). A JSON form of the same was measured too slow to parse at the scale of the
 * Brown Corpus; here the numbers (passage ranges, token numbers) are one `Int32Array` and the texts
 * (article bodies, the vocabulary) one UTF-8 string, so decoding is a few bulk copies.
 *
 * Layout (little-endian 32-bit words, then bytes): magic `AAIX`, {@link STORED_LIBRARY_VERSION}, the
 * total length in bytes, a checksum of everything after it, the byte lengths of the header (JSON)
 * and of the text, the number of integers; then the header (padded to 4 bytes), the integers and
 * the text (padded to 4 bytes). Per article, the integers are its paragraphs `[start, end, number
 * of sentences]`, its sentences `[start, end]`, its token offsets (one more than its sentences) and
 * its tokens (numbers of the stored vocabulary, two to a word when it has at most 2^16 terms);
 * after the articles, the length of each vocabulary term, then the library's postings
 * ({@link StoredPostings}: where each term's postings start, the postings, each a document and a
 * frequency in one integer, the frequencies too large for it, the vocabulary's {@link trieLinks},
 * and each document's number of postings). The vocabulary is sorted, so that a revived index needs
 * neither to number nor to sort it again. Documents are numbered as the search index numbers its
 * entries: per article in order, its paragraphs, then its sentences. Offsets into a body are UTF-16
 * code units, half-open, as everywhere (types.ts).
 *
 * Pure: no `vscode`, no Node built-ins; the caller reads and writes the bytes.
 */
import type { SentenceTerms } from './search';
import { type StoredPostings, trieLinks } from './termIndex';
import type { Article, ArticleMetadata, ContentProblem, Paragraph, Passage, Sentence } from './types';

/** The version of the layout; a store of another version is ignored (and rewritten). */
export const STORED_LIBRARY_VERSION = 2;

const MAGIC = 0x58494141; // "AAIX" read as a little-endian word
const HEADER_WORDS = 7;

/** One article file as stored. */
export interface StoredArticle {
  /** The file's URI string (also the article's `source`). */
  readonly uri: string;
  /** What the library compares to decide whether the file changed (its and its theme files' modification times and sizes). */
  readonly key: string;
  /** The article as the library used it; its passages are rebuilt from their ranges (`p1`, `p1.s1`, … as `buildPassages` numbers them). */
  readonly article: Article;
  /** The problems of the file (warnings of an article that loaded). */
  readonly problems: readonly ContentProblem[];
  /** Its sentences' words as the search index holds them ({@link SearchIndex.sentenceTerms}). */
  readonly terms: SentenceTerms;
}

/** A stored library. */
export interface StoredLibrary {
  /**
   * What else the stored articles depend on (the settings that change a parsed article, the display
   * language), as one string: a store made under another context is ignored.
   */
  readonly context: string;
  readonly articles: readonly StoredArticle[];
}

interface HeaderArticle {
  readonly uri: string;
  readonly key: string;
  readonly metadata: ArticleMetadata;
  readonly bodyLine: number;
  readonly bodyLength: number;
  /** The body's length in UTF-8 bytes (its place in the text: each article's body can be decoded alone). */
  readonly bodyBytes: number;
  readonly problems: readonly ContentProblem[];
  readonly paragraphs: number;
  readonly sentences: number;
  readonly tokens: number;
}

interface Header {
  readonly context: string;
  readonly vocabulary: number;
  /** 16 when each token takes two bytes (a vocabulary of at most 2^16 terms; an article's tokens then start at a word), else 32. */
  readonly tokenBits: 16 | 32;
  /** Number of postings ({@link StoredPostings}), and of their overflow pairs; -1 when none are stored (a library of 2^23 passages or more). */
  readonly postings: number;
  readonly overflow: number;
  readonly articles: readonly HeaderArticle[];
}

/** Whether `text` holds a lone surrogate, which UTF-8 cannot carry (it would come back as U+FFFD). */
function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** Whether this platform stores `Int32Array`s little-endian, as the layout is (all that run VS Code do). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * A checksum of the 32-bit words `words[from …)`: four FNV-1a-style lanes over every fourth word
 * (each lane a multiply per word; a file of 19 MB in about 5 ms, a third of the time of one lane
 * of two multiplies), enough to tell a damaged file.
 */
function checksum(words: Int32Array, from: number): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let c = 0x5bd1e995;
  let d = 0x27d4eb2f;
  let i = from;
  for (const end = words.length - 3; i < end; i += 4) {
    a = Math.imul(a ^ words[i], 0x01000193);
    b = Math.imul(b ^ words[i + 1], 0x01000193);
    c = Math.imul(c ^ words[i + 2], 0x01000193);
    d = Math.imul(d ^ words[i + 3], 0x01000193);
  }
  for (; i < words.length; i++) a = Math.imul(a ^ words[i], 0x01000193);
  return (a ^ Math.imul(b, 3) ^ Math.imul(c, 5) ^ Math.imul(d, 7)) >>> 0;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * The bytes of `library`. Articles whose body holds a lone surrogate (which UTF-8 cannot carry)
 * are left out, as are those whose terms do not fit them (a token outside their vocabulary
 * included); a left-out file is parsed again on the next start. Throws only on a big-endian platform (none runs VS Code).
 */
export function encodeStoredLibrary(library: StoredLibrary): Uint8Array {
  const step = encodeStoredLibrarySteps(library);
  for (;;) {
    const bytes = step();
    if (bytes) return bytes;
  }
}

/**
 * {@link encodeStoredLibrary} in steps, for a caller that encodes a large library in slices between
 * other work: each call of the function returned does one step and returns undefined, until the
 * call that returns the bytes (the same as {@link encodeStoredLibrary}'s; any later call returns
 * them again). A step encodes one article of `library.articles` (which must not change meanwhile),
 * then the vocabulary is sorted and the tokens numbered in it, the postings counted, the file laid
 * out, and its checksum computed, a step each (on the Brown Corpus in Node, the longest of those
 * about 50 ms). Throws as {@link encodeStoredLibrary} does.
 */
export function encodeStoredLibrarySteps(library: StoredLibrary): () => Uint8Array | undefined {
  if (!LITTLE_ENDIAN) throw new Error('The stored library needs a little-endian platform.');
  const vocabulary: string[] = [];
  const numbers = new Map<string, number>();
  const byVocabulary = new Map<readonly string[], Int32Array>();
  const ints: Int32Array[] = [];
  const texts: Uint8Array[] = [];
  const articles: HeaderArticle[] = [];
  const encoder = new TextEncoder();
  let sorted: string[] = [];
  let postings: ReturnType<typeof postingsOf>;
  let out: Uint8Array | undefined;
  let bytes: Uint8Array | undefined;
  let next = 0;

  const encodeArticle = ({ uri, key, article, problems, terms }: StoredArticle): void => {
    const n = article.sentences.length;
    if (terms.offsets.length !== n + 1 || terms.offsets[n] !== terms.tokens.length || hasLoneSurrogate(article.body)) return;
    if (!terms.tokens.every(v => v >= 0 && v < terms.vocabulary.length)) return;
    let local = byVocabulary.get(terms.vocabulary);
    if (!local) byVocabulary.set(terms.vocabulary, local = new Int32Array(terms.vocabulary.length).fill(-1));
    const tokens = new Int32Array(terms.tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const v = terms.tokens[i];
      let id = local[v];
      if (id < 0) {
        const term = terms.vocabulary[v];
        id = numbers.get(term) ?? -1;
        if (id < 0) {
          id = vocabulary.length;
          numbers.set(term, id);
          vocabulary.push(term);
        }
        local[v] = id;
      }
      tokens[i] = id;
    }
    const paragraphs = new Int32Array(article.paragraphs.length * 3);
    article.paragraphs.forEach((p, i) => paragraphs.set([p.start, p.end, p.sentenceIds.length], i * 3));
    const sentences = new Int32Array(n * 2);
    article.sentences.forEach((s, i) => sentences.set([s.start, s.end], i * 2));
    ints.push(paragraphs, sentences, terms.offsets, tokens);
    const body = encoder.encode(article.body);
    texts.push(body);
    articles.push({
      uri, key, metadata: article.metadata, bodyLine: article.bodyLine, bodyLength: article.body.length, bodyBytes: body.length, problems,
      paragraphs: article.paragraphs.length, sentences: n, tokens: tokens.length,
    });
  };

  const finishing: (() => void)[] = [
    // The vocabulary sorted, and the tokens numbered in it.
    () => {
      sorted = vocabulary.slice().sort();
      const rank = new Map(sorted.map((t, i) => [t, i]));
      const renumber = Int32Array.from(vocabulary, t => rank.get(t) as number);
      ints.forEach((tokens, i) => {
        if (i % 4 === 3) for (let k = 0; k < tokens.length; k++) tokens[k] = renumber[tokens[k]];
      });
    },
    () => {
      postings = postingsOf(articles, ints, sorted.length);
    },
    () => {
      // Tokens of a vocabulary of at most 2^16 terms take two bytes each (2 MB less to read on the Brown Corpus).
      const tokenBits = sorted.length <= 0x10000 ? 16 : 32;
      if (tokenBits === 16) {
        ints.forEach((a, i) => {
          if (i % 4 !== 3) return;
          const packed = new Int32Array(Math.ceil(a.length / 2));
          new Uint16Array(packed.buffer, 0, a.length).set(a);
          ints[i] = packed;
        });
      }
      ints.push(Int32Array.from(sorted, t => t.length));
      if (postings) {
        const links = trieLinks(sorted, Int32Array.from(sorted, (_, i) => i));
        ints.push(postings.termStart, postings.postings, postings.overflow, links.shared, links.nextShorter, postings.lengths);
      }
      texts.push(encoder.encode(sorted.join('')));
      const header = encoder.encode(JSON.stringify({
        context: library.context, vocabulary: sorted.length, tokenBits,
        postings: postings?.postings.length ?? -1, overflow: postings ? postings.overflow.length / 2 : -1, articles,
      } satisfies Header));
      const textLength = texts.reduce((n, t) => n + t.length, 0);
      const intCount = ints.reduce((sum, a) => sum + a.length, 0);
      const total = HEADER_WORDS * 4 + pad4(header.length) + intCount * 4 + pad4(textLength);
      out = new Uint8Array(total);
      const words = new Int32Array(out.buffer);
      let at = HEADER_WORDS * 4;
      out.set(header, at);
      at += pad4(header.length);
      for (const a of ints) {
        words.set(a, at / 4);
        at += a.length * 4;
      }
      for (const t of texts) {
        out.set(t, at);
        at += t.length;
      }
      words.set([MAGIC, STORED_LIBRARY_VERSION, total, 0, header.length, textLength, intCount]);
    },
    () => {
      const words = new Int32Array((out as Uint8Array).buffer);
      words[3] = checksum(words, 4);
      bytes = out;
    },
  ];

  return () => {
    if (bytes) return bytes;
    if (next < library.articles.length) encodeArticle(library.articles[next++]);
    else finishing.shift()?.();
    return bytes;
  };
}

/**
 * An article of the store, made when first read: its body is decoded, and its passages made, the
 * first time one of `body`, `paragraphs`, `sentences` or `passages` is read (a warm start of the
 * Brown Corpus made 65,000 passages, most of the time it took, before any was needed; a search
 * needs those of its results only). `paragraphs` (`[start, end, sentences]` each) and `sentences`
 * (`[start, end]`) have been checked against the body's length.
 */
function lazyArticle(h: HeaderArticle, decodeBody: () => string, paragraphs: Int32Array, sentences: Int32Array): Article {
  let made: { body: string; paragraphs: Paragraph[]; sentences: Sentence[] } | undefined;
  let passages: Map<string, Passage> | undefined;
  const make = (): NonNullable<typeof made> => {
    if (made) return made;
    const body = decodeBody();
    const ps: Paragraph[] = [];
    const ss: Sentence[] = [];
    for (let i = 0; i < h.paragraphs; i++) {
      const id = `p${i + 1}`;
      const sentenceIds: string[] = [];
      for (let j = 0; j < paragraphs[3 * i + 2]; j++) {
        const k = ss.length;
        const from = sentences[2 * k];
        const to = sentences[2 * k + 1];
        const s: Sentence = { kind: 'sentence', id: `${id}.s${j + 1}`, number: j + 1, paragraphId: id, start: from, end: to, text: body.slice(from, to) };
        sentenceIds.push(s.id);
        ss.push(s);
      }
      const start = paragraphs[3 * i];
      const end = paragraphs[3 * i + 1];
      ps.push({ kind: 'paragraph', id, number: i + 1, start, end, text: body.slice(start, end), sentenceIds });
    }
    made = { body, paragraphs: ps, sentences: ss };
    return made;
  };
  return {
    metadata: h.metadata,
    source: h.uri,
    bodyLine: h.bodyLine,
    get body(): string {
      return make().body;
    },
    get paragraphs(): Paragraph[] {
      return make().paragraphs;
    },
    get sentences(): Sentence[] {
      return make().sentences;
    },
    get passages(): Map<string, Passage> {
      if (!passages) {
        const { paragraphs: ps, sentences: ss } = make();
        passages = new Map<string, Passage>();
        for (const p of ps) passages.set(p.id, p);
        for (const s of ss) passages.set(s.id, s);
      }
      return passages;
    },
  };
}

/**
 * The postings of the articles `headers`, whose integers are `ints` (four arrays per article:
 * paragraphs, sentences, token offsets, tokens numbered in a vocabulary of `terms` terms): per
 * sentence, each distinct term with its count, sorted by term, then by document (paragraphs first,
 * then sentences, article after article, as {@link StoredPostings} says).
 */
function postingsOf(
  headers: readonly HeaderArticle[], ints: readonly Int32Array[], terms: number,
): (Omit<StoredPostings, 'vocabulary' | 'documents' | 'lengths'> & { lengths: Int32Array }) | undefined {
  if (headers.reduce((n, h) => n + h.paragraphs + h.sentences, 0) >= 2 ** 23) return undefined;
  const termStart = new Int32Array(terms + 1);
  const count = new Int32Array(terms);
  // First pass: how many documents hold each term.
  headers.forEach((h, a) => {
    const offsets = ints[4 * a + 2];
    const tokens = ints[4 * a + 3];
    for (let k = 0; k < h.sentences; k++) {
      for (let i = offsets[k]; i < offsets[k + 1]; i++) if (count[tokens[i]]++ === 0) termStart[tokens[i] + 1]++;
      for (let i = offsets[k]; i < offsets[k + 1]; i++) count[tokens[i]] = 0;
    }
  });
  for (let t = 0; t < terms; t++) termStart[t + 1] += termStart[t];
  const next = termStart.slice(0, terms);
  const postings = new Int32Array(termStart[terms]);
  const overflow: number[] = [];
  const lengths = new Int32Array(headers.reduce((n, h) => n + h.paragraphs + h.sentences, 0)).fill(-1);
  let doc = 0;
  headers.forEach((h, a) => {
    const offsets = ints[4 * a + 2];
    const tokens = ints[4 * a + 3];
    doc += h.paragraphs;
    for (let k = 0; k < h.sentences; k++, doc++) {
      lengths[doc] = 0;
      for (let i = offsets[k]; i < offsets[k + 1]; i++) count[tokens[i]]++;
      for (let i = offsets[k]; i < offsets[k + 1]; i++) {
        const t = tokens[i];
        if (count[t] === 0) continue;
        const at = next[t]++;
        lengths[doc]++;
        postings[at] = doc * 256 + Math.min(count[t], 255);
        if (count[t] >= 255) overflow.push(at, count[t]);
        count[t] = 0;
      }
    }
  });
  // By posting number, as adopt() reads them.
  const byNumber = Array.from({ length: overflow.length / 2 }, (_, i) => [overflow[2 * i], overflow[2 * i + 1]]).sort((a, b) => a[0] - b[0]);
  return { termStart, postings, overflow: Int32Array.from(byNumber.flat()), lengths };
}

/**
 * The library stored in `bytes`, or undefined when they are not a whole, undamaged store of this
 * {@link STORED_LIBRARY_VERSION} made under `context` (another version, truncated, a wrong checksum,
 * ranges outside their text, not a store at all). Never throws.
 */
export function decodeStoredLibrary(bytes: Uint8Array, context: string): StoredLibrary | undefined {
  try {
    return decode(bytes, context);
  } catch {
    return undefined;
  }
}

function decode(bytes: Uint8Array, context: string): StoredLibrary | undefined {
  if (!LITTLE_ENDIAN || bytes.length < HEADER_WORDS * 4 || bytes.length % 4 !== 0) return undefined;
  // An Int32Array view needs an offset that is a multiple of 4 (Node's pooled buffers may not start at one).
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
  const [magic, version, total, sum, headerLength, textLength, intCount] = words;
  if (magic !== MAGIC || version !== STORED_LIBRARY_VERSION || total !== bytes.length) return undefined;
  if (headerLength < 0 || textLength < 0 || intCount < 0) return undefined;
  const intStart = HEADER_WORDS * 4 + pad4(headerLength);
  const textStart = intStart + intCount * 4;
  if (textStart + pad4(textLength) !== total || checksum(words, 4) !== sum >>> 0) return undefined;

  const header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(aligned.subarray(HEADER_WORDS * 4, HEADER_WORDS * 4 + headerLength))) as Header;
  if (header.context !== context || !Array.isArray(header.articles)) return undefined;
  const ints = words.subarray(intStart / 4, textStart / 4);
  const textBytes = aligned.subarray(textStart, textStart + textLength);
  // Not fatal: the checksum has told damage already, and the fatal decoder took 2.5 times as long (Node 24).
  const decoder = new TextDecoder('utf-8');

  const count = (n: unknown): number => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error('not a count');
    return n;
  };
  let next = 0;
  const take = (n: number): Int32Array => {
    if (next + n > ints.length) throw new Error('past the integers');
    next += n;
    return ints.subarray(next - n, next);
  };
  let byteAt = 0;
  const parts = header.articles.map(h => {
    if (typeof h.uri !== 'string' || typeof h.key !== 'string' || !h.metadata || typeof h.metadata !== 'object' || !Array.isArray(h.problems)) throw new Error('bad header');
    const bodyAt = byteAt;
    byteAt += count(h.bodyBytes);
    const paragraphs = take(count(h.paragraphs) * 3);
    const sentences = take(count(h.sentences) * 2);
    const offsets = take(h.sentences + 1);
    const words16 = take(header.tokenBits === 16 ? Math.ceil(count(h.tokens) / 2) : count(h.tokens));
    const tokens = header.tokenBits === 16 ? new Uint16Array(words16.buffer, words16.byteOffset, h.tokens) : words16;
    return { h, bodyAt, paragraphs, sentences, offsets, tokens };
  });
  const lengths = take(count(header.vocabulary));
  const withPostings = header.postings !== -1;
  const termStart = withPostings ? take(header.vocabulary + 1) : undefined;
  const postingList = withPostings ? take(count(header.postings)) : undefined;
  const overflow = withPostings ? take(count(header.overflow) * 2) : undefined;
  const links = withPostings ? { shared: take(header.vocabulary), nextShorter: take(header.vocabulary) } : undefined;
  const documentCount = header.articles.reduce((n, h) => n + count(h.paragraphs) + count(h.sentences), 0);
  const docLengths = withPostings ? take(documentCount) : undefined;
  if (next !== ints.length || byteAt > textLength) return undefined;
  const vocabularyText = decoder.decode(textBytes.subarray(byteAt));
  let textAt = 0;
  const vocabulary = Array.from(lengths, n => {
    if (textAt + count(n) > vocabularyText.length) throw new Error('past the text');
    textAt += n;
    return vocabularyText.slice(textAt - n, textAt);
  });
  if (textAt !== vocabularyText.length) return undefined;
  let documents = 0;
  const firstDoc = parts.map(({ h }) => {
    const first = documents;
    documents += h.paragraphs + h.sentences;
    return first;
  });
  const postings: StoredPostings | undefined = termStart && postingList && overflow ? { vocabulary, termStart, postings: postingList, overflow, documents, links, lengths: docLengths } : undefined;

  const articles = parts.map(({ h, bodyAt, paragraphs, sentences, offsets, tokens }, a): StoredArticle => {
    // Checked now, without making an object: the article itself is made when first read.
    if (offsets[0] !== 0 || offsets[h.sentences] !== tokens.length) throw new Error('bad offsets');
    for (let k = 0; k < h.sentences; k++) if (offsets[k] > offsets[k + 1]) throw new Error('bad offsets');
    // Tokens are not checked one by one (a million on the Brown Corpus): the search index checks those it reads (given terms), and adopted postings need none.
    const length = count(h.bodyLength);
    const inBody = (start: number, end: number): boolean => start >= 0 && start <= end && end <= length;
    let inParagraphs = 0;
    for (let i = 0; i < h.paragraphs; i++) {
      if (!inBody(paragraphs[3 * i], paragraphs[3 * i + 1]) || !(paragraphs[3 * i + 2] >= 0)) throw new Error('bad range');
      inParagraphs += paragraphs[3 * i + 2];
    }
    if (inParagraphs !== h.sentences) throw new Error('bad sentence count');
    for (let k = 0; k < h.sentences; k++) if (!inBody(sentences[2 * k], sentences[2 * k + 1])) throw new Error('bad range');
    const article = lazyArticle(h, () => decoder.decode(textBytes.subarray(bodyAt, bodyAt + h.bodyBytes)), paragraphs, sentences);
    return {
      uri: h.uri, key: h.key, article, problems: h.problems,
      terms: { vocabulary, tokens, offsets, stored: postings && { article, postings, firstDoc: firstDoc[a], paragraphs, sentences } },
    };
  });
  return { context, articles };
}
