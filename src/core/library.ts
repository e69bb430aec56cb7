/**
 * One-call loading of an article and its themes, for the extension and tests. Pure: the
 * caller reads the files (through `vscode.workspace.fs` or `fs`) and passes their text.
 */
import { parseArticle } from './article';
import { emptyTaxonomy, parseTaxonomy, type Taxonomy, ThemeIndex } from './themes';
import type { Article, ContentProblem, ParseResult } from './types';

export { themesSourceFor } from './themeIndex';

/** An article with its taxonomy and theme index, and every problem found in either file. */
export interface LoadedArticle {
  /** Undefined when the article file could not be used (see the problems). */
  readonly article: Article | undefined;
  /**
   * The parsed theme file; an empty taxonomy (no themes, source `''`) when no theme file was
   * given; undefined when one was given but could not be parsed.
   */
  readonly taxonomy: Taxonomy | undefined;
  /** The index of `taxonomy` (or of an empty taxonomy) over `article`; undefined without an article. */
  readonly index: ThemeIndex | undefined;
  /** Problems of the article file, then of the theme file, then of {@link ThemeIndex.validate}. */
  readonly problems: readonly ContentProblem[];
}

/**
 * Parses an article and, when given, its theme file, and validates the themes against the
 * article's passages. Never throws.
 *
 * @param articleSource URI or path of the article file (used in problems).
 * @param articleText its whole text.
 * @param themesSource URI or path of the theme file, when there is one.
 * @param themesText its whole text; the theme file is parsed only when both are given.
 * @param language VS Code's display language, for the themes' translated labels (see `parseTaxonomy`).
 */
export function loadArticle(articleSource: string, articleText: string, themesSource?: string, themesText?: string, language = ''): LoadedArticle {
  return withThemes(parseArticle(articleSource, articleText), themesSource, themesText, language);
}

/**
 * {@link loadArticle} for an article already parsed (by `parseArticle`), so that a caller who
 * needs the article's front matter to find its theme file parses the article only once.
 *
 * @param parsed the article file's parse result.
 * @param themesSource URI or path of the theme file, when there is one.
 * @param themesText its whole text; the theme file is parsed only when both are given.
 * @param language VS Code's display language, for the themes' translated labels (see `parseTaxonomy`).
 */
export function withThemes(parsed: ParseResult<Article>, themesSource?: string, themesText?: string, language = ''): LoadedArticle {
  const problems: ContentProblem[] = [...parsed.problems];
  let taxonomy: Taxonomy | undefined;
  if (themesSource !== undefined && themesText !== undefined) {
    const t = parseTaxonomy(themesSource, themesText, language);
    problems.push(...t.problems);
    taxonomy = t.value;
  } else {
    taxonomy = emptyTaxonomy('', parsed.value?.metadata.id ?? '');
  }
  const article = parsed.value;
  let index: ThemeIndex | undefined;
  if (article) {
    index = new ThemeIndex(article, taxonomy ?? emptyTaxonomy());
    if (taxonomy) problems.push(...index.validate());
  }
  return { article, taxonomy, index, problems: capProblems(problems) };
}

/**
 * Most problems listed for one file: a theme file naming 100,000 unknown passages would otherwise
 * fill the Problems panel with as many diagnostics, each one costing the workbench memory and time.
 */
export const MAX_PROBLEMS_PER_FILE = 200;

/**
 * `problems` with at most {@link MAX_PROBLEMS_PER_FILE} of each file (the first ones, in order),
 * and for each file that had more, one more problem (code `too-many-problems`, severity warning, at
 * the last listed problem's position) saying how many were left out. Order is kept otherwise.
 */
export function capProblems(problems: readonly ContentProblem[], max = MAX_PROBLEMS_PER_FILE): ContentProblem[] {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.file, (counts.get(p.file) ?? 0) + 1);
  if ([...counts.values()].every(n => n <= max)) return [...problems];
  const seen = new Map<string, number>();
  const out: ContentProblem[] = [];
  for (const p of problems) {
    const n = (seen.get(p.file) ?? 0) + 1;
    seen.set(p.file, n);
    if (n <= max) out.push(p);
    const total = counts.get(p.file)!;
    if (n === max && total > max) {
      out.push({
        file: p.file, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, severity: 'warning', code: 'too-many-problems',
        message: `${total - max} more problems in this file are not listed: only the first ${max} of ${total} are shown.`,
      });
    }
  }
  return out;
}

