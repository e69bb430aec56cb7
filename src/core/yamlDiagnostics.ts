/**
 * Turning YAML syntax errors and JSON Schema violations into {@link ContentProblem}s that point
 * at the offending line and column of the file. Shared by the article and theme parsers.
 *
 * Offsets are UTF-16 code-unit offsets; lines and columns are 0-based.
 */
import { type Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { Composer, type CST, Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, type Node, Parser, type Scalar, visit, YAMLParseError } from 'yaml';
import { type LineIndex } from './frontMatter';
import type { ContentProblem, ProblemSeverity } from './types';

/** Where a YAML text sits in a file: the file's name, its line index, and the YAML's offset in it. */
export interface YamlLocation {
  readonly file: string;
  readonly lines: LineIndex;
  /** UTF-16 offset of the YAML text in the file. */
  readonly offset: number;
}

/** A problem at the UTF-16 range `[start, end)` of the file. */
export function problemAt(
  loc: YamlLocation, start: number, end: number, severity: ProblemSeverity, code: string, message: string,
): ContentProblem {
  const s = loc.lines.positionAt(start);
  const e = loc.lines.positionAt(Math.max(start, end));
  return { file: loc.file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, severity, code, message };
}

/**
 * Parses `yaml` with the `yaml` package (YAML 1.2, duplicate keys are errors) and returns the
 * document with its syntax errors (code `yaml-syntax`, severity error) and warnings (code
 * `yaml-warning`). Never throws.
 */
export function parseYaml(yaml: string, loc: YamlLocation): { doc: Document.Parsed; problems: ContentProblem[] } {
  // As the package's parseDocument, with a look at the syntax tree between its two stages: the parser
  // is iterative, the composer recursive, so a document too deep for the stack is refused before composing.
  const tokens = [...new Parser().parse(yaml)];
  const deep = tooDeepOffset(tokens);
  if (deep !== undefined) {
    const doc = new Document() as Document.Parsed;
    doc.errors.push(new YAMLParseError([deep, deep + 1], 'RESOURCE_EXHAUSTION', tooDeepMessage()));
    return { doc, problems: [problemAt(loc, loc.offset + deep, loc.offset + deep + 1, 'error', 'yaml-depth', tooDeepMessage())] };
  }
  let first: Document.Parsed | undefined;
  for (const next of new Composer({ uniqueKeys: true }).compose(tokens, true, yaml.length)) {
    if (!first) {
      first = next;
    } else {
      first.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document.
  const doc = first!;
  const problems: ContentProblem[] = [];
  for (const [list, severity, code] of [[doc.errors, 'error', 'yaml-syntax'], [doc.warnings, 'warning', 'yaml-warning']] as const) {
    for (const e of list) {
      const [s, t] = e.pos;
      // The parser composes nested collections recursively and reports the stack overflow of a deeply nested file as an error.
      const tooDeep = e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message);
      problems.push(tooDeep
        ? problemAt(loc, loc.offset + s, loc.offset + t, 'error', 'yaml-depth', tooDeepMessage())
        : problemAt(loc, loc.offset + s, loc.offset + t, severity, code, `YAML: ${e.message}.`.replace(/\.\.$/, '.')));
    }
  }
  return { doc, problems };
}

/**
 * Most levels of nested collections (mappings and lists) a YAML document may have. A theme is two
 * levels (its mapping and its `children` list), so this allows about 50 levels of themes; deeper
 * documents are refused before anything recursive (conversion, schema validation, the theme tree)
 * runs on them, as those would overflow the stack at some depth of a few hundred.
 */
export const MAX_YAML_DEPTH = 100;

/**
 * The offset of the first collection of the syntax tree `tokens` nested more than {@link MAX_YAML_DEPTH}
 * levels deep (the offset of its first character), or undefined. Walks without recursion.
 */
function tooDeepOffset(tokens: readonly CST.Token[]): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((t): [CST.Token, number] => [t, 0]).reverse();
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth >= MAX_YAML_DEPTH) return token.type === 'flow-collection' ? token.start.offset : token.offset;
        // Last item first onto the stack, so the walk meets the document's collections in their order.
        for (let i = token.items.length - 1; i >= 0; i--) {
          const item = token.items[i];
          if ('value' in item && item.value) stack.push([item.value, depth + 1]);
          if ('key' in item && item.key) stack.push([item.key, depth + 1]);
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

function tooDeepMessage(): string {
  return `YAML: the document nests lists and mappings more than ${MAX_YAML_DEPTH} levels deep; it is not read.`;
}

/**
 * The first structural problem of a parsed document, found without recursion: a collection more
 * than {@link MAX_YAML_DEPTH} levels deep (code `yaml-depth`), or an alias inside the node its
 * anchor names (code `yaml-alias`: a cycle, which would make the value infinite). Undefined when
 * there is none.
 */
function structureProblem(doc: Document, loc: YamlLocation): ContentProblem | undefined {
  // Depth-first, with the path of open collections: an alias to one of them is a cycle.
  const path: Node[] = [];
  const stack: (Node | 'leave')[] = isNode(doc.contents) ? [doc.contents] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'leave') {
      path.pop();
      continue;
    }
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target && path.includes(target)) {
        const [s, t] = rangeOfNode(node);
        return problemAt(loc, loc.offset + s, loc.offset + t, 'error', 'yaml-alias',
          `YAML: the alias *${node.source} is inside the node its anchor &${node.source} names, a cycle; the document is not read.`);
      }
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (path.length >= MAX_YAML_DEPTH) {
      const [s, t] = rangeOfNode(node);
      return problemAt(loc, loc.offset + s, loc.offset + Math.min(t, s + 1), 'error', 'yaml-depth', tooDeepMessage());
    }
    path.push(node);
    stack.push('leave');
    const children: unknown[] = isMap(node) ? node.items.flatMap(p => (isPair(p) ? [p.key, p.value] : [])) : node.items;
    for (let i = children.length - 1; i >= 0; i--) if (isNode(children[i])) stack.push(children[i] as Node);
  }
  return undefined;
}

