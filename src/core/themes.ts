/**
 * Theme taxonomies (`*.themes.yaml`) and the index that relates themes to an article's passages.
 *
 * Lines and columns are 0-based positions in the theme FILE; columns count UTF-16 code units.
 * Messages name lines 1-based, as editors show them.
 */
import { type Schema, Validator } from '@cfworker/json-schema';
import { isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import themesSchema from '../../content/schema/themes.schema.json';
import { BOM, LineIndex } from './frontMatter';
import type { ContentProblem, ParseResult, Theme } from './types';
import { parseYaml, problemAt, rangeOfNode, schemaProblems, yamlValue, type YamlLocation } from './yamlDiagnostics';
import type { SourceSpan, Taxonomy, ThemeLocation } from './themeIndex';

/** The theme-taxonomy JSON Schema (`content/schema/themes.schema.json`). */
export const THEMES_SCHEMA: Schema = themesSchema as unknown as Schema;

let validator: Validator | undefined;

export { emptyTaxonomy, ThemeIndex, type SourceSpan, type Taxonomy, type ThemeLocation, type ThemesOfOptions } from './themeIndex';


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
  // An alias stands for its anchor's node (yamlValue has refused cycles, so the tree is finite).
  const deref = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  const build = (seqNode: unknown): Theme[] => {
    const out: Theme[] = [];
    seqNode = deref(seqNode);
    if (!isSeq(seqNode)) return out;
    for (const entry of seqNode.items) {
      const item = deref(entry);
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
      const listed = new Set<string>();
      const passageSpans: SourceSpan[] = [];
      const passagesNode = deref(item.get('passages', true));
      if (isSeq(passagesNode)) {
        for (const entry of passagesNode.items) {
          const p = deref(entry);
          if (!isScalar(p) || typeof p.value !== 'string') continue;
          if (listed.has(p.value)) {
            const [s, e] = rangeOfNode(p);
            problems.push(problemAt(loc, bom + s, bom + e, 'warning', 'duplicate-passage',
              `Theme "${id.value}" lists passage "${p.value}" twice.`));
            continue;
          }
          listed.add(p.value);
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
