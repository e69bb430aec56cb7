/**
 * Parsing an article file (Markdown with YAML front matter) into the {@link Article} model.
 *
 * Offsets of paragraphs and sentences are UTF-16 code-unit offsets into `Article.body`,
 * half-open `[start, end)`; problem lines and columns are 0-based positions in the FILE.
 */
import { type Schema, Validator } from '@cfworker/json-schema';
import articleSchema from '../../content/schema/article.schema.json';
import { BOM, LineIndex, splitFrontMatter } from './frontMatter';
import { htmlToText } from './html';
import { isHtmlSource } from './sources';
import { segmentParagraphs, segmentSentences } from './segment';
import type { Article, ArticleMetadata, ContentProblem, Paragraph, ParseResult, Passage, Sentence } from './types';
import { parseYaml, problemAt, schemaProblems, yamlValue, type YamlLocation } from './yamlDiagnostics';

/** The article front-matter JSON Schema (`content/schema/article.schema.json`). */
export const ARTICLE_SCHEMA: Schema = articleSchema as unknown as Schema;

let validator: Validator | undefined;

/** Metadata with every field empty. */
export function emptyMetadata(): ArticleMetadata {
  return {
    id: '', title: '', subtitle: '', citationKey: '', type: '', author: [], containerTitle: '',
    publisher: '', issued: '', url: '', language: '', themes: '',
  };
}

/**
 * Heuristic used by git (`buffer_is_binary`: a NUL in the first 8000 bytes), extended to
 * decoded text: a NUL, or more than one in eight of the first 8000 code units being C0 control
 * characters (other than tab, line feed, form feed, carriage return) or U+FFFD, the replacement
 * character a decoder emits for invalid UTF-8.
 */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8000);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) odd++;
  }
  return n > 0 && odd * 8 > n;
}

