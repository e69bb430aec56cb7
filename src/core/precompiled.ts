/**
 * The shipped articles in their build-time form, `dist/content.json`: each article of `content/`
 * parsed once by the build (esbuild.js, with the engine's own parsers) and stored as plain JSON,
 * with its theme file's taxonomy for each display language the extension is translated into.
 *
 * The Themes view's first items come from this form: reviving it costs a `JSON.parse` instead of
 * the front-matter YAML, the segmentation and the theme file's YAML and schema validation, and it
 * needs no engine bundle. It is used only while it is true to the files: each entry keeps a hash of
 * the article's and the theme file's text, and the library checks both against the texts it reads
 * (a changed `content/` file without a rebuild falls back to parsing). Pure: no `vscode`, no YAML.
 */
import { emptyTaxonomy, ThemeIndex, type Taxonomy, type ThemeLocation } from './themeIndex';
import type { Article, ArticleMetadata, Paragraph, Passage, Sentence, Theme } from './types';

/** The version of the form; a file of another version is ignored. */
export const PRECOMPILED_VERSION = 1;

/** One theme file's taxonomy for one display language. */
export interface PrecompiledTaxonomy {
  /** The `article` field of the theme file. */
  readonly article: string;
  /** Top-level themes, as `parseTaxonomy` gives them for the language. */
  readonly themes: readonly Theme[];
  /** The location of every theme, in the taxonomy's pre-order (parents before children, file order). */
  readonly locations: readonly ThemeLocation[];
}

/** One shipped article in its build-time form. */
export interface PrecompiledArticle {
  /** The article file's name in `content/` (`northeast-revitalization.md`). */
  readonly file: string;
  /** {@link contentHash} of the article file's text, as read (BOM included). */
  readonly articleHash: string;
  /** The theme file's name in `content/`, or undefined when the article names none. */
  readonly themesFile: string | undefined;
  /** {@link contentHash} of the theme file's text; `''` without one. */
  readonly themesHash: string;
  /** The parsed article without `source` (set when revived) and `passages` (rebuilt from the lists). */
  readonly article: {
    readonly metadata: ArticleMetadata;
    readonly body: string;
    readonly bodyLine: number;
    readonly paragraphs: readonly Paragraph[];
    readonly sentences: readonly Sentence[];
  };
  /** The taxonomy by display language (`en`, `zh-cn`: VS Code's `env.language`, lower case). */
  readonly taxonomies: Readonly<Record<string, PrecompiledTaxonomy>>;
}

/** The whole of `dist/content.json`. */
export interface PrecompiledContent {
  readonly version: number;
  readonly articles: readonly PrecompiledArticle[];
}

/**
 * A 64-bit FNV-1a hash of `text`'s UTF-16 code units, as 16 hex digits: enough to tell an edited
 * file from the one the build read (not a cryptographic hash: `content/` is the extension's own).
 */
export function contentHash(text: string): string {
  // Two 32-bit FNV-1a lanes with different offset bases stand in for one 64-bit hash (no BigInt cost).
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The themes of `themes` in pre-order. */
function preOrder(themes: readonly Theme[], out: Theme[] = []): Theme[] {
  for (const t of themes) {
    out.push(t);
    preOrder(t.children, out);
  }
  return out;
}

/**
 * The build-time form of one article.
 * @param file the article file's name in `content/`.
 * @param articleText the article file's text.
 * @param article the article as `parseArticle` gives it (its `source` is dropped).
 * @param themes the theme file's name and text, and its taxonomy per display language; undefined without a theme file.
 */
export function precompileArticle(
  file: string, articleText: string, article: Article,
  themes: { readonly file: string; readonly text: string; readonly byLanguage: Readonly<Record<string, Taxonomy>> } | undefined,
): PrecompiledArticle {
  const taxonomies: Record<string, PrecompiledTaxonomy> = {};
  for (const [language, taxonomy] of Object.entries(themes?.byLanguage ?? {})) {
    const locations = preOrder(taxonomy.themes).map(t => {
      const location = taxonomy.locations.get(t);
      if (!location) throw new Error(`${themes?.file}: theme "${t.id}" has no location`);
      return location;
    });
    taxonomies[language] = { article: taxonomy.article, themes: taxonomy.themes, locations };
  }
  const { metadata, body, bodyLine, paragraphs, sentences } = article;
  return {
    file, articleHash: contentHash(articleText), themesFile: themes?.file, themesHash: themes ? contentHash(themes.text) : '',
    article: { metadata, body, bodyLine, paragraphs, sentences }, taxonomies,
  };
}

/**
 * The article and its theme index from their build-time form, when the texts read now are the ones
 * the build read and the form holds the display language; otherwise undefined (the caller parses).
 * @param entry the article's entry of `dist/content.json`.
 * @param articleSource the article file's URI string (becomes `Article.source`).
 * @param articleText the article file's text as read now.
 * @param themes the theme file's URI string and text as read now; undefined when the entry has no theme file.
 * @param language VS Code's display language (`vscode.env.language`).
 */
export function revivePrecompiled(
  entry: PrecompiledArticle, articleSource: string, articleText: string,
  themes: { readonly source: string; readonly text: string } | undefined, language: string,
): { readonly article: Article; readonly index: ThemeIndex } | undefined {
  if (contentHash(articleText) !== entry.articleHash) return undefined;
  if (Boolean(themes) !== Boolean(entry.themesFile) || (themes && contentHash(themes.text) !== entry.themesHash)) return undefined;
  const { paragraphs, sentences } = entry.article;
  const passages = new Map<string, Passage>();
  for (const p of paragraphs) passages.set(p.id, p);
  for (const s of sentences) passages.set(s.id, s);
  const article: Article = { ...entry.article, source: articleSource, passages };
  let taxonomy: Taxonomy;
  if (themes) {
    const pre = entry.taxonomies[language.toLowerCase()];
    if (!pre) return undefined;
    const order = preOrder(pre.themes);
    if (order.length !== pre.locations.length) return undefined;
    taxonomy = { source: themes.source, article: pre.article, themes: pre.themes, locations: new Map(order.map((t, i) => [t, pre.locations[i]])) };
  } else {
    taxonomy = emptyTaxonomy('', article.metadata.id);
  }
  return { article, index: new ThemeIndex(article, taxonomy) };
}

/**
 * Reads `dist/content.json`'s text: its articles when the text is JSON of the current
 * {@link PRECOMPILED_VERSION}; undefined otherwise (never throws).
 */
export function parsePrecompiled(text: string): readonly PrecompiledArticle[] | undefined {
  try {
    const value = JSON.parse(text) as Partial<PrecompiledContent> | null;
    return value && value.version === PRECOMPILED_VERSION && Array.isArray(value.articles) ? value.articles : undefined;
  } catch {
    return undefined;
  }
}
