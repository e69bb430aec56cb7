/**
 * Quotation formatting: an exact range of an article's body as a Markdown, LaTeX, HTML or plain
 * text quotation with its attribution, shaped for the place in the document where it goes.
 *
 * The result is plain text for a `TextEdit` / `WorkspaceEdit`, never a `SnippetString`: `$1`,
 * `${x}`, `\` and `}` of the source arrive as written, escaped only by the target format's rules.
 * Offsets are UTF-16 code-unit offsets into `Article.body`, half-open `[start, end)`.
 */
import { escapeHtml, escapeHtmlAttribute, escapeLatex, escapeMarkdownInline, escapeMarkdownLineStart } from './escape';
import type { Article, ArticleMetadata, TextRange } from './types';

/** The formats a quotation is written in. */
export type QuotationFormat = 'markdown' | 'latex' | 'html' | 'plaintext';

/** How the paragraph locator is written: `para. 2` / `paras. 2–3`, `paragraph 2` / `paragraphs 2–3`, or `¶ 2` / `¶¶ 2–3`. */
export type LocatorForm = 'para' | 'paragraph' | '¶';

/**
 * The default attribution template. Every field that the metadata leaves empty is left out with
 * its separator (see {@link renderAttribution}), so the shipped article, which gives only a
 * title, yields `— <title>, para. 2`. An em dash is the customary mark of an attribution line;
 * `para. N` is the APA (7th ed.) locator for a source without page numbers.
 */
export const DEFAULT_ATTRIBUTION_TEMPLATE = '— {author}, {title}, {container}, {date}, {locator}';

/**
 * The default inline threshold, in characters (Unicode code points) of quoted source text: about
 * the 40 words from which APA (7th ed.) sets a quotation as a block, at six characters a word.
 */
export const DEFAULT_INLINE_THRESHOLD = 240;

/** Options of a quotation; all optional. */
export interface QuotationOptions {
  /**
   * A quotation of one paragraph's text shorter than this many characters (Unicode code points of
   * the quoted source text, ellipsis marks not counted) is set inline; others as a block.
   * Default {@link DEFAULT_INLINE_THRESHOLD}.
   */
  readonly inlineThreshold?: number;
  /**
   * Attribution template; default {@link DEFAULT_ATTRIBUTION_TEMPLATE}. Placeholders: `{title}`,
   * `{subtitle}`, `{author}`, `{container}`, `{date}`, `{url}`, `{key}` (citation key), `{locator}`,
   * `{paragraph}` (`2` or `2–3`), `{sentence}` (`1` or `1–2` within the paragraph, empty for whole
   * paragraphs or several paragraphs). Unknown `{names}` stay as written. The template's own
   * text is inserted as written (it is the user's markup); values are escaped for the format.
   */
  readonly attributionTemplate?: string;
  /** Form of `{locator}`; default `'para'`. */
  readonly locatorForm?: LocatorForm;
  /** LaTeX: the `quote` environment (default) or csquotes' `\blockquote` / `\textquote`. */
  readonly latexEnvironment?: 'quote' | 'csquotes';
  /** Always a block quotation (wins over {@link forceInline}). */
  readonly forceBlock?: boolean;
  /** Always an inline quotation, even across paragraphs (joined by a space). */
  readonly forceInline?: boolean;
  /** Line break written between lines; default `'\n'`. Use the document's `EndOfLine`. */
  readonly eol?: '\n' | '\r\n';
}

/** Where the quotation goes: the text of the cursor's line around it. */
export interface InsertionContext {
  /** Text of the line before the cursor (or before the selection's start). */
  readonly linePrefix: string;
  /** Text of the line after the cursor (or after the selection's end). */
  readonly lineSuffix: string;
  /** The whole line above, when there is one; decides the blank line before a block. */
  readonly previousLine?: string;
  /** The whole line below, when there is one; decides the blank line after a block. */
  readonly nextLine?: string;
}

/** What to quote, in which language, and where. */
export interface QuotationRequest {
  readonly article: Article;
  /** The exact `[start, end)` of `article.body` to quote (UTF-16); a `Passage` is such a range. */
  readonly range: TextRange;
  /** VS Code language id of the target document: `markdown`, `latex` (`tex`, `doctex`, `latex-expl3`), `html`; any other id is plain text. */
  readonly languageId: string;
  readonly options?: QuotationOptions;
  /** Default: an empty line with blank lines around it. */
  readonly context?: InsertionContext;
}