/** The last path segment of a URI or path, without its extension, reduced to kebab-case (`My Article.md` → `my-article`). */
function idFromSource(source: string): string {
  const name = source.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? '';
  return name.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Reads a string field of the front matter, or `''` when absent or not a string. */
function str(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v : '';
}

function metadataFrom(data: Record<string, unknown>): ArticleMetadata {
  const author = Array.isArray(data.author) ? data.author.filter((a): a is string => typeof a === 'string') : [];
  return {
    id: str(data, 'id'), title: str(data, 'title'), subtitle: str(data, 'subtitle'),
    citationKey: str(data, 'citationKey'), type: str(data, 'type'), author,
    containerTitle: str(data, 'containerTitle'), publisher: str(data, 'publisher'), issued: str(data, 'issued'),
    url: str(data, 'url'), language: str(data, 'language'), themes: str(data, 'themes'),
  };
}

const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/**
 * The title a body gives when the front matter gives none: the text of a first-paragraph ATX
 * heading (`# Title`; `isHeading` when that heading is the whole first paragraph), else the first
 * line of the first paragraph; `''` for a body without paragraphs.
 */
function firstHeadingOrLine(body: string): { title: string; isHeading: boolean } {
  const ranges = segmentParagraphs(body);
  if (ranges.length === 0) return { title: '', isHeading: false };
  const first = body.slice(ranges[0].start, ranges[0].end);
  const firstLine = first.split(/\r\n|\r|\n/)[0];
  const heading = ATX_HEADING.exec(firstLine);
  return { title: (heading ? heading[1] : firstLine).trim(), isHeading: heading !== null && firstLine.length === first.length };
}

/**
 * Splits `body` into paragraphs `p1`, `p2`, … and sentences `pN.s1`, … with exact offsets
 * (`body.slice(start, end) === text`). Paragraphs are separated by blank lines
 * ({@link segmentParagraphs}); sentences follow {@link segmentSentences}.
 *
 * @param skip number of leading blank-line-separated blocks that are not paragraphs (1 for a
 *   leading title heading); numbering starts after them.
 */
export function buildPassages(body: string, skip = 0): { paragraphs: Paragraph[]; sentences: Sentence[]; passages: Map<string, Passage> } {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const passages = new Map<string, Passage>();
  const ranges = segmentParagraphs(body).slice(skip);
  ranges.forEach((range, i) => {
    const id = `p${i + 1}`;
    const sentenceIds: string[] = [];
    segmentSentences(body, range.start, range.end).forEach((s, j) => {
      const sentence: Sentence = {
        kind: 'sentence', id: `${id}.s${j + 1}`, number: j + 1, paragraphId: id,
        start: s.start, end: s.end, text: body.slice(s.start, s.end),
      };
      sentenceIds.push(sentence.id);
      sentences.push(sentence);
    });
    const paragraph: Paragraph = {
      kind: 'paragraph', id, number: i + 1, start: range.start, end: range.end,
      text: body.slice(range.start, range.end), sentenceIds,
    };
    paragraphs.push(paragraph);
    passages.set(id, paragraph);
  });
  for (const s of sentences) passages.set(s.id, s);
  return { paragraphs, sentences, passages };
}

/**
 * Parses an article file: optional YAML front matter (validated against
 * `content/schema/article.schema.json`), then a Markdown body of paragraphs separated by blank lines.
 *
 * - With front matter, `body` is the text after the closing `---` line; missing required fields,
 *   wrong types and unknown fields are `schema` errors at the offending key's line and column,
 *   and the metadata keeps only the fields of the right type.
 * - Without front matter, `body` is the whole file (after a BOM); metadata fields are empty.
 * - Front matter and each of its fields are optional: a missing `id` is the file name in
 *   kebab-case, a missing `title` the text of a first-paragraph ATX heading (`# Title`, which is
 *   then not a paragraph), else the first line of the first paragraph.
 *
 * - An HTML file (`.html`, `.htm`; see {@link isHtmlSource}) has no front matter: its body is the
 *   text a browser shows ({@link htmlToText}), its title the `<title>` or first `<h1>`.
 *
 * Problem codes (severity error unless said): `binary` (the text looks binary; no value),
 * `empty` (no paragraphs), `front-matter-unclosed` (a `---` first line and no closing line;
 * no value), `yaml-syntax`, `yaml-alias` (an alias without its anchor, or too many alias expansions),
 * `yaml-warning` (warning), `front-matter-type` (the front matter is
 * not a mapping), `schema`, and `internal` (a bug; no value). Never throws.
 *
 * @param source URI or path of the file, copied into `Article.source` and every problem's `file`.
 * @param text the whole file text, exactly as read (UTF-16 string; BOM and CRLF allowed).
 */
export function parseArticle(source: string, text: string): ParseResult<Article> {
  try {
    return parseArticleUnsafe(source, typeof text === 'string' ? text : String(text ?? ''));
  } catch (e) {
    return {
      value: undefined,
      problems: [{ file: source, line: 0, column: 0, severity: 'error', code: 'internal', message: `Could not parse the article: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

function parseArticleUnsafe(source: string, text: string): ParseResult<Article> {
  const lines = new LineIndex(text);
  const file: YamlLocation = { file: source, lines, offset: 0 };
  const problems: ContentProblem[] = [];
  if (looksBinary(text)) {
    problems.push(problemAt(file, 0, 0, 'error', 'binary', 'The file looks binary (it holds NUL or control characters), not a Markdown article.'));
    return { value: undefined, problems };
  }

  if (isHtmlSource(source)) return parseHtml(source, text);
  const split = splitFrontMatter(text);
  if (split.kind === 'unclosed') {
    const bom = text.startsWith(BOM) ? 1 : 0;
    problems.push(problemAt(file, bom, bom + 3, 'error', 'front-matter-unclosed',
      'The front matter opened by "---" on line 1 has no closing "---" line.'));
    return { value: undefined, problems };
  }

  let metadata = emptyMetadata();
  if (split.kind === 'present') {
    const loc: YamlLocation = { file: source, lines, offset: split.yamlOffset };
    const openingStart = text.startsWith(BOM) ? 1 : 0;
    const { doc, problems: yamlProblems } = parseYaml(split.yaml, loc);
    problems.push(...yamlProblems);
    const value = doc.errors.length === 0 ? yamlValue(doc, loc) : undefined;
    if (value && !value.ok) problems.push(value.problem);
    if (value?.ok) {
      const data: unknown = value.data ?? {};
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        const [s, e] = doc.contents?.range ?? [0, 0];
        problems.push(problemAt(loc, loc.offset + s, loc.offset + e, 'error', 'front-matter-type',
          'The front matter must be a mapping of fields (key: value), not a list or a single value.'));
      } else {
        validator ??= new Validator(ARTICLE_SCHEMA, '2020-12', false);
        problems.push(...schemaProblems(validator, ARTICLE_SCHEMA, doc, data, loc, 'Front matter', [openingStart, openingStart + 3]));
        metadata = metadataFrom(data as Record<string, unknown>);
      }
    }
  }
  const body = split.body;
  const first = firstHeadingOrLine(body);
  // A title heading is the article's title, not its first paragraph, only when the front matter gives no title.
  const skip = !metadata.title && first.isHeading ? 1 : 0;
  metadata = { ...metadata, id: metadata.id || idFromSource(source), title: metadata.title || first.title };

  const { paragraphs, sentences, passages } = buildPassages(body, skip);
  if (paragraphs.length === 0) {
    const at = split.kind === 'present' ? split.bodyOffset : 0;
    problems.push(problemAt(file, at, at, 'error', 'empty', split.kind === 'present'
      ? 'The article has no paragraphs after its front matter.'
      : 'The article is empty: it has no front matter and no paragraphs.'));
  }
  const article: Article = { metadata, source, body, bodyLine: split.bodyLine, paragraphs, sentences, passages };
  return { value: article, problems };
}

/**
 * An HTML article: its body is the text {@link htmlToText} extracts (so passages quote what a
 * browser shows), its title the `<title>` or first `<h1>`, its id the file name; no front matter.
 */
function parseHtml(source: string, text: string): ParseResult<Article> {
  const html = htmlToText(text.startsWith(BOM) ? text.slice(1) : text);
  const body = html.text;
  const { paragraphs, sentences, passages } = buildPassages(body, html.titleIsFirstParagraph ? 1 : 0);
  const metadata: ArticleMetadata = { ...emptyMetadata(), id: idFromSource(source), title: html.title || firstHeadingOrLine(body).title };
  const problems: ContentProblem[] = paragraphs.length > 0 ? [] : [
    { file: source, line: 0, column: 0, endLine: 0, endColumn: 0, severity: 'error', code: 'empty', message: 'The HTML file shows no text: it has no paragraphs.' },
  ];
  return { value: { metadata, source, body, bodyLine: 0, paragraphs, sentences, passages }, problems };
}

/**
 * The 0-based line and UTF-16 column in the article FILE of UTF-16 `offset` into `article.body`.
 * The body starts at column 0 of `article.bodyLine`; LF, CRLF and CR count as line breaks.
 */
export function bodyPosition(article: Article, offset: number): { line: number; column: number } {
  const body = article.body;
  offset = Math.max(0, Math.min(offset, body.length));
  let line = article.bodyLine;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = body[i];
    if (c === '\n' || (c === '\r' && body[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart };
}
