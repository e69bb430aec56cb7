/**
 * The writing languages Article Atlas quotes and cites in, chosen from the VS Code language id of
 * the target document. Pure.
 */

/** A writing language. */
export type WritingLanguage = 'markdown' | 'latex' | 'html' | 'asciidoc' | 'restructuredtext' | 'org' | 'typst' | 'plaintext';

/** Every writing language, in settings order. */
export const WRITING_LANGUAGES: readonly WritingLanguage[] = ['markdown', 'latex', 'html', 'asciidoc', 'restructuredtext', 'org', 'typst', 'plaintext'];

/**
 * The writing language of a VS Code language id (the ids of the built-in languages and of the
 * common extensions for AsciiDoc, reStructuredText, Org and Typst); unknown ids → `plaintext`.
 */
export function writingLanguage(languageId: string): WritingLanguage {
  switch (languageId) {
    case 'markdown': case 'mdx': case 'quarto': case 'rmd': return 'markdown';
    case 'latex': case 'tex': case 'doctex': case 'latex-expl3': case 'bibtex': return 'latex';
    case 'html': return 'html';
    case 'asciidoc': return 'asciidoc';
    case 'restructuredtext': case 'rst': return 'restructuredtext';
    case 'org': return 'org';
    case 'typst': return 'typst';
    default: return 'plaintext';
  }
}