/** A formatted quotation, ready for one `TextEdit`. */
export interface Quotation {
  /** Plain text to insert (not a snippet). */
  readonly text: string;
  /**
   * UTF-16 code units before the insertion point that the edit must replace too (trailing white
   * space of `linePrefix` when the block moves to a line of its own), so the edit's range is
   * `[cursor − replaceBefore, cursor + replaceAfter)`.
   */
  readonly replaceBefore: number;
  /** UTF-16 code units after the insertion point to replace too (leading white space of `lineSuffix`). */
  readonly replaceAfter: number;
  /** Offset in {@link text} where the cursor goes afterwards: just after the quotation and its attribution. */
  readonly cursor: number;
  readonly form: 'inline' | 'block';
  readonly format: QuotationFormat;
}

/** The quotation format for a VS Code language id; unknown ids → `plaintext`. */
export function quotationFormat(languageId: string): QuotationFormat {
  switch (languageId) {
    case 'markdown': return 'markdown';
    case 'latex': case 'tex': case 'doctex': case 'latex-expl3': return 'latex';
    case 'html': return 'html';
    default: return 'plaintext';
  }
}

/** The quoted text of one paragraph, trimmed, with its offsets. */
interface Piece extends TextRange {
  readonly text: string;
}

/**
 * Formats a quotation; see {@link buildQuotation}. Returns only the text to insert.
 * @throws RangeError as {@link buildQuotation}.
 */
export function formatQuotation(request: QuotationRequest): string {
  return buildQuotation(request).text;
}

/**
 * Formats a quotation of `request.range` for insertion at one cursor. Pure: call it once per cursor.
 *
 * Text: the range is cut to the paragraphs it overlaps, each part trimmed of white space; the
 * source characters are kept exactly (curly quotes, U+2018, dashes), changed only by the format's
 * escaping and, inline, by turning double quotes into single (`“ ” "` → `‘ ’ '`) and line breaks
 * into spaces. Ellipsis: when the quoted text starts strictly inside a sentence (after its first
 * character) it gets a leading `[…] `; when it ends strictly inside one (before its last
 * character) a trailing ` […]`.
 *
 * Forms (block unless the text is one paragraph shorter than `inlineThreshold` characters):
 * - Markdown block: `> ` on every line, `>` on the blank line between paragraphs, inline and
 *   line-start escapes ({@link escapeMarkdownInline}, {@link escapeMarkdownLineStart}), then a blank
 *   line and the attribution as a paragraph of its own (outside the quote, so it is not lazily
 *   continued into it: CommonMark 0.31 §5.1), its line start escaped like the quoted lines.
 * - LaTeX: `\begin{quote}` … `\par\hfill <attribution>` … `\end{quote}`, or csquotes'
 *   `\blockquote[{<attribution>}]{…}` (csquotes prints the citation itself, so the attribution's
 *   leading dash is dropped); {@link escapeLatex}; the locator uses a tie (`para.~2`).
 * - HTML: `<figure>` holding `<blockquote cite="url">` (cite only with a url) with a `<p>` per
 *   paragraph and a `<figcaption>` attribution with the title in `<cite>`: the HTML Living
 *   Standard (§4.4.4) puts attribution outside the `blockquote`. Without any attribution, the
 *   bare `blockquote`. {@link escapeHtml} everywhere.
 * - Plain text: each line indented by four spaces, the attribution on the line after.
 * - Inline (all formats): `“…”` then ` (<attribution>)` without its leading dash; LaTeX with
 *   csquotes: `\textquote[{<attribution>}]{…}`.
 *
 * Insertion context: an inline quotation gets a space before or after it where it would run into a
 * word (see `inlineSpacing`); a block after text on the line
 * (`linePrefix` not blank) or before text (`lineSuffix` not blank) goes on lines of its own —
 * separated by a blank line in Markdown and plain text, by a line break in LaTeX and HTML. In
 * Markdown and plain text a blank line is also put before it when `previousLine` is not blank
 * (except right after a list marker, where the block starts the item), and after it when
 * `nextLine` is not blank. Inside a Markdown list item or block quote
 * (`linePrefix` like `- `, `  1. `, `> `, or only indentation) every following line is prefixed
 * so the block stays in it: list markers become spaces up to the item's content column, `>`
 * markers are repeated.
 *
 * @throws RangeError when the range is not integral, not within `[0, body.length]`, reversed,
 *   splits a surrogate pair, or holds no text of any paragraph.
 */
