import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../../src/core/article';
import { loadArticle, themesSourceFor, withThemes } from '../../src/core/library';

const ARTICLE = '---\nid: demo\ntitle: Demo\nthemes: demo.themes.yaml\n---\n\nOne. Two.\n\nThree.\n';

describe('loadArticle', () => {
  it('loads an article with its themes and no problems', () => {
    const r = loadArticle('lib/demo.md', ARTICLE, 'lib/demo.themes.yaml', 'article: demo\nthemes:\n  - id: a\n    label: A\n    passages: [p1.s1, p2]\n');
    assert.deepEqual(r.problems, []);
    assert.equal(r.article?.paragraphs.length, 2);
    assert.deepEqual(r.taxonomy?.themes.map(t => t.id), ['a']);
    assert.equal(r.index?.passageCount('a'), 2);
  });

  it('loads an article without a theme file: an empty taxonomy and index', () => {
    const r = loadArticle('demo.md', ARTICLE);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.taxonomy, { source: '', article: 'demo', themes: [], locations: new Map() });
    assert.deepEqual(r.index?.uncoveredParagraphs().map(p => p.id), ['p1', 'p2']);
  });

  it('gathers the problems of both files and of the validation, in that order', () => {
    const r = loadArticle('demo.md', '---\nid: demo\nfoo: 1\n---\nOne.\n', 't.yaml', 'article: demo\nthemes:\n  - id: a\n    label: A\n    passages: [p2]\n    bad: 1\n');
    assert.deepEqual(r.problems.map(p => [p.file, p.code, p.line, p.column]), [
      ['demo.md', 'schema', 2, 0],
      ['t.yaml', 'schema', 5, 4],
      ['t.yaml', 'unknown-passage', 4, 15],
    ]);
  });

  it('gives neither index nor article when the article is unusable, but still parses the themes', () => {
    const r = loadArticle('bin.md', '\u0000', 't.yaml', 'article: demo\nthemes: []\n');
    assert.equal(r.article, undefined);
    assert.equal(r.index, undefined);
    assert.deepEqual(r.taxonomy?.themes, []);
    assert.deepEqual(r.problems.map(p => p.code), ['binary']);
  });

  it('keeps the article and an empty index when the theme file is unusable', () => {
    const r = loadArticle('demo.md', ARTICLE, 't.yaml', 'themes: [');
    assert.ok(r.article);
    assert.equal(r.taxonomy, undefined);
    assert.deepEqual(r.index?.allThemes(), []);
    assert.deepEqual(r.problems.map(p => p.code), ['yaml-syntax']);
  });
});

describe('themesSourceFor', () => {
  const article = loadArticle('x.md', ARTICLE).article!;
  it('resolves the theme file next to the article, for paths and URIs', () => {
    assert.equal(themesSourceFor('/work/content/demo.md', article), '/work/content/demo.themes.yaml');
    assert.equal(themesSourceFor('C:\\content\\demo.md', article), 'C:\\content\\demo.themes.yaml');
    assert.equal(themesSourceFor('file:///c%3A/content/demo.md', article), 'file:///c%3A/content/demo.themes.yaml');
    assert.equal(themesSourceFor('demo.md', article), 'demo.themes.yaml');
  });
  it('is undefined when the front matter names no theme file', () => {
    assert.equal(themesSourceFor('demo.md', loadArticle('x.md', '# T\n\nBody.').article!), undefined);
  });
});

describe('withThemes', () => {
  it('gives what loadArticle gives, from the article parsed once', () => {
    const themes = 'article: demo\nthemes:\n  - id: a\n    label: A\n    passages: [p1.s1, p3]\n';
    const parsed = parseArticle('lib/demo.md', ARTICLE);
    const once = withThemes(parsed, 'lib/demo.themes.yaml', themes);
    const twice = loadArticle('lib/demo.md', ARTICLE, 'lib/demo.themes.yaml', themes);
    assert.equal(once.article, parsed.value);
    assert.deepEqual(once.problems, twice.problems);
    assert.deepEqual(once.problems.map(p => [p.code, p.line, p.column]), [['unknown-passage', 4, 22]]);
    assert.deepEqual(once.taxonomy, twice.taxonomy);
    assert.equal(once.index?.passageCount('a'), 1);
  });

  it('without a theme file: the article\'s problems, an empty taxonomy and index', () => {
    const parsed = parseArticle('demo.md', '---\nid: demo\n---\nOne.\n');
    const r = withThemes(parsed);
    assert.deepEqual(r.problems, parsed.problems);
    assert.deepEqual(r.taxonomy, { source: '', article: 'demo', themes: [], locations: new Map() });
    assert.deepEqual(r.index?.allThemes(), []);
  });
});
