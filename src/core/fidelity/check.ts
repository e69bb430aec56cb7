/**
 * The quote fidelity check of a whole document: find the quotations ({@link extractQuotations}),
 * find each one's source ({@link resolveCitation}, {@link alignFragments}), verify it
 * ({@link diffFragments}) and check its locator. {@link DocumentChecker} re-checks only the
 * quotations that changed since its last run, so checking as the user types stays cheap.
 * Document ranges are UTF-16 offsets, half-open `[start, end)`.
 */
import type { Paragraph } from '../types';
import { splitAlterations } from './alterations';
import { extractQuotations, type FoundQuotation } from './extract';
import { alignFragments, type Alignment, candidateArticles, keyText, resolveCitation, type SourceIndex } from './match';
import {
  type CheckResult, DEFAULT_NORMALIZATION, type FidelityDiagnostic, type NormalizationOptions, type QuotationReport, type SourceRef,
} from './types';
import { describeHunks, diffFragments, fragmentRanges, markFix, paragraphLabel, restoreFix, rewriteLocator } from './verify';

/** Options of a check. */
export interface CheckOptions {
  /** What does not count as a change; default {@link DEFAULT_NORMALIZATION}. */
  readonly normalization?: NormalizationOptions;
}

/**
 * A quotation without a citation of a library article is taken to quote it only when its key is at
 * least this long and matches exactly, or at least {@link UNCITED_MIN_APPROXIMATE} long and
 * differs by at most {@link UNCITED_MAX_ERROR_RATE} of its length: short phrases in quotation
 * marks are usually not quotations.
 */
export const UNCITED_MIN_EXACT = 12;
export const UNCITED_MIN_APPROXIMATE = 24;
export const UNCITED_MAX_ERROR_RATE = 0.15;

/** The verdict and problems of one quotation. */
export interface QuotationCheck {
  readonly report: QuotationReport;
  readonly diagnostics: readonly FidelityDiagnostic[];
}

/**
 * Checks one quotation of `document` against the library. Rules, in order:
 * - a citation of another work (a key, year or page that is no library article's): `unsourced`, no diagnostic;
 * - a citation of a library article whose text is not in it: `not-found`, a Warning "Quotation not found in <title>.";
 * - no citation (or only a locator): matched against every article; no plausible source → `unsourced`;
 * - found: word differences → `altered`, a Warning with the differences and two fixes; none → `exact`;
 * - a locator that does not hold the quoted text: an Information on the locator with a fix.
 */
export function checkQuotation(document: string, quotation: FoundQuotation, index: SourceIndex, options: CheckOptions = {}): QuotationCheck {
  const normalization = options.normalization ?? DEFAULT_NORMALIZATION;
  const base = { kind: quotation.kind, range: quotation.range, outer: quotation.outer };
  const unsourced: QuotationCheck = { report: { ...base, status: 'unsourced' }, diagnostics: [] };
  const alterations = splitAlterations(quotation.content);
  if (alterations.fragments.length === 0) return unsourced;
  const keys = alterations.fragments.map(f => keyText(quotation.content.text.slice(f.start, f.end)).text);
  const target = resolveCitation(index, quotation.citation);
  const locator = quotation.citation?.locator;
  const cited = (paragraphs: readonly Paragraph[]): Paragraph[] =>
    locator ? paragraphs.filter(p => p.number >= locator.first && p.number <= locator.last) : [];

  let alignment: Alignment | undefined;
  if (target.kind === 'other') return unsourced;
  if (target.kind === 'article') {
    alignment = alignFragments(target.source, keys, alterations, cited(target.source.article.paragraphs));
    if (!alignment) {
      const title = target.source.article.metadata.title || target.source.article.metadata.id;
      return {
        report: { ...base, status: 'not-found' },
        diagnostics: [{ range: quotation.range, severity: 'warning', code: 'quote-not-found', message: `Quotation not found in ${title}.`, args: [title], fixes: [] }],
      };
    }
  } else {
    for (const source of candidateArticles(index, keys)) {
      const a = alignFragments(source, keys, alterations, cited(source.article.paragraphs));
      if (a && (!alignment || a.errors / a.length < alignment.errors / alignment.length)) alignment = a;
    }
    const plausible = alignment && (alignment.errors === 0
      ? alignment.length >= UNCITED_MIN_EXACT
      : alignment.length >= UNCITED_MIN_APPROXIMATE && alignment.errors <= alignment.length * UNCITED_MAX_ERROR_RATE);
    if (!alignment || !plausible) return unsourced;
  }

  const { article } = alignment.source;
  const ranges = fragmentRanges(alterations, alignment);
  const span = { start: ranges[0].start, end: ranges[ranges.length - 1].end };
  const paragraphs = article.paragraphs.filter(p => p.start < span.end && span.start < p.end);
  const firstPara = paragraphs[0] ?? article.paragraphs[0];
  const lastPara = paragraphs[paragraphs.length - 1] ?? firstPara;
  const source: SourceRef = { articleId: article.metadata.id, passageId: firstPara.id, range: span, highlights: ranges };
  const title = article.metadata.title || article.metadata.id;
  const where = paragraphLabel(firstPara.number, lastPara.number);
  const diagnostics: FidelityDiagnostic[] = [];

  const hunks = diffFragments(quotation, alterations, ranges, article, normalization);
  if (hunks.length > 0) {
    const differences = describeHunks(hunks, quotation, article);
    diagnostics.push({
      range: quotation.range, severity: 'warning', code: 'quote-changed',
      message: `Quotation differs from ${title}, ${where}: ${differences}`, args: [title, where, differences],
      source,
      fixes: [restoreFix(document, quotation, hunks, article), markFix(document, quotation, hunks)],
    });
  }
  if (locator && (firstPara.number < locator.first || lastPara.number > locator.last)) {
    const corrected = rewriteLocator(locator.written, firstPara.number, lastPara.number);
    const cited = paragraphLabel(locator.first, locator.last);
    diagnostics.push({
      range: locator.range, severity: 'information', code: 'quote-locator',
      message: `The quoted text is in ${where} of ${title}, not ${cited}.`, args: [where, title, cited],
      source,
      fixes: [{ kind: 'locator', title: `Fix the locator: ${corrected}`, edits: [{ range: locator.range, newText: corrected }] }],
    });
  }
  return { report: { ...base, status: hunks.length > 0 ? 'altered' : 'exact', source }, diagnostics };
}