export function buildQuotation(request: QuotationRequest): Quotation {
  const { article } = request;
  const options = request.options ?? {};
  const format = quotationFormat(request.languageId);
  const eol = options.eol ?? '\n';
  const pieces = piecesOf(article, request.range);
  const qStart = pieces[0].start;
  const qEnd = pieces[pieces.length - 1].end;
  const leading = article.sentences.some(s => s.start < qStart && qStart < s.end);
  const trailing = article.sentences.some(s => s.start < qEnd && qEnd < s.end);

  const length = pieces.reduce((n, p) => n + codePoints(p.text), 0);
  const threshold = options.inlineThreshold ?? DEFAULT_INLINE_THRESHOLD;
  const inline = !options.forceBlock && (options.forceInline === true || (pieces.length === 1 && length < threshold));

  const values = attributionValues(article, pieces, qStart, qEnd, options.locatorForm ?? 'para', format);
  const attribution = renderAttribution(options.attributionTemplate ?? DEFAULT_ATTRIBUTION_TEMPLATE, values);
  const bare = attribution.replace(/^[—–-]\s*/, '');
  const latexCsquotes = format === 'latex' && options.latexEnvironment === 'csquotes';

  if (inline) {
    let text = pieces.map(p => p.text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ')).join(' ')
      .replace(/[“"”]/g, c => (c === '“' ? '‘' : c === '”' ? '’' : "'"));
    // The ellipsis is an editorial mark, not source text: it is not escaped.
    text = (leading ? '[…] ' : '') + escapeFor(format, text) + (trailing ? ' […]' : '');
    const quoted = latexCsquotes
      ? `\\textquote${bare ? `[{${bare}}]` : ''}{${text}}`
      : `“${text}”${bare ? ` (${bare})` : ''}`;
    const { before, after } = inlineSpacing(format, request.context, eol);
    const out = before + quoted + after;
    return { text: out, replaceBefore: 0, replaceAfter: 0, cursor: before.length + quoted.length, form: 'inline', format };
  }

  const paragraphs = pieces.map(p => p.text.split(/\r\n|\r|\n/));
  const lines = blockLines(format, latexCsquotes, paragraphs, leading, trailing, attribution, bare, request.article.metadata.url);
  return place(format, lines, request.context ?? { linePrefix: '', lineSuffix: '' }, eol);
}

/** Code points of `s` (a surrogate pair counts once). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  const p = s.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff;
}

/** The paragraph parts of `range`, trimmed; throws RangeError when there are none or the range is invalid. */
function piecesOf(article: Article, range: TextRange): Piece[] {
  const { body } = article;
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > body.length || start > end) {
    throw new RangeError(`The range [${start}, ${end}) is not within the article body [0, ${body.length}).`);
  }
  if ((start > 0 && isLowSurrogate(body, start)) || (end > 0 && end < body.length && isLowSurrogate(body, end))) {
    throw new RangeError(`The range [${start}, ${end}) splits a surrogate pair.`);
  }
  const pieces: Piece[] = [];
  for (const p of article.paragraphs) {
    let s = Math.max(start, p.start);
    let e = Math.min(end, p.end);
    while (s < e && /\s/.test(body[s])) s++;
    while (e > s && /\s/.test(body[e - 1])) e--;
    if (s < e) pieces.push({ start: s, end: e, text: body.slice(s, e) });
  }
  if (pieces.length === 0) throw new RangeError(`The range [${start}, ${end}) holds no text of the article's paragraphs.`);
  return pieces;
}

/** `a` or `a–b` for a span of numbers (an en dash between numbers, as the Chicago Manual of Style has it). */
function span(a: number, b: number): string {
  return a === b ? String(a) : `${a}–${b}`;
}

/** "Family, Given" → "Given Family"; other names (organizations) as written. */
function displayName(name: string): string {
  const parts = name.split(',');
  return parts.length === 2 && parts[0].trim() && parts[1].trim() ? `${parts[1].trim()} ${parts[0].trim()}` : name.trim();
}

/** `A`, `A and B`, `A, B, and C`. */
function joinNames(names: readonly string[]): string {
  const n = names.map(displayName).filter(s => s !== '');
  if (n.length <= 2) return n.join(' and ');
  return `${n.slice(0, -1).join(', ')}, and ${n[n.length - 1]}`;
}

/** `s` with each line break (LF, CR, U+0085, U+2028, U+2029) and the white space around it made one space. */
function oneLine(s: string): string {
  return s.replace(/\s*[\n\r\u0085\u2028\u2029]\s*/g, ' ');
}

/** Placeholder values, escaped for `format`, each on one line. */
function attributionValues(article: Article, pieces: readonly Piece[], qStart: number, qEnd: number, form: LocatorForm, format: QuotationFormat): Record<string, string> {
  const paras = article.paragraphs.filter(p => p.start < qEnd && qStart < p.end);
  const first = paras[0].number;
  const last = paras[paras.length - 1].number;
  const many = first !== last;
  const space = format === 'latex' ? '~' : ' ';
  const locator = form === 'paragraph' ? `paragraph${many ? 's' : ''}${space}${span(first, last)}`
    : form === '¶' ? `${many ? '¶¶' : '¶'}${space}${span(first, last)}`
      : `para${many ? 's' : ''}.${space}${span(first, last)}`;
  let sentence = '';
  if (!many) {
    const p = paras[0];
    const whole = pieces[0].start === p.start && pieces[0].end === p.end;
    const ss = article.sentences.filter(s => s.paragraphId === p.id && s.start < qEnd && qStart < s.end);
    if (!whole && ss.length > 0) sentence = span(ss[0].number, ss[ss.length - 1].number);
  }
  const m: ArticleMetadata = article.metadata;
  // A field is one line of the attribution: a line break in it (a YAML block scalar) would end the
  // Markdown line whose start was escaped, and let the rest open a heading or a list.
  const esc = (s: string): string => escapeFor(format, oneLine(s));
  return {
    title: m.title ? (format === 'html' ? `<cite>${esc(m.title)}</cite>` : esc(m.title)) : '',
    subtitle: esc(m.subtitle),
    author: esc(joinNames(m.author)),
    container: esc(m.containerTitle),
    date: esc(m.issued),
    url: esc(m.url),
    key: esc(m.citationKey),
    paragraph: span(first, last),
    sentence,
    locator,
  };
}

/**
 * `text` escaped for `format`: Markdown inline escapes, LaTeX special characters, HTML entities;
 * plain text unchanged. The one place both the quotation writer and the fidelity checker (which
 * must undo exactly these escapes) take them from.
 */
export function escapeFor(format: QuotationFormat, text: string): string {
  switch (format) {
    case 'markdown': return escapeMarkdownInline(text);
    case 'latex': return escapeLatex(text);
    case 'html': return escapeHtml(text);
    default: return text;
  }
}

const PLACEHOLDERS = new Set(['title', 'subtitle', 'author', 'container', 'date', 'url', 'key', 'locator', 'paragraph', 'sentence']);

/**
 * Renders an attribution template with `values` (already escaped), leaving empty fields out cleanly:
 * an empty placeholder is removed with the template text that joins it to the previous kept
 * placeholder (for the first placeholders, to the next kept one); the text before the first and
 * after the last placeholder stays; `(` `)` `[` `]` of the template's own text left without
 * their partner are removed. When every placeholder is empty the result is `''`.
 * Example: `— {author}, {title}, {date}, {locator}` with only a title → `— Title, para. 2`;
 * `{title} ({date})` without a date → `Title`.
 */
export function renderAttribution(template: string, values: Readonly<Record<string, string>>): string {
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{([a-z]+)\}/g)) {
    if (!PLACEHOLDERS.has(m[1])) continue;
    literals.push(template.slice(last, m.index));
    names.push(m[1]);
    last = m.index + m[0].length;
  }
  literals.push(template.slice(last));
  if (names.length === 0) return template;
  const kept = names.map((n, i) => ((values[n] ?? '') !== '' ? i : -1)).filter(i => i >= 0);
  if (kept.length === 0) return '';
  // Segments in order; `lit` marks template text for the bracket check.
  const segs: { text: string; lit: boolean }[] = [{ text: literals[0], lit: true }];
  kept.forEach((k, j) => {
    if (j > 0) segs.push({ text: literals[k], lit: true });
    segs.push({ text: values[names[k]], lit: false });
  });
  segs.push({ text: literals[literals.length - 1], lit: true });
  // Unpaired brackets of the template text.
  const stack: { seg: number; at: number; ch: string }[] = [];
  const drop = new Set<string>();
  segs.forEach((s, si) => {
    if (!s.lit) return;
    for (let i = 0; i < s.text.length; i++) {
      const ch = s.text[i];
      if (ch === '(' || ch === '[') stack.push({ seg: si, at: i, ch });
      else if (ch === ')' || ch === ']') {
        const open = stack[stack.length - 1];
        if (open && open.ch === (ch === ')' ? '(' : '[')) stack.pop();
        else drop.add(`${si}:${i}`);
      }
    }
  });
  for (const o of stack) drop.add(`${o.seg}:${o.at}`);
  return segs.map((s, si) => (s.lit ? s.text.split('').filter((_, i) => !drop.has(`${si}:${i}`)).join('') : s.text)).join('').trim();
}

