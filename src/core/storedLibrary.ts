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
 * its tokens (numbers of the stored vocabulary); after the articles, the length of each vocabulary
 * term. Offsets into a body are UTF-16 code units, half-open, as everywhere (types.ts).
 *
 * Pure: no `vscode`, no Node built-ins; the caller reads and writes the bytes.
 */
import type { SentenceTerms } from './search';
import type { Article, ArticleMetadata, ContentProblem, Paragraph, Passage, Sentence } from './types';

/** The version of the layout; a store of another version is ignored (and rewritten). */
export const STORED_LIBRARY_VERSION = 1;

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
  readonly problems: readonly ContentProblem[];
  readonly paragraphs: number;
  readonly sentences: number;
  readonly tokens: number;
}

interface Header {
  readonly context: string;
  readonly vocabulary: number;
  readonly articles: readonly HeaderArticle[];
}

/** Whether `text` holds a lone surrogate, which UTF-8 cannot carry (it would come back as U+FFFD). */
function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** Whether this platform stores `Int32Array`s little-endian, as the layout is (all that run VS Code do). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A checksum of the 32-bit words `words[from …)`: two FNV-1a-style lanes, enough to tell a damaged file. */
function checksum(words: Int32Array, from: number): number {
  const sum = new Checksum(from);
  sum.add(words, Number.POSITIVE_INFINITY);
  return sum.value();
}

/** {@link checksum} computed a part at a time. */
class Checksum {
  private a = 0x811c9dc5;
  private b = 0x01000193;
  /** @param at the first word to sum. */
  constructor(private at: number) {}

  /** Sums up to `count` more words of `words` (the same array each time); true once the last word is summed. */
  add(words: Int32Array, count: number): boolean {
    let { a, b } = this;
    const end = Math.min(words.length, this.at + count);
    for (let i = this.at; i < end; i++) {
      const w = words[i];
      a = Math.imul(a ^ w, 0x01000193);
      b = Math.imul(b ^ (w >>> 7), 0x5bd1e995) ^ (b >>> 13);
    }
    this.a = a;
    this.b = b;
    this.at = end;
    return end >= words.length;
  }

  value(): number {
    return (this.a ^ this.b) >>> 0;
  }
}

const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * The bytes of `library`. Articles whose body holds a lone surrogate (which UTF-8 cannot carry)
 * are left out, as are those whose terms do not fit them; a left-out file is parsed again on the
 * next start. Throws only on a big-endian platform (none runs VS Code).
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
 * them again). A step encodes one article of `library.articles` (which must not change meanwhile;
 * up to 8 ms an article on the Brown Corpus, in Node on a 2-core machine), then one step lays the
 * file out (the header, the vocabulary), each step after it copies about {@link COPY_STEP_BYTES}
 * bytes of the encoded parts into it, and each step after that checksums up to
 * {@link CHECKSUM_STEP_WORDS} words. Throws as {@link encodeStoredLibrary} does.
 */
export function encodeStoredLibrarySteps(library: StoredLibrary): () => Uint8Array | undefined {
  if (!LITTLE_ENDIAN) throw new Error('The stored library needs a little-endian platform.');
  const encoder = new TextEncoder();
  const vocabulary: string[] = [];
  const numbers = new Map<string, number>();
  const byVocabulary = new Map<readonly string[], Int32Array>();
  const ints: Int32Array[] = [];
  // Each body in UTF-8 on its own: with no lone surrogate (checked), the bytes are those of the bodies joined.
  const texts: Uint8Array[] = [];
  const articles: HeaderArticle[] = [];
  let next = 0;
  let laidOut: { out: Uint8Array; words: Int32Array; copies: [Int32Array | Uint8Array, number][]; sum: Checksum } | undefined;
  let copied = 0;
  let bytes: Uint8Array | undefined;
  return () => {
    if (bytes) return bytes;
    if (next < library.articles.length) {
      encodeArticle(library.articles[next++]);
      return undefined;
    }
    if (!laidOut) {
      laidOut = layOut();
      return undefined;
    }
    const { out, words, copies, sum } = laidOut;
    if (copied < copies.length) {
      let size = 0;
      while (copied < copies.length && size < COPY_STEP_BYTES) {
        const [part, at] = copies[copied++];
        if (part instanceof Int32Array) words.set(part, at / 4);
        else out.set(part, at);
        size += part.byteLength;
      }
      return undefined;
    }
    if (!sum.add(words, CHECKSUM_STEP_WORDS)) return undefined;
    words[3] = sum.value();
    return (bytes = out);
  };

  function encodeArticle({ uri, key, article, problems, terms }: StoredArticle): void {
    const n = article.sentences.length;
    if (terms.offsets.length !== n + 1 || terms.offsets[n] !== terms.tokens.length || hasLoneSurrogate(article.body)) return;
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
    texts.push(encoder.encode(article.body));
    articles.push({
      uri, key, metadata: article.metadata, bodyLine: article.bodyLine, bodyLength: article.body.length, problems,
      paragraphs: article.paragraphs.length, sentences: n, tokens: tokens.length,
    });
  }

  /** The file with its header, the parts to copy into it (each with its byte offset), and the checksum to compute over it. */
  function layOut(): { out: Uint8Array; words: Int32Array; copies: [Int32Array | Uint8Array, number][]; sum: Checksum } {
    ints.push(Int32Array.from(vocabulary, t => t.length));
    texts.push(encoder.encode(vocabulary.join('')));
    const header = encoder.encode(JSON.stringify({ context: library.context, vocabulary: vocabulary.length, articles } satisfies Header));
    const textLength = texts.reduce((sum, t) => sum + t.length, 0);
    const intCount = ints.reduce((sum, a) => sum + a.length, 0);
    const total = HEADER_WORDS * 4 + pad4(header.length) + intCount * 4 + pad4(textLength);
    const out = new Uint8Array(total);
    const words = new Int32Array(out.buffer);
    const copies: [Int32Array | Uint8Array, number][] = [];
    let at = HEADER_WORDS * 4;
    out.set(header, at);
    at += pad4(header.length);
    for (const a of ints) {
      copies.push([a, at]);
      at += a.length * 4;
    }
    for (const t of texts) {
      copies.push([t, at]);
      at += t.length;
    }
    words.set([MAGIC, STORED_LIBRARY_VERSION, total, 0, header.length, textLength, intCount]);
    return { out, words, copies, sum: new Checksum(4) };
  }
}

