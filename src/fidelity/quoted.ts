/**
 * Which passages of the library a document quotes, for the reader (it marks them) and the Themes
 * view (it counts them per theme). Pure: built from the check's reports. Ranges are UTF-16
 * offsets into `Article.body`, half-open `[start, end)`.
 */
import type { QuotationReport } from '../core/fidelity/types';
import type { TextRange } from '../core/types';

/** The source ranges one document quotes, by article. Immutable. */
export class QuotedPassages {
  private readonly byArticle = new Map<string, TextRange[]>();

  /**
   * @param documentUri the quoting document (a URI string), undefined for none.
   * @param reports its quotations; those with a source (exact or altered) count.
   */
  constructor(readonly documentUri: string | undefined, reports: readonly QuotationReport[]) {
    for (const r of reports) {
      if (!r.source) continue;
      const list = this.byArticle.get(r.source.articleId) ?? [];
      list.push(...r.source.highlights);
      this.byArticle.set(r.source.articleId, list);
    }
    for (const list of this.byArticle.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** No document, nothing quoted. */
  static readonly none = new QuotedPassages(undefined, []);

  /** Ids of the articles quoted. */
  get articleIds(): string[] {
    return [...this.byArticle.keys()];
  }

  /** The quoted ranges of `articleId`'s body, sorted. */
  ranges(articleId: string): readonly TextRange[] {
    return this.byArticle.get(articleId) ?? [];
  }

  /** Whether any quoted range of `articleId` overlaps `passage` (a paragraph or sentence: a non-empty overlap). */
  has(articleId: string, passage: TextRange): boolean {
    return this.ranges(articleId).some(r => r.start < passage.end && passage.start < r.end);
  }

  /** How many of `passages` (of `articleId`) are quoted: a theme's count. */
  count(articleId: string, passages: readonly TextRange[]): number {
    return passages.filter(p => this.has(articleId, p)).length;
  }
}