/** The lines of a block quotation, before any insertion context. */
function blockLines(
  format: QuotationFormat, csquotes: boolean, paragraphs: string[][], leading: boolean, trailing: boolean,
  attribution: string, bare: string, url: string,
): string[] {
  const escaped = paragraphs.map((lines, pi) => lines.map((line, li) => {
    const first = pi === 0 && li === 0;
    const lastLine = pi === paragraphs.length - 1 && li === lines.length - 1;
    let out = escapeFor(format, line);
    if (format === 'markdown' && !(first && leading)) out = escapeMarkdownLineStart(out);
    if (first && leading) out = '[…] ' + out;
    if (lastLine && trailing) out += ' […]';
    return out;
  }));
  const lines: string[] = [];
  switch (format) {
    case 'markdown':
      escaped.forEach((para, i) => {
        if (i > 0) lines.push('>');
        for (const l of para) lines.push('> ' + l);
      });
      if (attribution) lines.push('', escapeMarkdownLineStart(attribution));
      return lines;
    case 'latex':
      if (csquotes) {
        lines.push(`\\blockquote${bare ? `[{${bare}}]` : ''}{`);
        escaped.forEach((para, i) => {
          if (i > 0) lines.push('');
          lines.push(...para);
        });
        lines[1] = lines[0] + lines[1];
        lines.shift();
        lines[lines.length - 1] += '}';
        return lines;
      }
      lines.push('\\begin{quote}');
      escaped.forEach((para, i) => {
        if (i > 0) lines.push('');
        lines.push(...para);
      });
      if (attribution) lines.push(`\\par\\hfill ${attribution}`);
      lines.push('\\end{quote}');
      return lines;
    case 'html': {
      const pad = attribution ? '  ' : '';
      if (attribution) lines.push('<figure>');
      lines.push(`${pad}<blockquote${url ? ` cite="${escapeHtmlAttribute(url)}"` : ''}>`);
      for (const para of escaped) {
        para.forEach((l, i) => lines.push(`${pad}  ${i === 0 ? '<p>' : '  '}${l}${i === para.length - 1 ? '</p>' : ''}`));
      }
      lines.push(`${pad}</blockquote>`);
      if (attribution) lines.push(`  <figcaption>${attribution}</figcaption>`, '</figure>');
      return lines;
    }
    default:
      escaped.forEach((para, i) => {
        if (i > 0) lines.push('');
        for (const l of para) lines.push('    ' + l);
      });
      if (attribution) lines.push('    ' + attribution);
      return lines;
  }
}

