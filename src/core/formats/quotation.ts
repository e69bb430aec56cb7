/**
 * Quotations with a citation, and citations on their own, in every writing language, each in the
 * idiom of that language. Pure: the formatted CSL citation comes in as strings (from the
 * citations bundle), so this module never loads the engine.
 *
 * It sits beside `core/quote.ts` (`buildQuotation`), which stays the formatter of the plain
 * Markdown, LaTeX, HTML and text quotation with a home-made attribution: this module adds
 * AsciiDoc, reStructuredText, Org and Typst, Pandoc and callout Markdown, csquotes with `\cite`,
 * note styles as footnotes, and user templates. The result is plain text for one `TextEdit`
 * (never a snippet); placing it on lines of its own is the caller's business.
 * Offsets are UTF-16 code-unit offsets into `Article.body`, half-open `[start, end)`.
 */
import { escapeHtmlAttribute } from '../escape';
import type { Article, TextRange } from '../types';
import { type WritingLanguage } from './languages';
import { escapeFor, htmlToMarkup } from './markup';

/** Markdown forms: blockquote + citation line, Pandoc citation, Obsidian/GitHub callout. */
export type MarkdownForm = 'blockquote' | 'pandoc' | 'callout';
/** LaTeX forms: `quote` environment + formatted citation, or csquotes with a `\cite` command. */
export type LatexForm = 'quote' | 'csquotes';
/** The citation package whose commands LaTeX forms use: biblatex `\cite`, natbib `\citep`. */
export type LatexCitations = 'biblatex' | 'natbib';

/** The citation of a quotation, formatted by a CSL style, and what templates may use. */
export interface CitationParts {
  /** The CSL citation as citeproc-js HTML (`(<i>Title</i>, n.d., para. 6)`); converted per language. */
  readonly html: string;
  /** True for a note style (Chicago notes): the citation is written as a footnote where the language has one. */
  readonly note?: boolean;
  /** Citation key (`xi-northeast-symposium`), for Pandoc, LaTeX and Typst citations. */
  readonly key: string;
  /** The locator number or span (`6`, `6–7`), empty when none. */
  readonly locator: string;
  /** Locator label as written (`para.`; `paras.` for a span). Default from {@link locator}. */
  readonly locatorLabel?: string;
  readonly title: string;
  readonly url: string;
  /** Date as given in the metadata (`2023-09-10`), or empty. */
  readonly date: string;
}

/** Options; defaults in brackets. */
export interface CitedQuotationOptions {
  /** [`blockquote`] */
  readonly markdown?: MarkdownForm;
  /** [`quote`] */
  readonly latex?: LatexForm;
  /** [`biblatex`] */
  readonly latexCitations?: LatexCitations;
  /**
   * User templates by language; placeholders `{text}` (the quoted text, escaped, paragraphs
   * joined by a blank line), `{citation}` (the formatted citation in the language's markup),
   * `{locator}` (`para. 6`), `{key}`, `{title}`, `{url}`, `{date}` (escaped). Unknown `{names}`
   * stay as written; the template's own text is the user's markup and is not escaped.
   */
  readonly templates?: Readonly<Partial<Record<WritingLanguage, string>>>;
  /** Line break [`\n`]. */
  readonly eol?: '\n' | '\r\n';
}

/** The quoted text: its paragraphs (exact source text, trimmed) and editorial ellipses. */
export interface QuotedText {
  readonly paragraphs: readonly string[];
  /** `[…] ` before the first paragraph: the quotation starts inside a sentence. */
  readonly leadingEllipsis?: boolean;
  /** ` […]` after the last: it ends inside a sentence. */
  readonly trailingEllipsis?: boolean;
  /** Paragraph numbers of the first and last quoted paragraph (1-based). */
  readonly firstParagraph: number;
  readonly lastParagraph: number;
}

/**
 * The paragraphs of `range` in `article`, each trimmed of white space, with ellipsis flags as
 * `buildQuotation` sets them (the range starts or ends strictly inside a sentence).
 * @throws RangeError when the range is not within the body or holds no paragraph text.
 */
