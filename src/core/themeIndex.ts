/**
 * The themes of a parsed taxonomy related to an article's passages: the data shapes of a theme file
 * and {@link ThemeIndex}. Free of the YAML parser and the schema validator, so that the extension
 * bundle can rebuild the shipped article's themes from their build-time form (src/core/precompiled.ts)
 * without loading the engine.
 *
 * Lines and columns are 0-based positions in the theme FILE; columns count UTF-16 code units.
 */
import type { Article, ContentProblem, Paragraph, Passage, Theme } from './types';

/** A span of a file: 0-based start and end line and UTF-16 column (end exclusive). */
export interface SourceSpan {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Where a theme was written: its `id` value, and each entry of `passages` (parallel to `Theme.passageIds`). */
export interface ThemeLocation {
  readonly id: SourceSpan;
  readonly passages: readonly SourceSpan[];
}

/** A parsed theme file. */
export interface Taxonomy {
  /** URI or path string of the theme file, as given to the parser. */
  readonly source: string;
  /** The `article` field: id of the article the taxonomy describes (`''` when missing). */
  readonly article: string;
  /** Top-level themes in file order. */
  readonly themes: readonly Theme[];
  /** Source positions of each theme object (by identity), for diagnostics. */
  readonly locations: ReadonlyMap<Theme, ThemeLocation>;
}

/** An empty taxonomy for `article`, used when an article has no theme file. */
export function emptyTaxonomy(source = '', article = ''): Taxonomy {
  return { source, article, themes: [], locations: new Map() };
}

/** Which themes {@link ThemeIndex.themesOf} returns. */
export interface ThemesOfOptions {
  /**
   * Also return themes that list a related passage: for a sentence, themes that list its
   * paragraph; for a paragraph, themes that list one of its sentences. Default false: only the
   * themes that list the passage itself.
   */
  readonly related?: boolean;
}

/**
 * The themes of a taxonomy related to the passages of an article. Built once; read-only.
 * Theme order everywhere is the tree's pre-order (file order, parents before children).
 */
export class ThemeIndex {
  private readonly byId = new Map<string, Theme>();
  private readonly parents = new Map<string, Theme>();
  private readonly order: Theme[] = [];
  private readonly byPassage = new Map<string, Theme[]>();
  private readonly counts = new Map<string, number>();

  /**
   * @param article the parsed article.
   * @param taxonomy its themes. With duplicate ids, the first theme of an id wins for
   *   {@link findTheme} and {@link parentOf}.
   */
  constructor(readonly article: Article, readonly taxonomy: Taxonomy) {
    const walk = (themes: readonly Theme[], parent: Theme | undefined): void => {
      for (const t of themes) {
        this.order.push(t);
        if (!this.byId.has(t.id)) {
          this.byId.set(t.id, t);
          if (parent) this.parents.set(t.id, parent);
        }
        for (const p of t.passageIds) {
          const list = this.byPassage.get(p) ?? [];
          if (!list.includes(t)) list.push(t);
          this.byPassage.set(p, list);
        }
        walk(t.children, t);
      }
    };
    walk(taxonomy.themes, undefined);
  }

  /** The top-level themes. */
  get roots(): readonly Theme[] {
    return this.taxonomy.themes;
  }

  /** Every theme in pre-order. */
  allThemes(): readonly Theme[] {
    return this.order;
  }

  /** The theme with this id, or undefined. */
  findTheme(id: string): Theme | undefined {
    return this.byId.get(id);
  }

  /** The parent of the theme with this id; undefined for a top-level or unknown theme. */
  parentOf(themeId: string): Theme | undefined {
    return this.parents.get(themeId);
  }

  /** The passages a theme lists itself (not its children's), in file order, skipping ids unknown to the article. */
  passagesOf(themeId: string): Passage[] {
    const theme = this.byId.get(themeId);
    if (!theme) return [];
    return theme.passageIds.map(id => this.article.passages.get(id)).filter((p): p is Passage => p !== undefined);
  }

