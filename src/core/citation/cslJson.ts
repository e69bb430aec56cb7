/**
 * Article metadata → CSL-JSON, the input format of Citation Style Language processors
 * (CSL-JSON schema 1.0.2, https://github.com/citation-style-language/schema). Pure.
 *
 * Nothing is invented: a field the front matter leaves empty is left out of the item, so each
 * style applies its own rule for a missing value (APA's `n.d.`, GB/T 7714's `佚名`).
 */
import type { ArticleMetadata } from '../types';

/** A CSL name: a person (`family`, `given`) or an organization (`literal`). */
export interface CslName {
  readonly family?: string;
  readonly given?: string;
  readonly literal?: string;
}

/** A CSL date: `date-parts` holds one `[year, month?, day?]`. */
export interface CslDate {
  readonly 'date-parts': readonly (readonly number[])[];
}

/** The CSL-JSON item of an article (only the variables Article Atlas fills). */
export interface CslItem {
  readonly id: string;
  readonly type: string;
  readonly title?: string;
  readonly author?: readonly CslName[];
  readonly 'container-title'?: string;
  readonly publisher?: string;
  readonly issued?: CslDate;
  readonly URL?: string;
  readonly language?: string;
  readonly 'citation-key'?: string;
}

/** Options of {@link toCslItem}. */
export interface CslItemOptions {
  /**
   * Append the subtitle to the title as `Title: Subtitle`. Off by default: the shipped article's
   * subtitle is a news deck (a summary line under the headline), which no style cites as part
   * of the title.
   */
  readonly withSubtitle?: boolean;
}

/**
 * Parses one author as written in the front matter: `Family, Given` (exactly one comma with text
 * on both sides) is a person; anything else (`National Development and Reform Commission`,
 * `新华社`, a single word) is an organization kept whole as `literal`, so no style can turn it
 * into `Commission, N. D. a. R.` (APA 7th ed. §9.11: group authors are spelled out in full).
 */
export function parseName(name: string): CslName {
  const parts = name.split(',');
  const family = parts[0]?.trim() ?? '';
  const given = parts[1]?.trim() ?? '';
  if (parts.length === 2 && family && given) return { family, given };
  return { literal: name.trim() };
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → CSL date; undefined when empty or not of that form. */
export function parseIssued(iso: string): CslDate | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso.trim());
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2]) parts.push(Number(m[2]));
  if (m[3]) parts.push(Number(m[3]));
  return { 'date-parts': [parts] };
}

/**
 * A U+2018 LEFT SINGLE QUOTATION MARK between two letters (`China‘s`, as the seed article writes
 * it) can only be an apostrophe; it becomes U+2019, the character Unicode recommends for the
 * apostrophe (The Unicode Standard 15, §6.2 "Apostrophes"). Otherwise a CSL processor reads it as
 * an opening inner quotation mark and flips it inside a quoted title. Only citation text is
 * changed, never the article body.
 */
export function fixApostrophes(text: string): string {
  return text.replace(/(\p{L})\u2018(?=\p{L})/gu, '$1\u2019');
}

/**
 * The CSL-JSON item of an article. `id` and `citation-key` are the citation key (falling back to
 * the article id), `type` the front matter's CSL type (default `article-newspaper`); empty fields
 * are omitted.
 */
export function toCslItem(metadata: ArticleMetadata, options: CslItemOptions = {}): CslItem {
  const key = metadata.citationKey || metadata.id;
  let title = fixApostrophes(metadata.title.trim());
  if (options.withSubtitle && metadata.subtitle.trim()) title += `: ${fixApostrophes(metadata.subtitle.trim())}`;
  const item: Record<string, unknown> = { id: key, type: metadata.type || 'article-newspaper', 'citation-key': key };
  if (title) item.title = title;
  const authors = metadata.author.map(a => a.trim()).filter(a => a !== '').map(parseName);
  if (authors.length) item.author = authors;
  if (metadata.containerTitle.trim()) item['container-title'] = metadata.containerTitle.trim();
  if (metadata.publisher.trim()) item.publisher = metadata.publisher.trim();
  const issued = parseIssued(metadata.issued);
  if (issued) item.issued = issued;
  if (metadata.url.trim()) item.URL = metadata.url.trim();
  if (metadata.language.trim()) item.language = metadata.language.trim();
  return item as unknown as CslItem;
}