export function quotedText(article: Article, range: TextRange): QuotedText {
  const { body } = article;
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > body.length || start > end) {
    throw new RangeError(`The range [${start}, ${end}) is not within the article body [0, ${body.length}).`);
  }
  const paragraphs: string[] = [];
  const numbers: number[] = [];
  let qStart = -1;
  let qEnd = -1;
  for (const p of article.paragraphs) {
    let s = Math.max(start, p.start);
    let e = Math.min(end, p.end);
    while (s < e && /\s/.test(body[s])) s++;
    while (e > s && /\s/.test(body[e - 1])) e--;
    if (s >= e) continue;
    if (qStart < 0) qStart = s;
    qEnd = e;
    paragraphs.push(body.slice(s, e));
    numbers.push(p.number);
  }
  if (!paragraphs.length) throw new RangeError(`The range [${start}, ${end}) holds no text of the article's paragraphs.`);
  return {
    paragraphs,
    leadingEllipsis: article.sentences.some(s => s.start < qStart && qStart < s.end),
    trailingEllipsis: article.sentences.some(s => s.start < qEnd && qEnd < s.end),
    firstParagraph: numbers[0],
    lastParagraph: numbers[numbers.length - 1],
  };
}

/** `6` or `6–7` (en dash, CMOS 17th ed. §6.78). */
export function paragraphSpan(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}

/** `para. 6` / `paras. 6–7` (APA 7th ed. §8.28), with `space` between label and number. */
function locatorText(c: CitationParts, space = ' '): string {
  if (!c.locator) return '';
  const label = c.locatorLabel ?? (/[–-]/.test(c.locator) ? 'paras.' : 'para.');
  return `${label}${space}${c.locator}`;
}

/** The LaTeX citation command: `\cite[para.~6]{key}` (biblatex) or `\citep[para.~6]{key}` (natbib). */
export function latexCite(c: CitationParts, citations: LatexCitations = 'biblatex'): string {
  const loc = locatorText(c, '~');
  return `\\${citations === 'natbib' ? 'citep' : 'cite'}${loc ? `[${escapeFor('latex', loc).replace(/\\textasciitilde\{\}/g, '~')}]` : ''}{${c.key}}`;
}

/** The Pandoc citation `[@key, para. 6]` (Pandoc manual, "Citation syntax"). */
export function pandocCite(c: CitationParts): string {
  const loc = locatorText(c);
  return `[@${c.key}${loc ? `, ${loc}` : ''}]`;
}

/** The Typst citation `@key[para. 6]` (Typst reference, `cite`: the supplement in brackets). */
export function typstCite(c: CitationParts): string {
  const loc = locatorText(c);
  return `@${c.key}${loc ? `[${escapeFor('typst', loc)}]` : ''}`;
}

/**
 * The formatted citation in the markup of `language`. A note style's citation becomes a footnote
 * where the language has an inline one: Pandoc Markdown `^[…]`, LaTeX `\footnote{…}`, AsciiDoc
 * `footnote:[…]`, Org `[fn:: …]`, Typst `#footnote[…]`; elsewhere it stays in parentheses.
 */
export function citationMarkup(c: CitationParts, language: WritingLanguage): string {
  let markup = htmlToMarkup(c.html, language);
  if (language === 'html' && c.title) {
    // The title of the cited work is what HTML's <cite> element is for (HTML Living Standard §4.5.6).
    const t = escapeFor('html', c.title);
    markup = markup.split(`<i>${t}</i>`).join(`<cite>${t}</cite>`);
  }
  if (!c.note) return markup;
  switch (language) {
    case 'markdown': return `^[${markup}]`;
    case 'latex': return `\\footnote{${markup}}`;
    case 'asciidoc': return `footnote:[${markup.replace(/]/g, '\\]')}]`;
    case 'org': return `[fn:: ${markup}]`;
    case 'typst': return `#footnote[${markup}]`;
    default: return `(${markup})`;
  }
}

/**
 * A citation on its own ("Insert Citation"), in the idiom of `language`: Pandoc Markdown
 * `[@key, para. 6]` (the `pandoc` form) or the formatted citation (other Markdown forms), LaTeX
 * `\cite[para.~6]{key}` (or `\citep`), Typst `@key[para. 6]`, and the formatted citation, in
 * the language's markup, elsewhere (`(Title, n.d., para. 6)`).
 */