/** Checks every quotation of `text`, a document of VS Code language `languageId`. Never throws. */
export function checkDocument(text: string, languageId: string, index: SourceIndex, options: CheckOptions = {}): CheckResult {
  return new DocumentChecker(index, options).check(text, languageId);
}

/** Counts of a check, for a summary. */
export interface CheckSummary {
  readonly quotations: number;
  readonly exact: number;
  readonly altered: number;
  readonly notFound: number;
  readonly unsourced: number;
}

/** Counts the verdicts of `results`. */
export function summarize(results: readonly CheckResult[]): CheckSummary {
  const count = (s: string): number => results.reduce((n, r) => n + r.quotations.filter(q => q.status === s).length, 0);
  return {
    quotations: results.reduce((n, r) => n + r.quotations.length, 0),
    exact: count('exact'), altered: count('altered'), notFound: count('not-found'), unsourced: count('unsourced'),
  };
}

/**
 * Checks one document again and again (as it is edited), re-checking only quotations whose text
 * (with marks, markers and citation) changed since the previous run: the others' results are
 * reused, moved to their new place. Bound to one library index and one set of options; make a new
 * one when either changes. Keeps only the results of the latest run.
 */
export class DocumentChecker {
  private memo = new Map<string, { at: number; check: QuotationCheck }>();

  constructor(readonly index: SourceIndex, readonly options: CheckOptions = {}) {}

  /** Checks `text` (VS Code language `languageId`). Never throws. */
  check(text: string, languageId: string): CheckResult {
    const next = new Map<string, { at: number; check: QuotationCheck }>();
    const quotations: QuotationReport[] = [];
    const diagnostics: FidelityDiagnostic[] = [];
    for (const q of extractQuotations(text, languageId)) {
      const key = `${languageId}\u0000${q.kind}\u0000${q.range.start - q.outer.start}\u0000${text.slice(q.outer.start, q.outer.end)}`;
      const hit = next.get(key) ?? this.memo.get(key);
      let check: QuotationCheck;
      if (hit) {
        check = shift(hit.check, q.outer.start - hit.at);
      } else {
        check = checkQuotation(text, q, this.index, this.options);
      }
      next.set(key, { at: q.outer.start, check });
      quotations.push(check.report);
      diagnostics.push(...check.diagnostics);
    }
    this.memo = next;
    diagnostics.sort((a, b) => a.range.start - b.range.start);
    return { quotations, diagnostics };
  }
}

/** A quotation's check with every document range moved by `delta` (source ranges stay). */
function shift(c: QuotationCheck, delta: number): QuotationCheck {
  if (delta === 0) return c;
  const r = <T extends { start: number; end: number }>(x: T): { start: number; end: number } => ({ start: x.start + delta, end: x.end + delta });
  return {
    report: { ...c.report, range: r(c.report.range), outer: r(c.report.outer) },
    diagnostics: c.diagnostics.map(d => ({
      ...d, range: r(d.range),
      fixes: d.fixes.map(f => ({ ...f, edits: f.edits.map(e => ({ ...e, range: r(e.range) })) })),
    })),
  };
}
