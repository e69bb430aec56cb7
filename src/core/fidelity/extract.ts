/**
 * Finding the quotations of a document: block quotations and inline quotations in Markdown,
 * LaTeX, HTML and plain text (the forms `src/core/quote.ts` writes and the ordinary ones), each
 * with its text as a reader sees it (block markers, markup and the format's escapes removed) and
 * the citation next to it, if any. Every range is a UTF-16 code-unit offset into the document
 * text, half-open `[start, end)`.
 */
import { quotationFormat } from '../quote';
import { extractHtml } from './extractHtml';
import { extractLatex } from './extractLatex';
import { extractMarkdown } from './extractMarkdown';
import type { FoundQuotation } from './syntax';

export type { CitationRef, FoundQuotation, Locator } from './syntax';

/**
 * Finds the quotations of `text`, a document of VS Code language `languageId` (`markdown`; `latex`,
 * `tex`, `doctex`, `latex-expl3`; `html`; anything else is read as plain text), in document order.
 * Code (Markdown fences and code spans, LaTeX comments, HTML comments, `script` and `style`) is
 * skipped. Quotations without any letter or digit are left out, and so are quotation marks inside
 * another quotation's citation (a title in a note-style citation). Never throws.
 */
export function extractQuotations(text: string, languageId: string): FoundQuotation[] {
  const format = quotationFormat(languageId);
  let found: FoundQuotation[];
  switch (format) {
    case 'markdown': found = extractMarkdown(text, false); break;
    case 'latex': found = extractLatex(text); break;
    case 'html': found = extractHtml(text); break;
    default: found = extractMarkdown(text, true); break;
  }
  // Marks inside a citation (`^[“Title,” para. 6.]`) quote a title, not a source.
  const citations = found.flatMap(q => (q.citation ? [q.citation.range] : []));
  return found
    .filter(q => /[\p{L}\p{N}]/u.test(q.content.text) && !citations.some(c => c.start <= q.range.start && q.range.end <= c.end))
    .sort((a, b) => a.range.start - b.range.start);
}

