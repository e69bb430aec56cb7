/**
 * The reader panel's HTML, built on the host (like VS Code's Markdown preview) so the webview
 * only decorates a finished document. Pure: no `vscode`, no DOM; unit-tested.
 *
 * Every value that comes from content (article text, title, theme labels and descriptions) is
 * escaped. The body is emitted so that the webview can map a DOM selection back to the exact
 * source range: each paragraph's text element (`.text`) carries `data-start`/`data-end`, and its
 * `textContent` is exactly `article.body.slice(start, end)` (a CR is written as `&#13;`, which the
 * HTML parser's newline normalization leaves alone; HTML Living Standard §13.2.3.5). Inside it, each
 * sentence is a `span.s` with `data-passage`, `data-start` and `data-end`. Offsets are UTF-16
 * code-unit offsets into `article.body`, half-open `[start, end)`.
 */
import { escapeHtml, escapeHtmlAttribute } from './escape';
import type { Article, Paragraph, TextRange, Theme } from './types';

/** The strings the reader shows, localized by the host. */
export interface ReaderStrings {
  /** Toolbar button and landmark name of the table of contents. */
  readonly contents: string;
  readonly previousParagraph: string;
  readonly nextParagraph: string;
  readonly quoteSelection: string;
  /** Accessible name of a paragraph's list of theme chips. */
  readonly themes: string;
  /** Accessible name of the toolbar. */
  readonly toolbar: string;
  /** Tooltip of a paragraph's margin number and accessible name of the paragraph, for example `Paragraph 3`. */
  paragraph(n: number): string;
  /**
   * The template of what the live region announces before a highlighted passage's text, with
   * `{0}` for its paragraph number and `{1}` for the number of paragraphs: `Paragraph {0} of {1}`.
   * The webview fills it in.
   */
  readonly paragraphOf: string;
  /** The keys of the reader, read by screen readers as the description of the article text. */
  readonly keyboardHelp: string;
}

/** Everything {@link buildReaderHtml} needs. */
export interface ReaderHtmlOptions {
  readonly article: Article;
  /** The themes to show as chips for a paragraph id (the host passes `themesOf(id, { related: true })`). */
  themesOf(paragraphId: string): readonly Theme[];
  /** `Webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh random nonce (base64 or hex) for this HTML. */
  readonly nonce: string;
  /** Webview URI of the script (`dist/webview.js`). */
  readonly scriptUri: string;
  /** Webview URIs of the style sheets, in order (codicons, then the reader's). */
  readonly styleUris: readonly string[];
  readonly strings: ReaderStrings;
  /** BCP 47 tag of the UI (`vscode.env.language`); the article's own language comes from its metadata. */
  readonly uiLanguage: string;
}

/**
 * The Content-Security-Policy of the reader: nothing by default; styles from the extension's
 * resources or with the nonce; scripts only with the nonce; fonts and images from the
 * extension's resources. No `unsafe-inline`, no remote origins.
 */
