/**
 * The readable text of an HTML article, for the library: what a browser would show as paragraphs,
 * parsed with htmlparser2 (a tolerant, streaming parser: any input gives a result). Pure: no DOM.
 */
import { Parser } from 'htmlparser2';

/** What {@link htmlToText} extracts from an HTML file. */
export interface HtmlText {
  /**
   * The text: one paragraph per block element (`p`, `h1`–`h6`, `li`, `blockquote`, `div`, `td`, …),
   * paragraphs separated by one blank line (`\n\n`), white space inside a paragraph collapsed to
   * single spaces (kept as is inside `pre`), character references decoded.
   */
  readonly text: string;
  /** The `<title>` text, else the first `<h1>`'s, white space collapsed; `''` when neither. */
  readonly title: string;
  /** Whether the text's first paragraph is the `<h1>` that gave the title (so it is not a paragraph of the article). */
  readonly titleIsFirstParagraph: boolean;
}

/** Elements whose start and end break a paragraph (HTML's block-level and table elements, and `br`). */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'td', 'th', 'tr', 'ul',
]);
/** Elements whose content is not text of the article. */
const HIDDEN = new Set(['head', 'script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object']);

/**
 * Extracts the paragraphs and title of an HTML document (see {@link HtmlText}). Never throws:
 * malformed markup is read as browsers read it, as far as htmlparser2 does.
 */
export function htmlToText(html: string): HtmlText {
  const paragraphs: string[] = [];
  let current = '';
  let hidden = 0;
  let pre = 0;
  let inTitle = false;
  let title = '';
  let inH1 = false;
  let h1 = '';
  let h1Done = false;
  let h1Paragraph = -1;
  const flush = (): void => {
    const text = pre > 0 ? current.replace(/^\s*\n|\s+$/g, '') : current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const parser = new Parser({
    onopentag(name) {
      if (name === 'title') inTitle = true;
      if (HIDDEN.has(name)) hidden++;
      if (BLOCK.has(name)) flush();
      if (name === 'pre') pre++;
      if (name === 'h1' && !h1Done) inH1 = true;
    },
    onclosetag(name) {
      if (name === 'title') inTitle = false;
      if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
      if (name === 'h1' && inH1) {
        inH1 = false;
        h1Done = true;
        if (current.trim()) h1Paragraph = paragraphs.length;
      }
      if (BLOCK.has(name)) flush();
      if (name === 'pre') pre = Math.max(0, pre - 1);
    },
    ontext(data) {
      if (inTitle) title += data;
      if (hidden > 0) return;
      current += data;
      if (inH1) h1 += data;
    },
  }, { decodeEntities: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  flush();
  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
  const fromTitle = collapse(title);
  const fromH1 = collapse(h1);
  return {
    text: paragraphs.join('\n\n'),
    title: fromTitle || fromH1,
    titleIsFirstParagraph: h1Paragraph === 0 && (!fromTitle || fromTitle === fromH1),
  };
}
