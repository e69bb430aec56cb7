/**
 * The `articleAtlas.citation.*` settings, read on each use through a narrow port (no `vscode` at
 * run time), so unit tests check them with a hand-made fake.
 */
import type * as vscode from 'vscode';
import { CITATION_STYLES, type CitationStyleKey, DEFAULT_CITATION_STYLE } from '../core/citation/styles';
import { WRITING_LANGUAGES, type WritingLanguage } from '../core/formats/languages';
import type { CitedQuotationOptions, LatexCitations, MarkdownForm } from '../core/formats/quotation';

/** What the settings reader needs of `vscode.workspace`. */
export type ConfigurationPort = Pick<typeof vscode.workspace, 'getConfiguration'>;

/** The settings section of citations. */
export const CITATION_SECTION = 'articleAtlas.citation';

/** Citation settings, each checked and defaulted. */
export interface CitationSettings extends CitedQuotationOptions {
  readonly style: CitationStyleKey;
  /** Workspace-relative path of the `.bib` file "Add to Bibliography" writes to; empty = ask. */
  readonly bibliographyFile: string;
}

const MARKDOWN_FORMS: readonly MarkdownForm[] = ['blockquote', 'pandoc', 'callout'];
const LATEX_CITATIONS: readonly LatexCitations[] = ['biblatex', 'natbib'];

/**
 * Reads the settings: `style`, `markdownForm`, `latexCitations`, `templates` (an object of
 * language → template string; other keys and non-string values are dropped), `bibliographyFile`;
 * the LaTeX form comes from `articleAtlas.quotation.latexEnvironment`. A wrong value falls back to
 * the default.
 */
export function citationSettings(workspace: ConfigurationPort, scope?: vscode.ConfigurationScope, eol: '\n' | '\r\n' = '\n'): CitationSettings {
  const config = workspace.getConfiguration(CITATION_SECTION, scope);
  const style = config.get<unknown>('style');
  const markdown = config.get<unknown>('markdownForm');
  const citations = config.get<unknown>('latexCitations');
  const rawTemplates = config.get<unknown>('templates');
  const file = config.get<unknown>('bibliographyFile');
  const latex = workspace.getConfiguration('articleAtlas.quotation', scope).get<unknown>('latexEnvironment');
  const templates: Partial<Record<WritingLanguage, string>> = {};
  if (rawTemplates && typeof rawTemplates === 'object') {
    for (const [k, v] of Object.entries(rawTemplates as Record<string, unknown>)) {
      const lang = WRITING_LANGUAGES.find(l => l === k);
      if (lang && typeof v === 'string' && v !== '') templates[lang] = v;
    }
  }
  return {
    style: CITATION_STYLES.find(s => s.key === style)?.key ?? DEFAULT_CITATION_STYLE,
    markdown: MARKDOWN_FORMS.find(f => f === markdown) ?? 'blockquote',
    latex: latex === 'csquotes' ? 'csquotes' : 'quote',
    latexCitations: LATEX_CITATIONS.find(c => c === citations) ?? 'biblatex',
    templates,
    bibliographyFile: typeof file === 'string' ? file.trim() : '',
    eol,
  };
}
