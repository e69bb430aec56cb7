import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import { parseTaxonomy, ThemeIndex } from '../../src/core/themes';
import type { Article, ContentProblem } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');

function problem(file: string, line: number, column: number, endLine: number, endColumn: number, code: string, message: string, severity: ContentProblem['severity'] = 'error'): ContentProblem {
  return { file, line, column, endLine, endColumn, severity, code, message };
}

const article: Article = parseArticle('demo.md', '---\nid: demo\ntitle: Demo\n---\nOne. Two.\n\nThree.\n\nFour. Five. Six.\n').value!;

const THEMES = `article: demo
themes:
  - id: a
    label: A
    description: Theme A.
    passages: [p1]
    children:
      - id: a.x
        label: A x
        passages: [p1.s2, p3.s1]
      - id: a.y
        label: A y
        passages: [p1, p3.s3]
  - id: b
    label: B
    passages: [p3.s2]
`;

describe('parseTaxonomy', () => {
  it('builds the theme tree with labels, descriptions and passages in file order', () => {
    const r = parseTaxonomy('demo.themes.yaml', THEMES);
    assert.deepEqual(r.problems, []);
    assert.equal(r.value?.article, 'demo');
    assert.deepEqual(r.value?.themes, [
      {
        id: 'a', label: 'A', description: 'Theme A.', passageIds: ['p1'], children: [
          { id: 'a.x', label: 'A x', description: '', passageIds: ['p1.s2', 'p3.s1'], children: [] },
          { id: 'a.y', label: 'A y', description: '', passageIds: ['p1', 'p3.s3'], children: [] },
        ],
      },
      { id: 'b', label: 'B', description: '', passageIds: ['p3.s2'], children: [] },
    ]);
    const ax = r.value!.themes[0].children[0];
    assert.deepEqual(r.value!.locations.get(ax), {
      id: { line: 7, column: 12, endLine: 7, endColumn: 15 },
      passages: [{ line: 9, column: 19, endLine: 9, endColumn: 24 }, { line: 9, column: 26, endLine: 9, endColumn: 31 }],
    });
  });

  it('tolerates a BOM and CRLF', () => {
    const r = parseTaxonomy('crlf.yaml', '\uFEFFarticle: demo\r\nthemes:\r\n  - id: a\r\n    label: A\r\n    passages: [p9]\r\n');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.value!.locations.get(r.value!.themes[0])?.passages, [{ line: 4, column: 15, endLine: 4, endColumn: 17 }]);
  });

  it('reports bad YAML and gives no value', () => {
    assert.deepEqual(parseTaxonomy('bad.yaml', 'article: x\nthemes:\n  - id: a\n    label: [x\n'), {
      value: undefined,
      problems: [problem('bad.yaml', 4, 0, 4, 0, 'yaml-syntax', 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ].')],
    });
  });

  it('reports schema violations at the offending key or item and keeps what is well-formed', () => {
    const r = parseTaxonomy('s.yaml', 'article: x\nthemes:\n  - id: Bad\n    label: A\n    passages: [p1, q2, 3]\n    extra: 1\n  - label: no id\n');
    assert.deepEqual(r.problems, [
      problem('s.yaml', 2, 4, 2, 6, 'schema', 'Themes: "themes[0].id" has the value "Bad", which is not allowed. Use lower-case letters, digits, "." and "-", starting with a letter or digit, for example "security.food".'),
      problem('s.yaml', 4, 19, 4, 21, 'schema', 'Themes: "themes[0].passages[1]" has the value "q2", which is not allowed. A passage is pN (paragraph N) or pN.sM (sentence M of paragraph N), for example "p6" or "p6.s2".'),
      problem('s.yaml', 4, 23, 4, 24, 'schema', 'Themes: "themes[0].passages[2]" must be a string, not a number.'),
      problem('s.yaml', 5, 4, 5, 9, 'schema', 'Themes: unknown field "themes[0].extra".'),
      problem('s.yaml', 6, 4, 7, 0, 'schema', 'Themes: the required field "themes[1].id" is missing.'),
    ]);
    assert.deepEqual(r.value?.themes, [{ id: 'Bad', label: 'A', description: '', passageIds: ['p1', 'q2'], children: [] }]);
  });

  it('reports missing top-level fields at line 0', () => {
    const r = parseTaxonomy('m.yaml', 'article: x\n');
    assert.deepEqual(r.problems, [problem('m.yaml', 0, 0, 0, 0, 'schema', 'Themes: the required field "themes" is missing.')]);
    assert.deepEqual(r.value?.themes, []);
  });

  it('reports a duplicate theme id at the second id, naming the first one’s line, and a passage listed twice', () => {
    const r = parseTaxonomy('d.yaml', 'article: x\nthemes:\n  - id: a\n    label: A\n    children:\n      - id: a\n        label: A2\n        passages: [p1, p1]\n');
    assert.deepEqual(r.problems, [
      problem('d.yaml', 5, 12, 5, 13, 'duplicate-id', 'Duplicate theme id "a": it is already used on line 3.'),
      problem('d.yaml', 7, 23, 7, 25, 'duplicate-passage', 'Theme "a" lists passage "p1" twice.', 'warning'),
    ]);
  });

  it('reports an empty file, a non-mapping and binary text, with no value', () => {
    const msg = 'The theme file must be a mapping with the fields "article" and "themes".';
    assert.deepEqual(parseTaxonomy('e.yaml', ''), { value: undefined, problems: [problem('e.yaml', 0, 0, 0, 0, 'themes-type', msg)] });
    assert.deepEqual(parseTaxonomy('l.yaml', '- a\n'), { value: undefined, problems: [problem('l.yaml', 0, 0, 1, 0, 'themes-type', msg)] });
    assert.deepEqual(parseTaxonomy('b.yaml', '\u0000\u0001'), {
      value: undefined, problems: [problem('b.yaml', 0, 0, 0, 0, 'binary', 'The theme file looks binary (it holds NUL characters), not YAML.')],
    });
  });

  it('does not throw on hostile input', () => {
    for (const text of ['themes: *x', 'a: &a [*a]', 'themes:\n  - !!binary x', '{', 'themes: [[[]]]', '\uD800', '---\n---\n']) {
      assert.doesNotThrow(() => parseTaxonomy('x.yaml', text));
    }
  });
});

