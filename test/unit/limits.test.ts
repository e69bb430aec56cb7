// Hostile sizes and shapes for the core parsers (issue #9, item 5): each finishes within a generous bound and says
// exactly what it refused or left out. The figures themselves are benchmarks (bench/figures/limits.mjs).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../../src/core/article';
import { capProblems, loadArticle, MAX_PROBLEMS_PER_FILE } from '../../src/core/library';
import { segmentSentences } from '../../src/core/segment';
import { parseTaxonomy } from '../../src/core/themes';
import { MAX_YAML_DEPTH } from '../../src/core/yamlDiagnostics';
import type { ContentProblem } from '../../src/core/types';

/** Runs `f`, fails when it takes longer than `ms` (a generous bound: the machine may be loaded), returns its value. */
function within<T>(ms: number, f: () => T): T {
  const t0 = performance.now();
  const value = f();
  const took = performance.now() - t0;
  assert.ok(took < ms, `took ${Math.round(took)} ms, more than ${ms} ms`);
  return value;
}

const ARTICLE = `---\nid: a\ntitle: A\n---\n\n${Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1}. Its second sentence.`).join('\n\n')}\n`;

/** A theme file whose themes (`t00001`, `t00002`, …) nest `depth` levels deep in flow style, all on line 2. */
function nestedThemes(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => `{id: t${String(i + 1).padStart(5, '0')}, label: T, children: [`).join('');
  return `article: a\nthemes: [${open}${']}'.repeat(depth)}]\n`;
}

const DEPTH_MESSAGE = `YAML: the document nests lists and mappings more than ${MAX_YAML_DEPTH} levels deep; it is not read.`;

describe('limits of the core parsers', () => {
  it('a theme file nested 10,000 levels deep is refused with a yaml-depth error, not a stack overflow', () => {
    const r = within(20000, () => parseTaxonomy('t.yaml', nestedThemes(10000)));
    assert.equal(r.value, undefined);
    assert.deepEqual(r.problems.map(p => [p.line, p.code, p.severity, p.message]), [[1, 'yaml-depth', 'error', DEPTH_MESSAGE]]);
  });

  it('a theme file nested 60 levels deep (120 YAML levels) is refused at the 101st collection', () => {
    const r = parseTaxonomy('t.yaml', nestedThemes(60));
    assert.equal(r.value, undefined);
    // Line 2: the root mapping and `themes: [` are levels 1 and 2; each `{id: t00001, label: T, children: [` (34 columns)
    // opens two more, so the 50th theme's mapping, at column 9 + 49 × 34, is the 101st level.
    assert.deepEqual(r.problems, [{
      file: 't.yaml', line: 1, column: 9 + 49 * 34, endLine: 1, endColumn: 9 + 49 * 34 + 1, severity: 'error', code: 'yaml-depth', message: DEPTH_MESSAGE,
    }]);
  });

  it('a theme file nested 40 levels deep is read whole', () => {
    const r = parseTaxonomy('t.yaml', nestedThemes(40));
    assert.deepEqual(r.problems, []);
    let depth = 0;
    for (let t = r.value!.themes[0]; t; t = t.children[0]) depth++;
    assert.equal(depth, 40);
  });

  it('front matter nested 10,000 levels deep is a yaml-depth error at its line', () => {
    const r = within(20000, () => parseArticle('a.md', `---\nx: ${'['.repeat(10000)}${']'.repeat(10000)}\n---\n\nText.\n`));
    assert.deepEqual(r.problems.map(p => [p.line, p.code, p.message]), [[1, 'yaml-depth', DEPTH_MESSAGE]]);
  });

  it('a theme list that contains its own alias (a cycle) is a yaml-alias error at the alias', () => {
    const r = within(5000, () => parseTaxonomy('t.yaml', 'article: a\nthemes: &t\n  - id: x\n    label: X\n    children: *t\n'));
    assert.equal(r.value, undefined);
    assert.deepEqual(r.problems, [{
      file: 't.yaml', line: 4, column: 14, endLine: 4, endColumn: 16, severity: 'error', code: 'yaml-alias',
      message: 'YAML: the alias *t is inside the node its anchor &t names, a cycle; the document is not read.',
    }]);
  });

  it('a theme whose children list its own alias (a cycle through a mapping) is a yaml-alias error', () => {
    const r = parseTaxonomy('t.yaml', 'article: a\nthemes:\n  - &x\n    id: x\n    label: X\n    children: [*x]\n');
    assert.deepEqual(r.problems.map(p => [p.line, p.column, p.code, p.message]),
      [[5, 15, 'yaml-alias', 'YAML: the alias *x is inside the node its anchor &x names, a cycle; the document is not read.']]);
  });

  it('an alias to an earlier sibling is not a cycle', () => {
    const r = parseTaxonomy('t.yaml', 'article: a\nthemes:\n  - id: x\n    label: X\n    passages: &p [p1, p2]\n  - id: y\n    label: Y\n    passages: *p\n');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.value!.themes.map(t => t.passageIds), [['p1', 'p2'], ['p1', 'p2']]);
  });

  it('a theme naming 100,000 passages is read in linear time; its unknown passages are listed up to the cap with one summary', () => {
    const lines = Array.from({ length: 100000 }, (_, i) => `      - p${i + 1}`).join('\n');
    const themes = `article: a\nthemes:\n  - id: big\n    label: Big\n    passages:\n${lines}\n`;
    const loaded = within(60000, () => loadArticle('a.md', ARTICLE, 't.yaml', themes));
    assert.equal(loaded.taxonomy!.themes[0].passageIds.length, 100000);
    assert.equal(loaded.index!.passageCount('big'), 20);
    assert.equal(loaded.problems.length, MAX_PROBLEMS_PER_FILE + 1);
    assert.deepEqual(loaded.problems[0], {
      file: 't.yaml', line: 25, column: 8, endLine: 25, endColumn: 11, severity: 'error', code: 'unknown-passage',
      message: 'Theme "big" lists passage "p21", but the article has 20 paragraphs.',
    });
    assert.deepEqual(loaded.problems[MAX_PROBLEMS_PER_FILE], {
      file: 't.yaml', line: 224, column: 8, endLine: 224, endColumn: 12, severity: 'warning', code: 'too-many-problems',
      message: `${99980 - MAX_PROBLEMS_PER_FILE} more problems in this file are not listed: only the first ${MAX_PROBLEMS_PER_FILE} of 99980 are shown.`,
    });
  });

  it('capProblems keeps every problem of a file under the cap and caps each file on its own', () => {
    const p = (file: string, line: number): ContentProblem => ({ file, line, column: 0, severity: 'error', code: 'x', message: `${file}${line}` });
    const list = [p('a', 0), p('b', 0), p('a', 1), p('b', 1), p('a', 2)];
    assert.deepEqual(capProblems(list, 3), list);
    assert.deepEqual(capProblems(list, 2), [p('a', 0), p('b', 0), p('a', 1),
      { file: 'a', line: 1, column: 0, endLine: undefined, endColumn: undefined, severity: 'warning', code: 'too-many-problems', message: '1 more problems in this file are not listed: only the first 2 of 3 are shown.' },
      p('b', 1)]);
  });

  it('a single paragraph of 220,000 characters and 20,000 sentences is segmented in linear time, exactly', () => {
    const text = 'Word word. '.repeat(20000);
    const sentences = within(20000, () => segmentSentences(text, 0, text.length));
    assert.equal(sentences.length, 20000);
    assert.deepEqual(sentences[0], { start: 0, end: 10 });
    assert.deepEqual(sentences[12345], { start: 12345 * 11, end: 12345 * 11 + 10 });
    assert.deepEqual(sentences[19999], { start: 19999 * 11, end: 19999 * 11 + 10 });
  });

  it('a 100,000-character paragraph without a sentence break is one sentence', () => {
    const r = within(20000, () => parseArticle('a.md', `# T\n\n${'x'.repeat(100000)}\n`));
    assert.equal(r.value!.paragraphs.length, 1);
    assert.deepEqual(r.value!.sentences.map(s => [s.id, s.start, s.end]), [['p1.s1', 5, 100005]]);
  });

  it('sentence boundaries do not depend on where ICU windows fall (abbreviations across 4,096-character windows)', () => {
    const text = 'Dr. Mr. Smith met Prof. Jones. '.repeat(1000);
    const sentences = segmentSentences(text, 0, text.length);
    assert.equal(sentences.length, 1000);
    assert.ok(sentences.every((s, i) => s.start === i * 31 && s.end === i * 31 + 30));
  });
});