  /**
   * Number of distinct passages (known to the article) listed by the theme and its whole
   * subtree. A paragraph and one of its sentences count as two passages. 0 for an unknown id.
   */
  passageCount(themeId: string): number {
    const cached = this.counts.get(themeId);
    if (cached !== undefined) return cached;
    const theme = this.byId.get(themeId);
    const ids = new Set<string>();
    const collect = (t: Theme): void => {
      for (const p of t.passageIds) if (this.article.passages.has(p)) ids.add(p);
      t.children.forEach(collect);
    };
    if (theme) collect(theme);
    this.counts.set(themeId, ids.size);
    return ids.size;
  }

  /**
   * The themes that list `passageId` (`p7` or `p7.s2`) directly, in pre-order. With
   * `{ related: true }`, also the themes that list its paragraph (for a sentence) or one of its
   * sentences (for a paragraph).
   */
  themesOf(passageId: string, options: ThemesOfOptions = {}): Theme[] {
    const direct = this.byPassage.get(passageId) ?? [];
    if (!options.related) return [...direct];
    const found = new Set<Theme>(direct);
    const passage = this.article.passages.get(passageId);
    if (passage?.kind === 'sentence') {
      for (const t of this.byPassage.get(passage.paragraphId) ?? []) found.add(t);
    } else if (passage?.kind === 'paragraph') {
      for (const s of passage.sentenceIds) for (const t of this.byPassage.get(s) ?? []) found.add(t);
    }
    return this.order.filter(t => found.has(t));
  }

  /**
   * Paragraphs that no theme lists, neither themselves nor any of their sentences, in order.
   */
  uncoveredParagraphs(): Paragraph[] {
    return this.article.paragraphs.filter(p => !this.byPassage.has(p.id) && !p.sentenceIds.some(s => this.byPassage.has(s)));
  }

  /**
   * Checks the taxonomy against the article.
   *
   * - `unknown-passage` (error), at the passage entry: a listed passage id the article lacks;
   *   the message says how many paragraphs, or sentences of that paragraph, there are.
   * - `article-mismatch` (warning), at line 0: the taxonomy's `article` differs from the
   *   article's front-matter `id` (skipped when either is empty).
   */
  validate(): ContentProblem[] {
    const problems: ContentProblem[] = [];
    const file = this.taxonomy.source;
    const { article } = this;
    if (this.taxonomy.article && article.metadata.id && this.taxonomy.article !== article.metadata.id) {
      problems.push({
        file, line: 0, column: 0, endLine: 0, endColumn: 0, severity: 'warning', code: 'article-mismatch',
        message: `The themes are for article "${this.taxonomy.article}", but the article's id is "${article.metadata.id}".`,
      });
    }
    for (const theme of this.order) {
      const loc = this.taxonomy.locations.get(theme);
      theme.passageIds.forEach((id, i) => {
        if (article.passages.has(id)) return;
        const span = loc?.passages[i] ?? { line: 0, column: 0, endLine: 0, endColumn: 0 };
        problems.push({ file, ...span, severity: 'error', code: 'unknown-passage', message: unknownPassageMessage(theme.id, id, article) });
      });
    }
    return problems;
  }
}

function unknownPassageMessage(themeId: string, passageId: string, article: Article): string {
  const m = /^p(\d+)(?:\.s(\d+))?$/.exec(passageId);
  const head = `Theme "${themeId}" lists passage "${passageId}"`;
  const n = article.paragraphs.length;
  if (!m) return `${head}, which is not a passage id (use pN or pN.sM).`;
  const paragraph = article.passages.get(`p${m[1]}`);
  if (!paragraph || paragraph.kind !== 'paragraph') {
    return `${head}, but the article has ${n} paragraph${n === 1 ? '' : 's'}.`;
  }
  const s = paragraph.sentenceIds.length;
  return `${head}, but paragraph ${m[1]} has ${s} sentence${s === 1 ? '' : 's'}.`;
}

/**
 * The URI or path of an article's theme file: `article.metadata.themes` resolved against the
 * folder of `articleSource` (by string: the part up to the last `/` or `\`). Undefined when the
 * front matter names none. An absolute `themes` value (starting with `/` or a URI scheme) is
 * returned as is.
 */
export function themesSourceFor(articleSource: string, article: Article): string | undefined {
  const name = article.metadata.themes;
  if (!name) return undefined;
  if (name.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(name)) return name;
  const cut = Math.max(articleSource.lastIndexOf('/'), articleSource.lastIndexOf('\\'));
  return cut < 0 ? name : articleSource.slice(0, cut + 1) + name;
}