describe('ThemeIndex', () => {
  const taxonomy = parseTaxonomy('demo.themes.yaml', THEMES).value!;
  const index = new ThemeIndex(article, taxonomy);

  it('finds themes and parents', () => {
    assert.equal(index.findTheme('a.y')?.label, 'A y');
    assert.equal(index.findTheme('nope'), undefined);
    assert.equal(index.parentOf('a.x')?.id, 'a');
    assert.equal(index.parentOf('a'), undefined);
    assert.deepEqual(index.allThemes().map(t => t.id), ['a', 'a.x', 'a.y', 'b']);
    assert.deepEqual(index.roots.map(t => t.id), ['a', 'b']);
  });

  it('counts distinct passages in a theme and its subtree', () => {
    assert.equal(index.passageCount('a'), 4); // p1, p1.s2, p3.s1, p3.s3
    assert.equal(index.passageCount('a.y'), 2);
    assert.equal(index.passageCount('b'), 1);
    assert.equal(index.passageCount('nope'), 0);
  });

  it('lists a theme’s own passages', () => {
    assert.deepEqual(index.passagesOf('a.x').map(p => p.text), ['Two.', 'Four.']);
  });

  it('returns the themes that list a passage directly, or also through its paragraph or sentences', () => {
    assert.deepEqual(index.themesOf('p1').map(t => t.id), ['a', 'a.y']);
    assert.deepEqual(index.themesOf('p1.s2').map(t => t.id), ['a.x']);
    assert.deepEqual(index.themesOf('p1.s2', { related: true }).map(t => t.id), ['a', 'a.x', 'a.y']);
    assert.deepEqual(index.themesOf('p3', { related: true }).map(t => t.id), ['a.x', 'a.y', 'b']);
    assert.deepEqual(index.themesOf('p2', { related: true }), []);
  });

  it('lists paragraphs no theme covers', () => {
    assert.deepEqual(index.uncoveredParagraphs().map(p => p.id), ['p2']);
  });

  it('validates with no problems when every passage exists', () => {
    assert.deepEqual(index.validate(), []);
  });

  it('reports unknown passages at their YAML node, and an article mismatch', () => {
    const t = parseTaxonomy('u.yaml', 'article: other\nthemes:\n  - id: a\n    label: A\n    passages:\n      - p1.s3\n      - p4\n      - p3.s3\n').value!;
    assert.deepEqual(new ThemeIndex(article, t).validate(), [
      problem('u.yaml', 0, 0, 0, 0, 'article-mismatch', 'The themes are for article "other", but the article\'s id is "demo".', 'warning'),
      problem('u.yaml', 5, 8, 5, 13, 'unknown-passage', 'Theme "a" lists passage "p1.s3", but paragraph 1 has 2 sentences.'),
      problem('u.yaml', 6, 8, 6, 10, 'unknown-passage', 'Theme "a" lists passage "p4", but the article has 3 paragraphs.'),
    ]);
  });
});

describe('ThemeIndex on the seed content', () => {
  const a = parseArticle('a.md', fs.readFileSync(path.join(root, 'content/northeast-revitalization.md'), 'utf8')).value!;
  const t = parseTaxonomy('t.yaml', fs.readFileSync(path.join(root, 'content/northeast-revitalization.themes.yaml'), 'utf8')).value!;
  const index = new ThemeIndex(a, t);

  it('counts the passages of security and agriculture', () => {
    assert.equal(index.passageCount('security'), 4); // p2.s1, p4.s2, p7.s1, p7.s2
    assert.equal(index.passageCount('agriculture'), 4); // p7, p7.s1, p7.s2, p7.s3
  });

  it('finds the themes of p4.s2', () => {
    assert.deepEqual(index.themesOf('p4.s2').map(x => x.id), [
      'security', 'security.food', 'security.industrial', 'security.energy', 'security.ecological',
      'security.national-defense', 'reform.reform-and-opening-up', 'ecology.ecological-protection',
    ]);
    assert.deepEqual(index.themesOf('p4.s2', { related: true }).map(x => x.id).slice(-1), ['shenyang-2018']);
  });
});