/** Blank after removing Markdown container markers (`>`) and white space. */
function isBlankLine(line: string | undefined): boolean {
  return line === undefined || /^[\s>]*$/.test(line);
}

/** The container prefix of `linePrefix` (see {@link buildQuotation}). */
function containerOf(format: QuotationFormat, linePrefix: string): { cont: string; rest: string; listItem: boolean } {
  if (format !== 'markdown') {
    const lead = /^[ \t]*/.exec(linePrefix)?.[0] ?? '';
    return { cont: lead, rest: linePrefix.slice(lead.length), listItem: false };
  }
  let i = 0;
  let cont = '';
  let listItem = false;
  for (;;) {
    const rest = linePrefix.slice(i);
    const quote = /^[ \t]*>[ \t]?/.exec(rest);
    if (quote) {
      cont += quote[0];
      i += quote[0].length;
      listItem = false;
      continue;
    }
    const item = /^([ \t]*)(?:[-+*]|[0-9]{1,9}[.)])[ \t]+/.exec(rest);
    if (item) {
      cont += item[1] + ' '.repeat(item[0].length - item[1].length);
      i += item[0].length;
      listItem = true;
      continue;
    }
    break;
  }
  const rest = linePrefix.slice(i);
  if (rest.trim() === '') return { cont: cont + rest, rest: '', listItem: listItem && rest === '' };
  return { cont, rest, listItem: false };
}

