import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import { withThemes } from '../../src/core/library';
import { contentHash, parsePrecompiled, precompileArticle, PRECOMPILED_VERSION, revivePrecompiled } from '../../src/core/precompiled';
import type { Taxonomy } from '../../src/core/themes';
import type { Article } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const ARTICLE = fs.readFileSync(path.join(root, 'content/northeast-revitalization.md'), 'utf8');
const THEMES = fs.readFileSync(path.join(root, 'content/northeast-revitalization.themes.yaml'), 'utf8');
const SRC = 'file:///ext/content/northeast-revitalization.md';
const THEMES_SRC = 'file:///ext/content/northeast-revitalization.themes.yaml';

const parsed = parseArticle(SRC, ARTICLE);
const load = (language: string) => withThemes(parsed, THEMES_SRC, THEMES, language);
const byLanguage: Record<string, Taxonomy> = { en: load('en').taxonomy as Taxonomy, 'zh-cn': load('zh-cn').taxonomy as Taxonomy };
/** The form as dist/content.json holds it: through JSON and back. */
const form = JSON.parse(JSON.stringify(precompileArticle('northeast-revitalization.md', ARTICLE, parsed.value as Article, {
  file: 'northeast-revitalization.themes.yaml', text: THEMES, byLanguage,
}))) as ReturnType<typeof precompileArticle>;

describe('precompiled articles (dist/content.json)', () => {
  it('revive, after a JSON round trip, the very article, taxonomy and theme index the parsers give, per language', () => {
    for (const language of ['en', 'zh-cn']) {
      const expected = load(language);
      const revived = revivePrecompiled(form, SRC, ARTICLE, { source: THEMES_SRC, text: THEMES }, language);
      assert.ok(revived);
      assert.deepEqual(revived.article, expected.article);
      assert.deepEqual(revived.index.taxonomy, expected.taxonomy);
      assert.deepEqual(revived.index, expected.index);
      assert.deepEqual(revived.index.validate(), []);
    }
    const zh = revivePrecompiled(form, SRC, ARTICLE, { source: THEMES_SRC, text: THEMES }, 'zh-CN');
    assert.equal(zh?.index.roots[0].label, load('zh-cn').taxonomy?.themes[0].label);
    assert.notEqual(zh?.index.roots[0].label, load('en').taxonomy?.themes[0].label);
  });

  it('keep passages as the same objects as the paragraph and sentence lists, paragraphs first', () => {
    const revived = revivePrecompiled(form, SRC, ARTICLE, { source: THEMES_SRC, text: THEMES }, 'en');
    assert.ok(revived);
    assert.equal(revived.article.passages.get('p6'), revived.article.paragraphs[5]);
    assert.equal(revived.article.passages.get('p6.s1'), revived.article.sentences.find(s => s.id === 'p6.s1'));
    assert.deepEqual([...revived.article.passages.keys()].slice(0, 2), ['p1', 'p2']);
  });

  it('are not used when a file changed since the build, or for a language the build did not parse', () => {
    const themes = { source: THEMES_SRC, text: THEMES };
    assert.equal(revivePrecompiled(form, SRC, ARTICLE.replace('Harbin', 'Harbín'), themes, 'en'), undefined);
    assert.equal(revivePrecompiled(form, SRC, ARTICLE, { source: THEMES_SRC, text: `${THEMES}\n` }, 'en'), undefined);
    assert.equal(revivePrecompiled(form, SRC, ARTICLE, undefined, 'en'), undefined);
    assert.equal(revivePrecompiled(form, SRC, ARTICLE, themes, 'de'), undefined);
  });

  it('read dist/content.json only in the current version', () => {
    assert.deepEqual(parsePrecompiled(JSON.stringify({ version: PRECOMPILED_VERSION, articles: [form] })), [form]);
    assert.equal(parsePrecompiled(JSON.stringify({ version: PRECOMPILED_VERSION + 1, articles: [form] })), undefined);
    assert.equal(parsePrecompiled('{"version": 1, "articles": {}}'), undefined);
    assert.equal(parsePrecompiled('{'), undefined);
    assert.equal(parsePrecompiled('null'), undefined);
  });

  it('hash the text: 16 hex digits, the two lanes’ offset bases for the empty text, changed by one code unit', () => {
    assert.equal(contentHash(''), '811c9dc5' + '5ad1e806'); // 0x811c9dc5, and 0x01000193 ^ 0x5bd1e995
    assert.equal(contentHash('China\u2018s').length, 16);
    assert.notEqual(contentHash('China\u2018s'), contentHash('China\u2019s'));
    assert.notEqual(contentHash('ab'), contentHash('ba'));
  });
});