export function formatCitation(c: CitationParts, language: WritingLanguage, options: CitedQuotationOptions = {}): string {
  if (language === 'markdown' && options.markdown === 'pandoc') return pandocCite(c);
  if (language === 'latex') return latexCite(c, options.latexCitations);
  if (language === 'typst') return typstCite(c);
  return citationMarkup(c, language);
}

function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(text|citation|locator|key|title|url|date)\}/g, (_, name: string) => values[name] ?? '');
}

/** Paragraph lines escaped for `language`, with the ellipses. */
function escapedParagraphs(q: QuotedText, language: WritingLanguage): string[][] {
  const last = q.paragraphs.length - 1;
  return q.paragraphs.map((p, pi) => {
    const lines = p.split(/\r\n|\r|\n/).map(l => escapeFor(language, l));
    if (pi === 0 && q.leadingEllipsis) lines[0] = '[…] ' + lines[0];
    if (pi === last && q.trailingEllipsis) lines[lines.length - 1] += ' […]';
    return lines;
  });
}

/** Joins paragraphs (arrays of lines) with `prefix` on every line and `blank` between paragraphs. */
function joinBlock(paras: readonly string[][], prefix: string, blank: string): string[] {
  const out: string[] = [];
  paras.forEach((p, i) => {
    if (i > 0) out.push(blank);
    for (const l of p) out.push(prefix + l);
  });
  return out;
}

/** An AsciiDoc attribute value in double quotes (AsciiDoc Language, "Attribute lists"). */
function asciidocAttribute(value: string): string {
  return `"${value.replace(/"/g, '\\"')}"`;
}

/**
 * A block quotation with its citation, in the idiom of `language`:
 * - Markdown `blockquote`: `> ` lines, a blank line, then the citation line; `pandoc`: `> ` lines,
 *   the last ending in ` [@key, para. 6]`; `callout`: `> [!quote] <citation>` then `> ` lines
 *   (Obsidian callouts; GitHub renders the same syntax for its alert types).
 * - LaTeX `quote`: `\begin{quote}` … `\par\hfill <citation>` … `\end{quote}`; `csquotes`:
 *   `\blockquote[\cite[para.~6]{key}]{…}` (csquotes §3.3: the optional argument is the citation).
 * - HTML: `<figure>`, `<blockquote cite="url">` with a `<p>` per paragraph, and the citation in a
 *   `<figcaption>` (HTML Living Standard §4.4.4: attribution goes outside the blockquote).
 * - AsciiDoc: `[quote, "<citation>"]` then the text between `____` delimiters.
 * - reStructuredText: the text indented four spaces, then an attribution paragraph `-- <citation>`
 *   (Docutils spec, "Block Quotes").
 * - Org: `#+begin_quote` … `#+end_quote`, then the citation; a text line starting with `*` or
 *   `#+` is escaped with a leading comma (the Org manual, "Literal Examples").
 * - Typst: `#quote(attribution: [<citation>], block: true)[…]` (Typst reference, `quote`).
 * - Plain text: lines indented four spaces, the citation on the line after.
 * A note style puts the citation in a footnote (see {@link citationMarkup}). A user template for
 * the language replaces all of this.
 */
