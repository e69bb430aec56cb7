import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadArticle } from '../../src/core/library';
import type { ThemeIndex } from '../../src/core/themes';
import type { Article } from '../../src/core/types';
import { type AtlasNode, type ModelEntry, ThemesModel, themePassages } from '../../src/themesModel';

const root = path.resolve(__dirname, '../../..');
const read = (f: string) => fs.readFileSync(path.join(root, 'content', f), 'utf8');
const loaded = loadArticle('n.md', read('northeast-revitalization.md'), 'n.themes.yaml', read('northeast-revitalization.themes.yaml'));
assert.deepEqual(loaded.problems, []);
const entry: ModelEntry = { article: loaded.article as Article, themes: loaded.index as ThemeIndex };
const A = 'a:northeast-revitalization';

const name = (n: AtlasNode): string => (n.kind === 'theme' ? n.theme.id : n.kind === 'passage' ? n.passage.id : n.articleId);

describe('ThemesModel by theme', () => {
  const model = new ThemesModel([entry], 'theme');

  it('has one root per article, and the top-level themes in file order under it', () => {
    assert.deepEqual(model.roots().map(n => n.id), [A]);
    assert.deepEqual(model.children(model.roots()[0]).map(name), [
      'harbin-symposium', 'strategy', 'security', 'innovation', 'reform', 'agriculture', 'opening', 'ecology',
      'shenyang-2018', 'people', 'outlook',
    ]);
  });

  it('lists a theme’s own passages, then its sub-themes, with path ids', () => {
    const security = model.children(model.roots()[0])[2];
    assert.deepEqual(model.children(security).map(n => n.id), [
      `${A}/t:security/p:p2.s1`, `${A}/t:security/p:p4.s2`,
      `${A}/t:security/t:security.food`, `${A}/t:security/t:security.industrial`, `${A}/t:security/t:security.energy`,
      `${A}/t:security/t:security.ecological`, `${A}/t:security/t:security.national-defense`,
    ]);
  });

  it('gives a passage listed by two themes one node under each, with different ids and parents', () => {
    const strategy = model.children(model.roots()[0])[1];
    const [, , high, pattern] = model.children(strategy);
    const a = model.children(high)[0];
    const b = model.children(pattern)[0];
    assert.equal(name(a), 'p2.s2');
    assert.equal(name(b), 'p2.s2');
    assert.deepEqual([a.id, b.id], [`${A}/t:strategy/t:strategy.high-quality-development/p:p2.s2`, `${A}/t:strategy/t:strategy.new-development-pattern/p:p2.s2`]);
    assert.equal(a.parent, high);
    assert.equal(b.parent, pattern);
  });

  it('returns the same node objects on every request', () => {
    const first = model.children(model.roots()[0]);
    assert.equal(model.children(model.roots()[0]), first);
  });

  it('finds a passage under the first theme (pre-order) that lists it itself', () => {
    assert.equal(model.findPassage('northeast-revitalization', 'p4.s2')?.id, `${A}/t:security/p:p4.s2`);
    assert.equal(model.findPassage('northeast-revitalization', 'p1.s1')?.id, `${A}/t:people/t:people.officials/p:p1.s1`);
    assert.equal(model.findPassage('northeast-revitalization', 'p7.s3')?.id, `${A}/t:agriculture/t:agriculture.modernization/p:p7.s3`);
  });

  it('falls back to a related passage: a sentence’s paragraph, a paragraph’s first listed sentence', () => {
    assert.equal(model.findPassage('northeast-revitalization', 'p9.s1')?.id, `${A}/t:outlook/p:p9`);
    assert.equal(model.findPassage('northeast-revitalization', 'p2')?.id, `${A}/t:strategy/t:strategy.new-development-concept/p:p2.s1`);
  });

  it('is undefined for an unknown article or passage', () => {
    assert.equal(model.findPassage('nope', 'p1'), undefined);
    assert.equal(model.findPassage('northeast-revitalization', 'p99'), undefined);
  });

  it('gives the path from the root', () => {
    const node = model.findPassage('northeast-revitalization', 'p8.s3');
    assert.ok(node);
    assert.deepEqual(ThemesModel.pathOf(node).map(name), ['northeast-revitalization', 'opening', 'opening.dual-circulation', 'p8.s3']);
  });
});

describe('ThemesModel by section', () => {
  const model = new ThemesModel([entry], 'section');

  it('lists the paragraphs in reading order, and each paragraph’s sentences', () => {
    const paragraphs = model.children(model.roots()[0]);
    assert.deepEqual(paragraphs.map(name), ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
    assert.deepEqual(paragraphs.map(n => n.kind === 'passage' && n.expandable), [true, true, true, true, true, true, true, true, true]);
    assert.deepEqual(model.children(paragraphs[5]).map(n => n.id), [`${A}/p:p6/p:p6.s1`, `${A}/p:p6/p:p6.s2`, `${A}/p:p6/p:p6.s3`]);
  });

  it('finds a sentence under its paragraph', () => {
    assert.equal(model.findPassage('northeast-revitalization', 'p4.s2')?.id, `${A}/p:p4/p:p4.s2`);
    assert.equal(model.findPassage('northeast-revitalization', 'p4')?.id, `${A}/p:p4`);
  });
});

describe('ThemesModel edge cases', () => {
  it('has no roots without articles', () => {
    assert.deepEqual(new ThemesModel([], 'theme').roots(), []);
  });

  it('reveals the article when no theme lists the passage or a related one', () => {
    const bare = loadArticle('b.md', '---\nid: bare\ntitle: Bare\n---\nOne. Two.\n');
    const model = new ThemesModel([{ article: bare.article as Article, themes: bare.index as ThemeIndex }], 'theme');
    assert.deepEqual(model.children(model.roots()[0]), []);
    assert.equal(model.findPassage('bare', 'p1.s2')?.id, 'a:bare');
  });

  it('keeps sibling themes with the same id apart', () => {
    const l = loadArticle('d.md', '---\nid: d\ntitle: D\nthemes: d.yaml\n---\nOne. Two.\n', 'd.yaml',
      'article: d\nthemes:\n  - id: x\n    label: X1\n    passages: [p1.s1]\n  - id: x\n    label: X2\n    passages: [p1.s2]\n');
    const model = new ThemesModel([{ article: l.article as Article, themes: l.index as ThemeIndex }], 'theme');
    const themes = model.children(model.roots()[0]);
    assert.deepEqual(themes.map(n => n.id), ['a:d/t:x', 'a:d/t:x#2']);
    assert.deepEqual(themes.map(t => model.children(t).map(name)), [['p1.s1'], ['p1.s2']]);
  });
});

describe('themePassages', () => {
  it('lists the distinct passages of a theme and its sub-themes, as passageCount counts them', () => {
    const security = entry.themes.findTheme('security');
    assert.ok(security);
    assert.deepEqual(themePassages(entry.article, security).map(p => p.id), ['p2.s1', 'p4.s2', 'p7.s1', 'p7.s2']);
    for (const theme of entry.themes.allThemes()) {
      assert.equal(themePassages(entry.article, theme).length, entry.themes.passageCount(theme.id), theme.id);
    }
  });
});
