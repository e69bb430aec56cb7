/**
 * Theme taxonomies (`*.themes.yaml`) and the index that relates themes to an article's passages.
 *
 * Lines and columns are 0-based positions in the theme FILE; columns count UTF-16 code units.
 * Messages name lines 1-based, as editors show them.
 */
import { type Schema, Validator } from '@cfworker/json-schema';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import themesSchema from '../../content/schema/themes.schema.json';
import { BOM, LineIndex } from './frontMatter';
import type { Article, ContentProblem, Paragraph, ParseResult, Passage, Theme } from './types';
import { parseYaml, problemAt, rangeOfNode, schemaProblems, yamlValue, type YamlLocation } from './yamlDiagnostics';

/** The theme-taxonomy JSON Schema (`content/schema/themes.schema.json`). */
export const THEMES_SCHEMA: Schema = themesSchema as unknown as Schema;

let validator: Validator | undefined;

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

function spanOf(loc: YamlLocation, node: Node | null | undefined): SourceSpan {
  const [s, e] = rangeOfNode(node);
  const a = loc.lines.positionAt(loc.offset + s);
  const b = loc.lines.positionAt(loc.offset + e);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

function stringAt(map: YAMLMap, key: string): { value: string; node: Node | undefined } {
  const node = map.get(key, true) as Node | undefined;
  return { value: isScalar(node) && typeof node.value === 'string' ? node.value : '', node };
}

/**
 * The entry of a theme's `translations` mapping for a display language: the entry whose key is
 * `language` (compared case-insensitively, as VS Code's `env.language` is lower case: `zh-cn`),
 * else the first entry with the same primary subtag (`zh` for `zh-tw`); undefined when there is
 * none or `language` is empty. Keys follow VS Code's display-language ids (BCP 47, lower case).
 */
export function translationFor(keys: readonly string[], language: string): string | undefined {
  const want = language.toLowerCase();
  if (!want) return undefined;
  const primary = want.split('-')[0];
  return keys.find(k => k.toLowerCase() === want) ?? keys.find(k => k.toLowerCase().split('-')[0] === primary);
}

function translationAt(item: YAMLMap, language: string): YAMLMap | undefined {
  const node = item.get('translations', true) as Node | undefined;
  if (!language || !isMap(node)) return undefined;
  const entries = node.items.filter(i => isScalar(i.key) && typeof i.key.value === 'string' && isMap(i.value));
  const key = translationFor(entries.map(i => String((i.key as { value: string }).value)), language);
  return entries.find(i => (i.key as { value: string }).value === key)?.value as YAMLMap | undefined;
}

/**
 * Parses a theme file: YAML validated against `content/schema/themes.schema.json`.
 *
 * The taxonomy is built leniently from whatever is well-formed even when the schema reports
 * problems (a theme without a string `id` is skipped with its subtree; non-string passages are
 * skipped), so a single typo does not empty the tree.
 *
 * Problem codes (severity error unless said): `binary` (no value), `yaml-syntax` (no value),
 * `yaml-alias` (an alias without its anchor, or too many alias expansions; no value),
 * `yaml-warning` (warning), `themes-type` (the file is not a mapping; no value), `schema`,
 * `duplicate-id` (a theme id used a second time, reported at the second `id` value; the message
 * names the first one's line), `duplicate-passage` (warning: a theme lists a passage twice),
 * `internal` (a bug; no value). Never throws.
 *
 * @param source URI or path of the theme file, copied into `Taxonomy.source` and every problem.
 * @param text the whole file text (BOM, CRLF allowed).
 * @param language VS Code's display language (`vscode.env.language`, e.g. `en`, `zh-cn`): a theme's
 *   `label` and `description` are taken from its `translations` entry for that language when it
 *   has one ({@link translationFor}), field by field; the English ones otherwise. Default `''`:
 *   no translation.
 */
export function parseTaxonomy(source: string, text: string, language = ''): ParseResult<Taxonomy> {
  try {
    return parseTaxonomyUnsafe(source, typeof text === 'string' ? text : String(text ?? ''), language);
  } catch (e) {
    return {
      value: undefined,
      problems: [{ file: source, line: 0, column: 0, severity: 'error', code: 'internal', message: `Could not parse the theme file: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

function parseTaxonomyUnsafe(source: string, text: string, language: string): ParseResult<Taxonomy> {
  const lines = new LineIndex(text);
  const bom = text.startsWith(BOM) ? 1 : 0;
  const loc: YamlLocation = { file: source, lines, offset: bom };
  const problems: ContentProblem[] = [];
  if (/\0/.test(text.slice(0, 8000))) {
    problems.push(problemAt(loc, 0, 0, 'error', 'binary', 'The theme file looks binary (it holds NUL characters), not YAML.'));
    return { value: undefined, problems };
  }
  const { doc, problems: yamlProblems } = parseYaml(text.slice(bom), loc);
  problems.push(...yamlProblems);
  if (doc.errors.length > 0) return { value: undefined, problems };
  const root = doc.contents;
  const value = yamlValue(doc, loc);
  if (!value.ok) return { value: undefined, problems: [...problems, value.problem] };
  const data = value.data;
  if (!isMap(root) || data === null || typeof data !== 'object' || Array.isArray(data)) {
    const [s, e] = rangeOfNode(root);
    problems.push(problemAt(loc, bom + s, bom + e, 'error', 'themes-type',
      'The theme file must be a mapping with the fields "article" and "themes".'));
    return { value: undefined, problems };
  }
  validator ??= new Validator(THEMES_SCHEMA, '2020-12', false);
  problems.push(...schemaProblems(validator, THEMES_SCHEMA, doc, data, loc, 'Themes', [0, 0]));

  const locations = new Map<Theme, ThemeLocation>();
  const firstById = new Map<string, SourceSpan>();
  const build = (seqNode: unknown): Theme[] => {
    const out: Theme[] = [];
    if (!isSeq(seqNode)) return out;
    for (const item of seqNode.items) {
      if (!isMap(item)) continue;
      const id = stringAt(item, 'id');
      if (!id.value) continue;
      const idSpan = spanOf(loc, id.node);
      const first = firstById.get(id.value);
      if (first) {
        const [s, e] = rangeOfNode(id.node);
        problems.push(problemAt(loc, bom + s, bom + e, 'error', 'duplicate-id',
          `Duplicate theme id "${id.value}": it is already used on line ${first.line + 1}.`));
      } else {
        firstById.set(id.value, idSpan);
      }
      const passageIds: string[] = [];
      const passageSpans: SourceSpan[] = [];
      const passagesNode = item.get('passages', true);
      if (isSeq(passagesNode)) {
        for (const p of passagesNode.items) {
          if (!isScalar(p) || typeof p.value !== 'string') continue;
          if (passageIds.includes(p.value)) {
            const [s, e] = rangeOfNode(p);
            problems.push(problemAt(loc, bom + s, bom + e, 'warning', 'duplicate-passage',
              `Theme "${id.value}" lists passage "${p.value}" twice.`));
            continue;
          }
          passageIds.push(p.value);
          passageSpans.push(spanOf(loc, p));
        }
      }
      const translated = translationAt(item, language);
      const theme: Theme = {
        id: id.value,
        label: (translated && stringAt(translated, 'label').value) || stringAt(item, 'label').value || id.value,
        description: (translated && stringAt(translated, 'description').value) || stringAt(item, 'description').value,
        passageIds,
        children: build(item.get('children', true)),
      };
      locations.set(theme, { id: idSpan, passages: passageSpans });
      out.push(theme);
    }
    return out;
  };
  const themes = build(root.get('themes', true));
  const article = stringAt(root, 'article').value;
  return { value: { source, article, themes, locations }, problems };
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