export function readerCsp(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

/**
 * Escapes article text for HTML text content so that the parsed `textContent` has exactly the
 * source's UTF-16 code units: {@link escapeHtml}, plus CR as `&#13;` (a literal CR or CRLF would be
 * normalized to LF) and NUL as `&#0;` (parsed as U+FFFD, one code unit like the NUL it stands for,
 * where a literal NUL would be dropped).
 */
export function escapeBodyText(text: string): string {
  return escapeHtml(text).replace(/\r/g, '&#13;').replace(/\0/g, '&#0;');
}

/**
 * Sorts `ranges`, drops those that are not integer ranges within `[0, bodyLength]` or are empty,
 * and merges overlapping or touching ones. Returns a new array.
 */
export function normalizeRanges(ranges: readonly TextRange[], bodyLength: number): TextRange[] {
  const valid = ranges
    .filter(r => Number.isSafeInteger(r.start) && Number.isSafeInteger(r.end) && r.start >= 0 && r.start < r.end && r.end <= bodyLength)
    .map(r => ({ start: r.start, end: r.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextRange[] = [];
  for (const r of valid) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else out.push(r);
  }
  return out;
}

/** `range` without the white space (`\s`) at its ends; an all-space range becomes empty at its start. */
export function trimRange(body: string, range: TextRange): TextRange {
  let { start, end } = range;
  while (start < end && /\s/.test(body[start])) start++;
  while (end > start && /\s/.test(body[end - 1])) end--;
  return { start, end };
}

/**
 * The opening of a paragraph for the table of contents: its white space collapsed, cut at a word
 * boundary to at most `maxChars` characters (code points) with `…` appended when cut.
 */
export function openingWords(text: string, maxChars = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= maxChars) return flat;
  const cut = chars.slice(0, maxChars).join('');
  const space = cut.lastIndexOf(' ');
  return (space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '') + '…';
}

const ATX_HEADING = /^( {0,3}#{1,6}[ \t]+)(.*?)((?:[ \t]+#+)?[ \t]*)$/;

/** The parts of a paragraph that is a one-line ATX heading (`## Title`): marker, title, closing. */
export function headingOf(paragraph: Paragraph): { level: number; marker: string; title: string; closing: string } | undefined {
  if (/[\r\n]/.test(paragraph.text)) return undefined;
  const m = ATX_HEADING.exec(paragraph.text);
  if (!m || m[2].trim() === '') return undefined;
  return { level: m[1].trim().length, marker: m[1], title: m[2], closing: m[3] };
}

/** A dateline at the start of the first paragraph: a place (at most 80 characters, no sentence end) then a dash. */
const DATELINE = /^([^\n.?!–—]{2,80}?)\s+[–—]\s/;

function attr(value: string | number): string {
  return escapeHtmlAttribute(String(value));
}

/** Emits `paragraph`'s exact text with a `span.s` per sentence (and the dateline of the first paragraph). */
function paragraphText(article: Article, paragraph: Paragraph): string {
  const { body } = article;
  let out = '';
  let cursor = paragraph.start;
  for (const id of paragraph.sentenceIds) {
    const s = article.passages.get(id);
    if (!s || s.kind !== 'sentence' || s.start < cursor || s.end > paragraph.end) continue;
    out += escapeBodyText(body.slice(cursor, s.start));
    let inner = escapeBodyText(s.text);
    const dateline = paragraph.number === 1 && s.start === paragraph.start ? DATELINE.exec(s.text) : null;
    if (dateline) {
      const place = dateline[1];
      inner = `<span class="dateline">${escapeBodyText(place)}</span>${escapeBodyText(s.text.slice(place.length))}`;
    }
    out += `<span class="s" data-passage="${attr(s.id)}" data-start="${s.start}" data-end="${s.end}">${inner}</span>`;
    cursor = s.end;
  }
  return out + escapeBodyText(body.slice(cursor, paragraph.end));
}

function chips(themes: readonly Theme[], strings: ReaderStrings): string {
  if (themes.length === 0) return '';
  const items = themes.map(t =>
    `<li class="chip" data-theme="${attr(t.id)}"${t.description ? ` title="${attr(t.description)}"` : ''}>${escapeHtml(t.label)}</li>`);
  return `<ul class="chips" aria-label="${attr(strings.themes)}">${items.join('')}</ul>`;
}

function paragraphHtml(o: ReaderHtmlOptions, p: Paragraph): string {
  const heading = headingOf(p);
  const range = `data-start="${p.start}" data-end="${p.end}"`;
  const number = `<span class="num" title="${attr(o.strings.paragraph(p.number))}" aria-hidden="true">¶&#160;${p.number}</span>`;
  // Each paragraph is a tab stop, named by its number (the margin number is hidden from screen readers).
  const focus = `tabindex="0" role="group" aria-label="${attr(o.strings.paragraph(p.number))}"`;
  if (heading) {
    // The Markdown markers stay in the text element (hidden) so its textContent is still the exact source.
    const level = Math.min(6, heading.level + 1);
    const text = `<span class="md-marker">${escapeBodyText(heading.marker)}</span>${escapeBodyText(heading.title)}`
      + (heading.closing ? `<span class="md-marker">${escapeBodyText(heading.closing)}</span>` : '');
    return `<div class="para heading" id="${attr(p.id)}" data-passage="${attr(p.id)}" data-number="${p.number}" ${focus}>${number}`
      + `<h${level} class="text" ${range}>${text}</h${level}></div>`;
  }
  return `<div class="para" id="${attr(p.id)}" data-passage="${attr(p.id)}" data-number="${p.number}" ${focus}>${number}`
    + `<p class="text" ${range}>${paragraphText(o.article, p)}</p>${chips(o.themesOf(p.id), o.strings)}</div>`;
}

/** The paragraphs grouped into sections: a new section starts at each heading paragraph. */
function sections(paragraphs: readonly Paragraph[]): Paragraph[][] {
  const out: Paragraph[][] = [];
  for (const p of paragraphs) {
    if (out.length === 0 || headingOf(p)) out.push([]);
    out[out.length - 1].push(p);
  }
  return out;
}

function tableOfContents(o: ReaderHtmlOptions): string {
  const items = o.article.paragraphs.map(p => {
    const heading = headingOf(p);
    const label = heading ? heading.title.trim() : openingWords(p.text);
    return `<li${heading ? ' class="toc-heading"' : ''}><button type="button" class="toc-item" data-passage="${attr(p.id)}">`
      + `<span class="toc-num">${p.number}</span><span class="toc-text">${escapeHtml(label)}</span></button></li>`;
  });
  return `<nav id="toc" class="toc" aria-label="${attr(o.strings.contents)}"><ol>${items.join('')}</ol></nav>`;
}

function toolButton(id: string, icon: string, label: string, title: string, extra = ''): string {
  return `<button type="button" class="tool" id="${id}" title="${attr(title)}" aria-label="${attr(label)}"${extra}>`
    + `<span class="codicon codicon-${icon}" aria-hidden="true"></span><span class="tool-label">${escapeHtml(label)}</span></button>`;
}

/** `data-vscode-context` of an element: the context keys VS Code's `webview/context` menus see there. */
function vscodeContext(value: Record<string, string | boolean>): string {
  return `data-vscode-context="${attr(JSON.stringify(value))}"`;
}

/**
 * The whole HTML document of the reader for `options.article`: toolbar (table of contents,
 * previous/next paragraph, position, Quote Selection), table of contents, header (title,
 * subtitle, publication line), and the paragraphs with their margin numbers (`¶ N`, as the
 * `para. N` locator counts) and theme chips, grouped in sections split at one-line `#` headings.
 *
 * The text of paragraphs carries `data-vscode-context` `webviewSection: "passage"` for the
 * `webview/context` menu; elsewhere the default Cut/Copy/Paste items are suppressed.
 * Selected passage and search highlights are applied by the webview script, not here.
 */
export function buildReaderHtml(o: ReaderHtmlOptions): string {
  const { article, strings } = o;
  const meta = article.metadata;
  const publication = [meta.author.join('; '), meta.containerTitle, meta.issued].filter(Boolean).join(' · ');
  const header = '<header class="article-header">'
    + `<h1 class="title">${escapeHtml(meta.title || meta.id)}</h1>`
    + (meta.subtitle ? `<p class="subtitle">${escapeHtml(meta.subtitle)}</p>` : '')
    + (publication ? `<p class="publication">${escapeHtml(publication)}</p>` : '')
    + '</header>';
  const body = sections(article.paragraphs)
    .map(ps => `<section class="section">${ps.map(p => paragraphHtml(o, p)).join('\n')}</section>`)
    .join('\n');
  const toolbar = `<div class="toolbar" role="toolbar" aria-label="${attr(strings.toolbar)}">`
    + toolButton('toc-toggle', 'list-flat', strings.contents, strings.contents, ' aria-controls="toc" aria-expanded="false"')
    + toolButton('previous', 'arrow-up', strings.previousParagraph, `${strings.previousParagraph} (K)`, ' aria-keyshortcuts="K"')
    + toolButton('next', 'arrow-down', strings.nextParagraph, `${strings.nextParagraph} (J)`, ' aria-keyshortcuts="J"')
    + '<span id="position" class="position" aria-hidden="true"></span><span class="spacer"></span>'
    + toolButton('quote', 'quote', strings.quoteSelection, `${strings.quoteSelection} (Q)`, ' aria-keyshortcuts="Q"')
    + '</div>';
  // The live region the webview fills with the highlighted passage; the template's {0} and {1} are its
  // paragraph number and the number of paragraphs.
  const announcer = `<div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-template="${attr(strings.paragraphOf)}"></div>`;
  const lang = meta.language ? ` lang="${attr(meta.language)}"` : '';
  return `<!DOCTYPE html>
<html lang="${attr(o.uiLanguage || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(readerCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${o.styleUris.map(u => `<link rel="stylesheet" href="${attr(u)}" nonce="${attr(o.nonce)}">`).join('\n')}
<title>${escapeHtml(meta.title || meta.id)}</title>
</head>
<body data-article-id="${attr(meta.id)}" data-paragraphs="${article.paragraphs.length}" ${vscodeContext({ preventDefaultContextMenuItems: true })}>
${toolbar}
${announcer}
<div class="layout">
${tableOfContents(o)}
<main class="reader" aria-describedby="keyboard-help">
<p id="keyboard-help" class="visually-hidden">${escapeHtml(strings.keyboardHelp)}</p>
<article class="article"${lang}>
${header}
<div class="article-body" ${vscodeContext({ webviewSection: 'passage', preventDefaultContextMenuItems: false })}>
${body}
</div>
</article>
</main>
</div>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