export function formatBlockQuotation(q: QuotedText, c: CitationParts, language: WritingLanguage, options: CitedQuotationOptions = {}): string {
  const eol = options.eol ?? '\n';
  const paras = escapedParagraphs(q, language);
  const citation = citationMarkup(c, language);
  const template = options.templates?.[language];
  if (template) {
    return renderTemplate(template, {
      text: paras.map(p => p.join(eol)).join(eol + eol), citation, locator: locatorText(c), key: c.key,
      title: escapeFor(language, c.title), url: c.url, date: escapeFor(language, c.date),
    });
  }
  const lines: string[] = [];
  switch (language) {
    case 'markdown': {
      const form = options.markdown ?? 'blockquote';
      if (form === 'callout') {
        lines.push(`> [!quote]${citation ? ` ${citation}` : ''}`, ...joinBlock(paras, '> ', '>'));
      } else if (form === 'pandoc') {
        lines.push(...joinBlock(paras, '> ', '>'));
        lines[lines.length - 1] += ` ${pandocCite(c)}`;
      } else {
        lines.push(...joinBlock(paras, '> ', '>'));
        if (citation) lines.push('', citation);
      }
      break;
    }
    case 'latex':
      if ((options.latex ?? 'quote') === 'csquotes') {
        const body = joinBlock(paras, '', '');
        body[0] = `\\blockquote[${latexCite(c, options.latexCitations)}]{${body[0]}`;
        body[body.length - 1] += '}';
        lines.push(...body);
      } else {
        lines.push('\\begin{quote}', ...joinBlock(paras, '', ''));
        if (citation) lines.push(c.note ? citation : `\\par\\hfill ${citation}`);
        lines.push('\\end{quote}');
      }
      break;
    case 'html':
      lines.push('<figure>', `  <blockquote${c.url ? ` cite="${escapeHtmlAttribute(c.url)}"` : ''}>`);
      for (const p of paras) p.forEach((l, i) => lines.push(`    ${i === 0 ? '<p>' : '  '}${l}${i === p.length - 1 ? '</p>' : ''}`));
      lines.push('  </blockquote>');
      if (citation) lines.push(`  <figcaption>${citation}</figcaption>`);
      lines.push('</figure>');
      break;
    case 'asciidoc':
      lines.push(c.note ? '[quote]' : `[quote, ${asciidocAttribute(citation)}]`, '____', ...joinBlock(paras, '', ''), '____');
      if (c.note) lines[lines.length - 1] += citation;
      break;
    case 'restructuredtext':
      lines.push(...joinBlock(paras, '    ', ''));
      if (citation) lines.push('', `    -- ${citation}`);
      break;
    case 'org':
      lines.push('#+begin_quote', ...joinBlock(paras, '', '').map(l => (/^(\*|#\+)/.test(l) ? ',' + l : l)), '#+end_quote');
      if (citation) lines.push(citation);
      break;
    case 'typst': {
      const body = joinBlock(paras, '', '').join(eol);
      lines.push(c.note ? `#quote(block: true)[${body}]${citation}` : `#quote(attribution: [${citation}], block: true)[${body}]`);
      break;
    }
    default:
      lines.push(...joinBlock(paras, '    ', ''));
      if (citation) lines.push(`    ${citation}`);
  }
  return lines.join(eol);
}

/**
 * An inline quotation with its citation: `“…” <citation>` with the language's escaping, where
 * double quotation marks inside become single (`“ ” "` → `‘ ’ '`) and line breaks spaces, as
 * `buildQuotation` does. Markdown `pandoc`: `“…” [@key, para. 6]`; LaTeX `csquotes`:
 * `\enquote{…} \cite[para.~6]{key}`; Typst: `#quote[…] @key[para. 6]`. Note styles put the
 * citation in a footnote right after the quotation. A user template for the language wins.
 */
export function formatInlineQuotation(q: QuotedText, c: CitationParts, language: WritingLanguage, options: CitedQuotationOptions = {}): string {
  const raw = q.paragraphs.map(p => p.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ')).join(' ')
    .replace(/[“"”]/g, ch => (ch === '“' ? '‘' : ch === '”' ? '’' : "'"));
  const text = (q.leadingEllipsis ? '[…] ' : '') + escapeFor(language, raw) + (q.trailingEllipsis ? ' […]' : '');
  const citation = citationMarkup(c, language);
  const template = options.templates?.[language];
  if (template) {
    return renderTemplate(template, {
      text, citation, locator: locatorText(c), key: c.key, title: escapeFor(language, c.title), url: c.url, date: escapeFor(language, c.date),
    });
  }
  const joiner = c.note ? '' : ' ';
  if (language === 'markdown' && options.markdown === 'pandoc') return `“${text}” ${pandocCite(c)}`;
  if (language === 'latex' && options.latex === 'csquotes') return `\\enquote{${text}} ${latexCite(c, options.latexCitations)}`;
  if (language === 'typst') return `#quote[${text}]${joiner}${c.note ? citation : typstCite(c)}`;
  if (language === 'html') return `<q${c.url ? ` cite="${escapeHtmlAttribute(c.url)}"` : ''}>${text}</q>${citation ? joiner + citation : ''}`;
  return `“${text}”${citation ? joiner + citation : ''}`;
}