/** Keywords whose errors only summarize errors reported deeper in the instance. */
const SUMMARY_KEYWORDS = new Set([
  'properties', 'items', 'prefixItems', 'additionalItems', '$ref', '$dynamicRef', '$recursiveRef', 'false',
  'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'dependentSchemas', 'unevaluatedItems', 'unevaluatedProperties', 'contains',
]);

/** Splits a JSON pointer fragment `#/a/0/b` into path segments, numbers for array indexes. */
function pointerPath(pointer: string, instance: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  let value = instance;
  for (const raw of pointer.replace(/^#\/?/, '').split('/').filter(s => s !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    const seg = Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : key;
    path.push(seg);
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[seg] : undefined;
  }
  return path;
}

/** Renders a path as `themes[0].children[2].id`; the empty path as `(top level)`. */
export function renderPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || '(top level)';
}

/** The schema object at a keyword location such as `#/properties/issued/pattern` (the parent of the keyword). */
function subschemaAt(schema: Schema, keywordLocation: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  const segs = keywordLocation.replace(/^#\/?/, '').split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  segs.pop();
  for (const seg of segs) {
    if (node === null || typeof node !== 'object') return undefined;
    const obj = node as Record<string, unknown>;
    if (seg === '$ref' && typeof obj.$ref === 'string' && obj.$ref.startsWith('#/')) {
      node = subschemaAt(schema, `${obj.$ref}/x`);
    } else {
      node = obj[seg];
    }
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/**
 * The UTF-16 range, relative to the YAML text, to report for `path`: the key of a map entry
 * (so the problem is shown at the offending key), the node of a sequence item, or the node itself
 * for the empty path. Falls back to the nearest existing ancestor, then to `[0, 0)`.
 */
export function rangeOfPath(doc: Document, path: readonly (string | number)[]): [number, number] {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    if (n === 0) {
      const c = doc.contents;
      return isNode(c) && c.range ? [c.range[0], c.range[1]] : [0, 0];
    }
    const parent = n === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true);
    const last = sub[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find(p => (isScalar(p.key) ? p.key.value : p.key) === last);
      if (pair && isNode(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
    } else if (isSeq(parent) && typeof last === 'number') {
      const item = parent.items[last];
      if (isNode(item) && item.range) return [item.range[0], item.range[1]];
    }
  }
  return [0, 0];
}

/** The range of a node, relative to the YAML text. */
export function rangeOfNode(node: Node | null | undefined): [number, number] {
  return node && node.range ? [node.range[0], node.range[1]] : [0, 0];
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object': return 'a mapping';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    default: return typeof value;
  }
}

function expectedType(t: unknown): string {
  const one = (x: unknown): string => x === 'array' ? 'a list' : x === 'object' ? 'a mapping' : x === 'integer' ? 'an integer' : `a ${String(x)}`;
  return Array.isArray(t) ? t.map(one).join(' or ') : one(t);
}

function valueAt(instance: unknown, path: readonly (string | number)[]): unknown {
  let v = instance;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

/** Most aliases a document may expand into its value: a guard against "billion laughs" documents. */
export const MAX_ALIAS_COUNT = 100;

/**
 * The JavaScript value of a parsed YAML document (`Document.toJS`), or a problem (severity error)
 * at the node that makes it impossible: code `yaml-alias` for an alias naming no anchor before it,
 * more alias expansions than {@link MAX_ALIAS_COUNT} (the `yaml` package throws a ReferenceError for
 * both) or an alias inside its own anchor's node (a cycle); code `yaml-depth` for collections nested
 * deeper than {@link MAX_YAML_DEPTH}. Never throws.
 */
export function yamlValue(doc: Document, loc: YamlLocation): { ok: true; data: unknown } | { ok: false; problem: ContentProblem } {
  const structure = structureProblem(doc, loc);
  if (structure) return { ok: false, problem: structure };
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    let at: Node | undefined;
    visit(doc, {
      Alias(_, alias) {
        const unresolved = alias.resolve(doc) === undefined;
        if (!at || unresolved) at = alias;
        return unresolved ? visit.BREAK : undefined;
      },
    });
    const [s, t] = rangeOfNode(at);
    const message = `YAML: ${e instanceof Error ? e.message : String(e)}.`.replace(/\.\.$/, '.');
    return { ok: false, problem: problemAt(loc, loc.offset + s, loc.offset + t, 'error', 'yaml-alias', message) };
  }
}

/** The first mapping key of `doc` whose string holds a lone UTF-16 surrogate (half of a pair without the other), if any. */
function keyWithLoneSurrogate(doc: Document): Scalar | undefined {
  let found: Scalar | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && /\p{Cs}/u.test(pair.key.value)) {
        found = pair.key;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Validates `instance` (the document's JSON value) against `schema` with `@cfworker/json-schema`
 * (all errors, not only the first) and reports each violation as a problem with code `schema`,
 * severity error, at the offending key's position (see {@link rangeOfPath}). Summary errors
 * (`properties`, `items`, `$ref` …) are dropped in favour of the specific ones beneath them.
 * A `patternErrorMessage` in the schema (VS Code's JSON-schema extension keyword) is used as the
 * message of a `pattern` violation. Problems are sorted by position. A field name holding a lone
 * UTF-16 surrogate (not valid Unicode) is reported alone, at that name, without validating.
 *
 * @param what how to name the document in messages, for example `Front matter`.
 * @param rootRange UTF-16 range in the FILE at which to report a missing required top-level
 *   field (default: the document's first node).
 */
export function schemaProblems(
  validator: Validator, schema: Schema, doc: Document, instance: unknown, loc: YamlLocation, what: string,
  rootRange?: readonly [number, number],
): ContentProblem[] {
  const bad = keyWithLoneSurrogate(doc);
  if (bad) {
    // @cfworker/json-schema writes instance locations with encodeURI, which throws a URIError on a lone surrogate.
    const [s, e] = rangeOfNode(bad);
    const unit = /\p{Cs}/u.exec(String(bad.value))![0].charCodeAt(0).toString(16).toUpperCase();
    return [problemAt(loc, loc.offset + s, loc.offset + e, 'error', 'schema',
      `${what}: the field name ${JSON.stringify(bad.value)} holds a lone surrogate (U+${unit}), which is not a character: the file is not valid Unicode there.`)];
  }
  const result = validator.validate(instance);
  if (result.valid) return [];
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  for (const err of result.errors as OutputUnit[]) {
    if (SUMMARY_KEYWORDS.has(err.keyword)) continue;
    let path = pointerPath(err.instanceLocation, instance);
    let message: string;
    const sub = subschemaAt(schema, err.keywordLocation);
    const where = path.length ? `"${renderPath(path)}"` : '';
    switch (err.keyword) {
      case 'required': {
        const name = /"([^"]*)"/.exec(err.error)?.[1] ?? '?';
        message = `${what}: the required field "${renderPath([...path, name])}" is missing.`;
        break;
      }
      case 'additionalProperties': {
        const name = /"([^"]*)"/.exec(err.error)?.[1] ?? '?';
        path = [...path, name];
        message = `${what}: unknown field "${renderPath(path)}".`;
        break;
      }
      case 'type':
        message = `${what}: ${where || 'the document'} must be ${expectedType(sub?.type)}, not ${describeType(valueAt(instance, path))}.`;
        break;
      case 'pattern': {
        const value = valueAt(instance, path);
        const hint = typeof sub?.patternErrorMessage === 'string' ? sub.patternErrorMessage : `It must match ${String(sub?.pattern)}.`;
        message = `${what}: ${where} has the value ${JSON.stringify(value)}, which is not allowed. ${hint}`;
        break;
      }
      case 'minLength':
        message = `${what}: ${where} must not be empty.`;
        break;
      default:
        message = `${what}: ${where ? `${where}: ` : ''}${err.error}`;
    }
    const key = `${renderPath(path)}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (rootRange && err.keyword === 'required' && path.length === 0) {
      problems.push(problemAt(loc, rootRange[0], rootRange[1], 'error', 'schema', message));
    } else {
      const [s, e] = rangeOfPath(doc, path);
      problems.push(problemAt(loc, loc.offset + s, loc.offset + e, 'error', 'schema', message));
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