/** A line that starts with Markdown block syntax: a heading, a block quote, a list item, a table row, a fence. */
const MARKDOWN_BLOCK_START = /^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|>|[-*+][ \t]|\d{1,9}[.)][ \t]|\||```|~~~)/;

/**
 * What goes around an inline quotation so it does not run into the text at the cursor: a space
 * before it after a word or closing punctuation (not after white space or an opening bracket,
 * quote mark or dash), a space after it before a word or an opening bracket or quote mark. At the
 * start of a Markdown line that opens a block (`# Heading`, `- item`, `> quote`, `| row`), the
 * quotation becomes a paragraph of its own before it (two line breaks), so the block keeps its
 * meaning. Without a context, nothing.
 */
function inlineSpacing(format: QuotationFormat, ctx: InsertionContext | undefined, eol: string): { before: string; after: string } {
  if (!ctx) return { before: '', after: '' };
  const before = /[^\s([{<“‘"'«‹—–/-]$/u.test(ctx.linePrefix) ? ' ' : '';
  if (format === 'markdown' && ctx.linePrefix.trim() === '' && MARKDOWN_BLOCK_START.test(ctx.linePrefix + ctx.lineSuffix)) {
    return { before: '', after: eol + eol };
  }
  return { before, after: /^[\p{L}\p{N}([{“‘«‹\\]/u.test(ctx.lineSuffix) ? ' ' : '' };
}

/** Joins block lines for insertion at the cursor described by `ctx`. */
function place(format: QuotationFormat, lines: readonly string[], ctx: InsertionContext, eol: string): Quotation {
  const { cont, rest, listItem } = containerOf(format, ctx.linePrefix);
  const blank = cont.trimEnd();
  const spaced = format === 'markdown' || format === 'plaintext';
  const midLine = rest.trim() !== '';
  const textAfter = ctx.lineSuffix.trim() !== '';
  let text = '';
  let replaceBefore = 0;
  let replaceAfter = 0;
  if (midLine) {
    replaceBefore = ctx.linePrefix.length - ctx.linePrefix.trimEnd().length;
    text += spaced ? eol + blank + eol + cont : eol + cont;
  } else if (spaced && !listItem && !isBlankLine(ctx.previousLine)) {
    replaceBefore = ctx.linePrefix.length - ctx.linePrefix.trimEnd().length;
    text += eol + cont;
  }
  text += lines.map((l, i) => (i === 0 ? l : eol + (l === '' ? blank : cont + l))).join('');
  const cursor = text.length;
  if (textAfter) {
    replaceAfter = ctx.lineSuffix.length - ctx.lineSuffix.trimStart().length;
    text += spaced ? eol + blank + eol + cont : eol + cont;
  } else if (spaced && !isBlankLine(ctx.nextLine)) {
    replaceAfter = ctx.lineSuffix.length;
    text += eol + blank;
  }
  return { text, replaceBefore, replaceAfter, cursor, form: 'block', format };
}