/** How many 32-bit words a step of {@link encodeStoredLibrarySteps} checksums (a few ms). */
const CHECKSUM_STEP_WORDS = 1 << 20;
/** About how many bytes of the encoded parts a step of {@link encodeStoredLibrarySteps} copies into the file (a few ms). */
const COPY_STEP_BYTES = 1 << 20;

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

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const header = JSON.parse(decoder.decode(aligned.subarray(HEADER_WORDS * 4, HEADER_WORDS * 4 + headerLength))) as Header;
  if (header.context !== context || !Array.isArray(header.articles)) return undefined;
  const ints = words.subarray(intStart / 4, textStart / 4);
  const text = decoder.decode(aligned.subarray(textStart, textStart + textLength));

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
  let textAt = 0;
  const takeText = (n: number): string => {
    if (textAt + n > text.length) throw new Error('past the text');
    textAt += n;
    return text.slice(textAt - n, textAt);
  };

  const parts = header.articles.map(h => {
    const body = takeText(count(h.bodyLength));
    const paragraphs = take(count(h.paragraphs) * 3);
    const sentences = take(count(h.sentences) * 2);
    // Copies, so that the revived index does not keep the whole file's buffer alive.
    const offsets = take(h.sentences + 1).slice();
    const tokens = take(count(h.tokens)).slice();
    return { h, body, paragraphs, sentences, offsets, tokens };
  });
  const lengths = take(count(header.vocabulary));
  if (next !== ints.length) return undefined;
  const vocabulary = Array.from(lengths, n => takeText(count(n)));
  if (textAt !== text.length) return undefined;

  const articles = parts.map(({ h, body, paragraphs, sentences, offsets, tokens }): StoredArticle => {
    if (typeof h.uri !== 'string' || typeof h.key !== 'string' || !h.metadata || typeof h.metadata !== 'object' || !Array.isArray(h.problems)) throw new Error('bad header');
    if (offsets[0] !== 0 || offsets[h.sentences] !== tokens.length) throw new Error('bad offsets');
    for (let k = 0; k < h.sentences; k++) if (offsets[k] > offsets[k + 1]) throw new Error('bad offsets');
    for (let i = 0; i < tokens.length; i++) if (!(tokens[i] >= 0 && tokens[i] < vocabulary.length)) throw new Error('bad token');
    const range = (start: number, end: number): void => {
      if (!(start >= 0 && start <= end && end <= body.length)) throw new Error('bad range');
    };
    const ps: Paragraph[] = [];
    const ss: Sentence[] = [];
    const passages = new Map<string, Passage>();
    for (let i = 0; i < h.paragraphs; i++) {
      const start = paragraphs[i * 3];
      const end = paragraphs[i * 3 + 1];
      const n = paragraphs[i * 3 + 2];
      range(start, end);
      const id = `p${i + 1}`;
      const sentenceIds: string[] = [];
      for (let j = 0; j < n; j++) {
        const k = ss.length;
        if (k >= h.sentences) throw new Error('too many sentences');
        const from = sentences[2 * k];
        const to = sentences[2 * k + 1];
        range(from, to);
        const s: Sentence = { kind: 'sentence', id: `${id}.s${j + 1}`, number: j + 1, paragraphId: id, start: from, end: to, text: body.slice(from, to) };
        sentenceIds.push(s.id);
        ss.push(s);
      }
      const p: Paragraph = { kind: 'paragraph', id, number: i + 1, start, end, text: body.slice(start, end), sentenceIds };
      ps.push(p);
      passages.set(id, p);
    }
    if (ss.length !== h.sentences) throw new Error('too few sentences');
    for (const s of ss) passages.set(s.id, s);
    const article: Article = { metadata: h.metadata, source: h.uri, body, bodyLine: h.bodyLine, paragraphs: ps, sentences: ss, passages };
    return { uri: h.uri, key: h.key, article, problems: h.problems, terms: { vocabulary, tokens, offsets } };
  });
  return { context, articles };
}
