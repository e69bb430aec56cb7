/**
 * What the per-format quotation finders share: the shapes of a found quotation and its citation,
 * the inline quotation-mark scanner, locator and citation parsing, and HTML character references.
 * Every range is a UTF-16 code-unit offset into the document text, half-open `[start, end)`.
 */
import type { QuotationFormat } from '../quote';
import type { TextRange } from '../types';
import { type MappedText, MappedTextBuilder, trimMapped } from './mapped';

/** A paragraph locator of a citation: `para. 6`, `paras. 6–7`, `paragraph 6`, `¶ 6`, `para.~6`. */
export interface Locator {
  /** First paragraph number cited (1-based, as `Paragraph.number`). */
  readonly first: number;
  /** Last paragraph number cited; equals {@link first} for one paragraph. */
  readonly last: number;
  /** Document range of the whole locator as written, from its word (or `¶`) to its last digit. */
  readonly range: TextRange;
  /** The locator as written in the document (`para.~6`). */
  readonly written: string;
}

/** The citation next to a quotation. */
export interface CitationRef {
  /** Document range of the citation: inside the parentheses, after the attribution dash, or the whole `\cite` command. */
  readonly range: TextRange;
  /** Its text as a reader sees it (markup and escapes removed, `~` as a space). */
  readonly text: string;
  /** Citation keys (`\cite{a,b}` → `a`, `b`; `[@a; @b]` → `a`, `b`) and `cite="…"` URLs of HTML. */
  readonly keys: readonly string[];
  readonly locator?: Locator;
}

/** A quotation found in a document. */
export interface FoundQuotation {
  /** A block quotation (Markdown `>`, a LaTeX `quote` environment, `<blockquote>`, …) or one inside running text. */
  readonly kind: 'block' | 'inline';
  readonly format: QuotationFormat;
  /** Document range of the quoted text, from its first to its last quoted character (no marks, markers or citation). */
  readonly range: TextRange;
  /** Document range of the whole construct: marks or markers, environment, and the citation next to it. */
  readonly outer: TextRange;
  /** The quoted text as a reader sees it, trimmed, mapped to the document; line breaks kept (`\n`, `\n\n` between paragraphs). */
  readonly content: MappedText;
  /**
   * True for an inline quotation between double marks (`“…”`, `"…"`, ``` ``…'' ```, `\enquote`, `<q>`),
   * inside which the source's double quotes are customarily written as single ones.
   */
  readonly doubleMarks: boolean;
  /** The citation next to it, when one was found. */
  readonly citation?: CitationRef;
}

/** A stretch of the document the inline scanner reads; `breakBefore` ends any quotation left open (a new paragraph). */
export interface Region {
  readonly start: number;
  readonly end: number;
  readonly breakBefore: boolean;
}

/** A pair of inline quotation marks found by {@link scanInlineMarks}: the content lies in `[contentStart, contentEnd)`. */
export interface MarkPair {
  readonly open: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly close: number;
}

/**
 * Finds the pairs of inline quotation marks in `regions` of `text`: `“…”` always; straight `"…"`
 * when `straight` (a `"` opens when followed by a non-space and preceded by the start, a space or an
 * opening bracket or dash, and closes an open `"` when preceded by a non-space); TeX's ``` ``…'' ```
 * when `tex`. A quotation does not cross a region with `breakBefore` (a paragraph break); a blank
 * line inside a region also ends it. Inner marks of the other kind are left in the content.
 */
