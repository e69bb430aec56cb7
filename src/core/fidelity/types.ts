/**
 * Results of the quote fidelity check, as plain data for any host. Every `range` is a UTF-16
 * code-unit offset range, half-open `[start, end)`: into the checked document, except
 * {@link SourceRef.range} and {@link SourceRef.highlights}, which are into `Article.body`.
 */
import type { TextRange } from '../types';

/**
 * Differences that do not count as a change, each on by default (the settings
 * `articleAtlas.fidelity.ignore*`).
 */
export interface NormalizationOptions {
  /** Runs of spaces and tabs between words compare equal to one space. */
  readonly whitespace: boolean;
  /** A line break inside a quotation (a re-wrapped block quotation) compares equal to a space. */
  readonly lineBreaks: boolean;
  /** Straight and curly quotes and apostrophes compare equal (`'` `’` `‘` `ʼ`; `"` `“` `”` `„`). */
  readonly quoteForms: boolean;
  /** Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space compare equal to their half-width forms. */
  readonly width: boolean;
  /** Hyphen, en dash, em dash and minus compare equal. */
  readonly dashes: boolean;
}

/** Every normalization on. */
export const DEFAULT_NORMALIZATION: NormalizationOptions = {
  whitespace: true, lineBreaks: true, quoteForms: true, width: true, dashes: true,
};

/** One replacement of a document range. */
export interface FidelityEdit {
  readonly range: TextRange;
  readonly newText: string;
}

/**
 * Which quick fix: `restore` the source wording; mark the change with `brackets`, an `ellipsis`
 * or `brackets-and-ellipsis`; or correct the `locator`.
 */
export type FidelityFixKind = 'restore' | 'brackets' | 'ellipsis' | 'brackets-and-ellipsis' | 'locator';

/** A quick fix: a title for the light bulb menu and its edits (one, so it is one undo step). */
export interface FidelityFix {
  readonly kind: FidelityFixKind;
  /** English title; a host localizes it from {@link kind} (and, for `locator`, the corrected locator, {@link FidelityEdit.newText}). */
  readonly title: string;
  readonly edits: readonly FidelityEdit[];
}

/** Where a quotation comes from. */
export interface SourceRef {
  /** Front-matter id of the article. */
  readonly articleId: string;
  /** Id of the paragraph where the quoted text starts (`p6`). */
  readonly passageId: string;
  /** `Article.body` range from the first to the last quoted character. */
  readonly range: TextRange;
  /** `Article.body` ranges of the quoted parts (one per part between ellipses and insertions). */
  readonly highlights: readonly TextRange[];
}

/** What the check says about one quotation. */
export type FidelityCode = 'quote-changed' | 'quote-not-found' | 'quote-locator';

/** A problem with a quotation, for the Problems panel. */
export interface FidelityDiagnostic {
  /** Document range: the quoted text, or the locator for `quote-locator`. */
  readonly range: TextRange;
  readonly severity: 'warning' | 'information';
  /** English message; a host localizes it from {@link code} and {@link args}. */
  readonly message: string;
  readonly code: FidelityCode;
  /**
   * The values in the message: `quote-changed` [title, paragraphs, differences];
   * `quote-not-found` [title]; `quote-locator` [paragraphs found, title, paragraphs cited].
   */
  readonly args: readonly string[];
  /** The source passage, when one was found. */
  readonly source?: SourceRef;
  readonly fixes: readonly FidelityFix[];
}

/**
 * A quotation's verdict: `exact` (after normalization and legitimate alterations), `altered` (its
 * wording differs from the source), `not-found` (its citation names a library article that does
 * not hold it), `unsourced` (no citation of a library article and no plausible source).
 */
export type QuotationStatus = 'exact' | 'altered' | 'not-found' | 'unsourced';

/** One quotation of the document and its verdict. */
export interface QuotationReport {
  readonly kind: 'block' | 'inline';
  /** Document range of the quoted text. */
  readonly range: TextRange;
  /** Document range of the whole construct with its citation. */
  readonly outer: TextRange;
  readonly status: QuotationStatus;
  readonly source?: SourceRef;
}

/** The result of checking one document. */
export interface CheckResult {
  /** Every quotation found, in document order. */
  readonly quotations: readonly QuotationReport[];
  /** The problems, in document order. */
  readonly diagnostics: readonly FidelityDiagnostic[];
}
