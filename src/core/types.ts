/**
 * The article model shared by every layer of Article Atlas.
 *
 * Offsets: every `start`/`end` in this module is a UTF-16 code-unit offset into
 * {@link Article.body}, the exact body text of the article file (after the front
 * matter), half-open `[start, end)`. The body is never normalized: folding for
 * search and quote checking happens in indexes that map back to these offsets.
 */

/** A half-open `[start, end)` range of UTF-16 code-unit offsets into a text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A paragraph of the body. `id` is `p1`, `p2`, … in reading order; `number` is the 1-based N of `para. N`. */
export interface Paragraph extends TextRange {
  readonly kind: 'paragraph';
  /** Stable id: `p` + number, for example `p6`. */
  readonly id: string;
  /** 1-based paragraph number, as cited by the locator `para. N`. */
  readonly number: number;
  /** The exact text, `article.body.slice(start, end)`. */
  readonly text: string;
  /** Ids of the sentences of this paragraph, in order. */
  readonly sentenceIds: readonly string[];
}

/** A sentence of a paragraph. `id` is `<paragraph id>.s<N>`, for example `p6.s2`. */
export interface Sentence extends TextRange {
  readonly kind: 'sentence';
  readonly id: string;
  /** 1-based sentence number within its paragraph. */
  readonly number: number;
  /** Id of the paragraph that holds it. */
  readonly paragraphId: string;
  /** The exact text, `article.body.slice(start, end)`; no leading or trailing white space. */
  readonly text: string;
}

/** A passage is a paragraph or a sentence: what themes list, search returns and quotations quote. */
export type Passage = Paragraph | Sentence;

/**
 * Citation metadata from the front matter. Empty strings / arrays mean "the source does not
 * give it": formatters must never invent a value. Field names follow CSL-JSON where one exists.
 */
export interface ArticleMetadata {
  /** Stable article id (kebab-case), unique in a library. */
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  /** Citation key used in LaTeX `\cite{…}` and Pandoc `[@…]`. */
  readonly citationKey: string;
  /** CSL item type, for example `article-newspaper`. */
  readonly type: string;
  /** Authors as written (a person "Family, Given" or an organization's literal name). */
  readonly author: readonly string[];
  /** CSL `container-title`: the newspaper, site or journal. */
  readonly containerTitle: string;
  readonly publisher: string;
  /** Date of issue as ISO 8601 (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or empty. */
  readonly issued: string;
  readonly url: string;
  /** BCP 47 language tag of the text, for example `en`. */
  readonly language: string;
  /** File name (relative to the article file) of its theme taxonomy, or empty. */
  readonly themes: string;
}

/** A parsed article: metadata, the exact body, and its passages. */
export interface Article {
  readonly metadata: ArticleMetadata;
  /** URI or path string of the source file, as given to the parser (used in messages). */
  readonly source: string;
  /** The exact body text after the front matter (UTF-16 string, line endings as in the file). */
  readonly body: string;
  /** 0-based line in the source file at which `body` starts (for diagnostics). */
  readonly bodyLine: number;
  readonly paragraphs: readonly Paragraph[];
  readonly sentences: readonly Sentence[];
  /** Every passage by id (`p6`, `p6.s2`). */
  readonly passages: ReadonlyMap<string, Passage>;
}

/** A theme of the taxonomy; children are sub-themes. */
export interface Theme {
  /** Stable id, unique in its taxonomy, for example `security.food`. */
  readonly id: string;
  readonly label: string;
  /** One-line description. */
  readonly description: string;
  /** Ids of the passages the theme itself lists (not its children's), in file order. */
  readonly passageIds: readonly string[];
  readonly children: readonly Theme[];
  /** True for a theme found by the automatic key-phrase extraction (src/core/autoThemes.ts), not written by a person. */
  readonly automatic?: boolean;
}

/** Severity of a {@link ContentProblem}; mirrors VS Code's DiagnosticSeverity names. */
export type ProblemSeverity = 'error' | 'warning' | 'information';

/**
 * A problem found in an article or theme file. Returned as a value, never thrown.
 * `line` and `column` are 0-based (as in VS Code's Position); `column` counts UTF-16 code units.
 */
export interface ContentProblem {
  /** URI or path string of the file, as given to the parser. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** 0-based end line/column of the offending span, when known (defaults to line/column). */
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly severity: ProblemSeverity;
  /** A sentence for the user, naming what is wrong and where. */
  readonly message: string;
  /** Short machine-readable code, for example `yaml-syntax`, `schema`, `unknown-passage`, `duplicate-id`. */
  readonly code: string;
}

/** The result of parsing: the value when usable (possibly with warnings), and every problem found. */
export interface ParseResult<T> {
  readonly value: T | undefined;
  readonly problems: readonly ContentProblem[];
}