export function scanInlineMarks(text: string, regions: readonly Region[], options: { straight: boolean; tex: boolean }): MarkPair[] {
  const pairs: MarkPair[] = [];
  let open: { kind: 'curly' | 'straight' | 'tex'; at: number; contentStart: number } | undefined;
  for (const r of regions) {
    if (r.breakBefore) open = undefined;
    for (let i = r.start; i < r.end; i++) {
      const c = text[i];
      if (c === '\n') {
        let j = i + 1;
        while (j < r.end && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
        if (text[j] === '\n') open = undefined;
        continue;
      }
      if (c === '“') {
        if (open?.kind !== 'straight' && open?.kind !== 'tex') open = { kind: 'curly', at: i, contentStart: i + 1 };
      } else if (c === '”') {
        if (open?.kind === 'curly') {
          pairs.push({ open: open.at, contentStart: open.contentStart, contentEnd: i, close: i + 1 });
          open = undefined;
        }
      } else if (c === '"' && options.straight) {
        const prev = i > 0 ? text[i - 1] : ' ';
        const next = i + 1 < text.length ? text[i + 1] : ' ';
        if (open?.kind === 'straight') {
          if (!/\s/.test(prev)) {
            pairs.push({ open: open.at, contentStart: open.contentStart, contentEnd: i, close: i + 1 });
            open = undefined;
          }
        } else if (open === undefined && !/\s/.test(next) && /[\s([{—–\-/]/.test(prev)) {
          open = { kind: 'straight', at: i, contentStart: i + 1 };
        }
      } else if (options.tex && c === '`' && text[i + 1] === '`') {
        if (open === undefined) open = { kind: 'tex', at: i, contentStart: i + 2 };
        i++;
      } else if (options.tex && c === "'" && text[i + 1] === "'") {
        if (open?.kind === 'tex') {
          pairs.push({ open: open.at, contentStart: open.contentStart, contentEnd: i, close: i + 2 });
          open = undefined;
        }
        i++;
      }
    }
  }
  return pairs;
}

/**
 * The paragraph locator in a citation's text (`para. 6`, `paras. 6–7`, `paragraph 6`, `paragraphs
 * 6-7`, `¶ 6`, `¶¶ 6–7`; case-insensitive; a space, no-break space or LaTeX tie between word and
 * number), mapped to the document through `citation`. Page locators (`p. 6`) are not paragraph
 * locators and give undefined.
 */
export function findLocator(citation: MappedText, document: string): Locator | undefined {
  const m = /(?:\b(?:paras?\.|paragraphs?)|¶¶?)[\s\u00a0]*(\d{1,5})(?:[\s\u00a0]*(?:–|—|-{1,3})[\s\u00a0]*(\d{1,5}))?/iu.exec(citation.text);
  if (!m) return undefined;
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  if (first < 1 || last < first) return undefined;
  const range = citation.toDocumentRange(m.index, m.index + m[0].length);
  return { first, last, range, written: document.slice(range.start, range.end) };
}

/**
 * Whether a parenthetical after a quotation is a citation rather than a remark: it has a
 * paragraph or page locator, a citation key (`@key`), or a year.
 */
export function looksLikeCitation(text: string): boolean {
  return /(?:\b(?:paras?\.|paragraphs?|pp?\.)|¶)\s*\d|@[\w-]|\b(?:1[5-9]|20)\d\d\b/iu.test(text);
}

/** A citation built from its mapped text, its document range and its keys. */
export function makeCitation(document: string, text: MappedText, range: TextRange, keys: readonly string[] = []): CitationRef {
  const t = trimMapped(text);
  return { range, text: t.text, keys, locator: findLocator(t, document) };
}

/** Citation keys of a Pandoc citation's text (`[see @a, para. 6; @b]` → `a`, `b`). */
export function pandocKeys(text: string): string[] {
  return [...text.matchAll(/@\{?([\w:.#$%&\-+?<>~/]+?)\}?(?=[\s,;\]]|$)/g)].map(m => m[1]);
}

/**
 * Builds a quotation from its mapped content (trimmed here); undefined when nothing is left.
 * `outer` grows to cover the citation.
 */
export function makeQuotation(
  kind: 'block' | 'inline', format: QuotationFormat, content: MappedText, outer: TextRange,
  doubleMarks: boolean, citation: CitationRef | undefined,
): FoundQuotation | undefined {
  const c = trimMapped(content);
  if (c.text.length === 0) return undefined;
  const range = c.toDocumentRange(0, c.text.length);
  const o = citation
    ? { start: Math.min(outer.start, citation.range.start, range.start), end: Math.max(outer.end, citation.range.end, range.end) }
    : { start: Math.min(outer.start, range.start), end: Math.max(outer.end, range.end) };
  return { kind, format, range, outer: o, content: c, doubleMarks, ...(citation ? { citation } : {}) };
}

/** Named HTML character references decoded in quotations (the ones typography uses); others stay as written. */
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', sbquo: '‚', bdquo: '„',
  sect: '§', para: '¶', copy: '©', reg: '®', trade: '™', deg: '°', shy: '', thinsp: '\u2009',
  ensp: '\u2002', emsp: '\u2003', middot: '·', bull: '•', prime: '′', Prime: '″', times: '×', minus: '−',
};

/**
 * The character reference at `text[i]` (`&amp;`, `&#8217;`, `&#x2019;`): its decoded text and
 * length, or undefined when there is none or it is unknown (HTML Living Standard §13.5).
 */
export function entityAt(text: string, i: number): { value: string; length: number } | undefined {
  const m = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/.exec(text.slice(i, i + 40));
  if (!m) return undefined;
  if (m[3] !== undefined) {
    const v = ENTITIES[m[3]];
    return v === undefined ? undefined : { value: v, length: m[0].length };
  }
  const cp = m[1] !== undefined ? Number(m[1]) : parseInt(m[2], 16);
  if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return { value: String.fromCodePoint(cp), length: m[0].length };
}

/** Plain text: copies `[start, end)` as it is. */
export function copyPlain(document: string, start: number, end: number): MappedText {
  const b = new MappedTextBuilder();
  b.copy(document, start, end);
  return b.build();
}
