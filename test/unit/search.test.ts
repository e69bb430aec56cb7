import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import { loadArticle } from '../../src/core/library';
import { parseQuery, SearchIndex, type SearchHit, type SearchThemes } from '../../src/core/search';
import type { Article } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const articleFile = path.join(root, 'content/northeast-revitalization.md');
const themesFile = path.join(root, 'content/northeast-revitalization.themes.yaml');
const loaded = loadArticle(articleFile, fs.readFileSync(articleFile, 'utf8'), themesFile, fs.readFileSync(themesFile, 'utf8'));
assert.deepEqual(loaded.problems, []);
const article = loaded.article as Article;
const index = new SearchIndex([{ article, themes: loaded.index }]);

const ids = (hits: readonly SearchHit[]): string[] => hits.map(h => h.passage.id);
/** Each match as `start-end:text` of the body. */
const spans = (hit: SearchHit): string[] => hit.matches.map(m => `${m.start}-${m.end}:${article.body.slice(m.start, m.end)}`);

describe('parseQuery', () => {
  it('folds terms and keeps each once, in order', () => {
    assert.deepEqual(parseQuery("China's CHINA‘S Ballast ballast  Hárbin"), { terms: ["china's", 'ballast', 'harbin'], phrases: [], themes: [], articles: [] });
  });

  it('reads straight, curly and full-width quoted phrases', () => {
    assert.deepEqual(parseQuery('"five major security" stone “Belt and Road” ＂grain＂'),
      { terms: ['stone'], phrases: [['five', 'major', 'security'], ['belt', 'and', 'road'], ['grain']], themes: [], articles: [] });
  });

  it('reads theme filters, bare or quoted, in any case', () => {
    assert.deepEqual(parseQuery('THEME:Security ballast theme:"Food  Sec" theme: theme:'),
      { terms: ['ballast'], phrases: [], themes: ['security', 'food sec'], articles: [] });
  });

  it('reads article filters, bare or quoted, beside theme filters', () => {
    assert.deepEqual(parseQuery('Article:North theme:food article:"Two  Words" grain'),
      { terms: ['grain'], phrases: [], themes: ['food'], articles: ['north', 'two words'] });
  });

  it('splits Chinese into the words Intl.Segmenter gives', () => {
    assert.deepEqual(parseQuery('冰雪 economy'), { terms: ['冰雪', 'economy'], phrases: [], themes: [], articles: [] });
  });

  it('treats the words after an unclosed quote as terms, and drops empty phrases', () => {
    assert.deepEqual(parseQuery('"five major'), { terms: ['five', 'major'], phrases: [], themes: [], articles: [] });
    assert.deepEqual(parseQuery('"" “ ”'), { terms: [], phrases: [], themes: [], articles: [] });
  });

  it('gives operators and punctuation no meaning', () => {
    assert.deepEqual(parseQuery('(grain) +food* ~stone: [a] \\ b:c'), { terms: ['grain', 'food', 'stone', 'a', 'b', 'c'], phrases: [], themes: [], articles: [] });
    assert.deepEqual(parseQuery('xtheme:food'), { terms: ['xtheme', 'food'], phrases: [], themes: [], articles: [] });
  });

  it('keeps at most 32 distinct terms', () => {
    const q = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    assert.equal(parseQuery(q).terms.length, 32);
    assert.equal(parseQuery(q).terms[31], 'w31');
  });
});

describe('SearchIndex on the shipped article', () => {
  it("ranks the sentences holding China‘s first for China's with a straight apostrophe", () => {
    const hits = index.search("China's");
    assert.deepEqual(new Set(ids(hits.slice(0, 3))), new Set(['p5.s1', 'p8.s1', 'p9.s1']));
    assert.ok(hits.slice(3).every(h => h.score < Math.min(...hits.slice(0, 3).map(x => x.score)) || !h.complete));
    assert.deepEqual(ids(hits), ['p8.s1', 'p5.s1', 'p9.s1']);
    assert.deepEqual(spans(hits[0]), ['3538-3545:China‘s', '3593-3600:China‘s']);
    assert.deepEqual(spans(hits[1]), ['1816-1823:China‘s']);
    assert.deepEqual(spans(hits[2]), ['4032-4039:China‘s']);
  });

  it('finds the same with a right or left single quotation mark', () => {
    assert.deepEqual(ids(index.search('China’s')), ['p8.s1', 'p5.s1', 'p9.s1']);
    assert.deepEqual(ids(index.search('china‘s')), ['p8.s1', 'p5.s1', 'p9.s1']);
  });

  for (const q of ['"five major security"', '“five major security”']) {
    it(`returns exactly p2.s1 for the phrase ${q}, with the exact range`, () => {
      const hits = index.search(q);
      assert.deepEqual(ids(hits), ['p2.s1']);
      assert.deepEqual(hits[0].matches, [{ start: 628, end: 647 }]);
      assert.equal(article.body.slice(628, 647), 'five major security');
      assert.equal(hits[0].articleId, 'northeast-revitalization');
      assert.equal(hits[0].complete, true);
    });
  }

  it('returns p7.s1 and p4.s2 as the top two for ballast stone', () => {
    const hits = index.search('ballast stone');
    assert.deepEqual(ids(hits.slice(0, 2)), ['p7.s1', 'p4.s2']);
    assert.deepEqual(spans(hits[0]), ['3023-3030:ballast', '3031-3036:stone']);
    assert.deepEqual(spans(hits[1]), ['1483-1490:ballast', '1491-1496:stone']);
  });

  it('highlights both occurrences of Heilongjiang, in p1 and p3', () => {
    const hits = index.search('Heilongjiang');
    assert.deepEqual(ids(hits), ['p1.s1', 'p3.s2']);
    assert.deepEqual(hits.map(h => h.matches), [[{ start: 14, end: 26 }], [{ start: 1216, end: 1228 }]]);
    for (const h of hits) for (const m of h.matches) assert.equal(article.body.slice(m.start, m.end), 'Heilongjiang');
  });

  it('folds case and diacritics in queries', () => {
    const hits = index.search('HÁRBIN');
    assert.deepEqual(ids(hits), ['p1.s1']);
    assert.deepEqual(spans(hits[0]), ['1-7:Harbin', '139-145:Harbin']);
  });

  it('expands terms of 3+ letters as prefixes, highlighting the whole word', () => {
    const hits = index.search('Heilong');
    assert.deepEqual(ids(hits), ['p1.s1', 'p3.s2']);
    assert.deepEqual(spans(hits[0]), ['14-26:Heilongjiang']);
  });

  it('matches terms of 1–2 letters exactly', () => {
    const hits = index.search('He');
    assert.deepEqual(ids(hits), ['p2.s2', 'p6.s2', 'p7.s2', 'p1.s2', 'p8.s2', 'p6.s3', 'p4.s2']);
    assert.ok(hits.every(h => h.matches.length === 1 && /^he$/i.test(article.body.slice(h.matches[0].start, h.matches[0].end))));
  });

  it('matches terms of 6+ letters fuzzily, shorter ones not', () => {
    assert.deepEqual(ids(index.search('Heilongjang')), ['p1.s1', 'p3.s2']);
    assert.deepEqual(spans(index.search('ballest')[0]), ['3023-3030:ballast']);
    assert.deepEqual(index.search('stne'), []);
  });

  it('ranks passages holding every term first', () => {
    const hits = index.search('ballast energy');
    assert.deepEqual(hits.map(h => [h.passage.id, h.complete]), [['p4.s2', true], ['p7.s1', false], ['p6.s3', false]]);
    assert.deepEqual(spans(hits[0]), ['1483-1490:ballast', '1618-1624:energy']);
  });

  it('returns the paragraph when the terms occur together only across its sentences', () => {
    // "Harbin" is only in p1.s1 and "Congress" only in p1.s2.
    const hits = index.search('Harbin Congress');
    assert.deepEqual(hits.map(h => [h.passage.id, h.passage.kind, h.complete]), [['p1', 'paragraph', true]]);
    assert.deepEqual(spans(hits[0]), ['1-7:Harbin', '139-145:Harbin', '336-344:Congress']);
    // Its score is the sum of its sentences' scores: p1.s1 for Harbin, p1.s2 for Congress.
    const harbin = index.search('Harbin').find(h => h.passage.id === 'p1.s1');
    const congress = index.search('Congress').find(h => h.passage.id === 'p1.s2');
    assert.ok(harbin && congress);
    assert.equal(hits[0].score, harbin.score + congress.score);
  });

  it('keeps a phrase within a sentence', () => {
    assert.deepEqual(index.search('"region these"'), []);
    assert.deepEqual(ids(index.search('"Belt and Road"')), ['p8.s2']);
  });

  it('treats an unclosed phrase as terms while it is being typed', () => {
    const hits = index.search('"five major');
    assert.deepEqual(hits.map(h => [h.passage.id, h.complete]), [['p2.s1', true], ['p5.s1', false]]);
  });

  it('combines a phrase with terms: the phrase is required, the terms rank', () => {
    const hits = index.search('"ballast stone" grain');
    assert.deepEqual(hits.map(h => [h.passage.id, h.complete]), [['p7.s1', true], ['p4.s2', false]]);
    assert.deepEqual(spans(hits[0]), ['3023-3036:ballast stone', '3068-3073:grain']);
  });

  it('honours the limit', () => {
    assert.deepEqual(ids(index.search('He', { limit: 2 })), ['p2.s2', 'p6.s2']);
    assert.deepEqual(index.search('He', { limit: 0 }), []);
  });

  it('never throws, whatever the query', () => {
    const nasty = ['(', ')', ':', '~', '[', ']', '+', '*', '\\', '"', '“', 'theme:', 'theme:"', '"theme:food', ' ', '', '\u0000', '\uD800', '*:*', 'a'.repeat(10000),
      Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' '), '"' + 'the '.repeat(2500) + '"', 'ballast~2 stone^3 (grain OR food) -security +energy'];
    for (const q of nasty) {
      assert.doesNotThrow(() => index.search(q), `query ${JSON.stringify(q.slice(0, 40))}`);
    }
    for (const q of ['(', ':', '~', '[', '+', '*', '\\', '"', '']) assert.deepEqual(index.search(q), [], q);
    assert.deepEqual(ids(index.search('(grain)')), ['p7.s1']);
    assert.deepEqual(ids(index.search('ballast~2 stone^3 (grain OR food)')).slice(0, 1), ['p7.s1']);
  });
});

describe('theme: filter', () => {
  it('lists the passages of a theme found by label prefix when the query has no terms', () => {
    const hits = index.search('theme:food');
    assert.deepEqual(ids(hits), ['p4.s2', 'p7.s1', 'p7.s2']);
    assert.ok(hits.every(h => h.score === 0 && h.matches.length === 0));
  });

  it('finds a theme by id, by id prefix with its sub-themes, or by a quoted label prefix', () => {
    assert.deepEqual(ids(index.search('theme:security.food')), ['p4.s2', 'p7.s1', 'p7.s2']);
    assert.deepEqual(ids(index.search('theme:"food sec"')), ['p4.s2', 'p7.s1', 'p7.s2']);
    assert.deepEqual(ids(index.search('theme:security')), ['p2.s1', 'p4.s2', 'p7.s1', 'p7.s2']);
  });

  it('filters search results, case-insensitively', () => {
    assert.deepEqual(ids(index.search('theme:FOOD ballast')), ['p7.s1', 'p4.s2']);
    assert.deepEqual(ids(index.search('theme:agri grain')), ['p7.s1']);
    assert.deepEqual(ids(index.search('theme:security Heilongjiang')), []);
  });

  it('counts a sentence in the themes of its paragraph', () => {
    // The theme "agriculture" lists p7; p7.s3 is listed by no food theme.
    assert.deepEqual(ids(index.search('theme:agriculture processing')), ['p7.s3']);
  });

  it('needs every filter to hold', () => {
    assert.deepEqual(ids(index.search('theme:food theme:energy')), ['p4.s2']);
    assert.deepEqual(ids(index.search('theme:food theme:opening')), []);
  });

  it('matches nothing for an unknown theme or an article without themes', () => {
    assert.deepEqual(index.search('theme:nothing ballast'), []);
    assert.deepEqual(new SearchIndex([{ article }]).search('theme:food ballast'), []);
  });

  it('takes a narrow fake instead of a ThemeIndex', () => {
    const theme = { id: 'mine', label: 'My theme', description: '', passageIds: ['p9.s1'], children: [] };
    const fake: SearchThemes = {
      allThemes: () => [theme],
      themesOf: id => (id === 'p9.s1' || id === 'p9' ? [theme] : []),
      passagesOf: id => (id === 'mine' ? [article.passages.get('p9.s1')!] : []),
    };
    const own = new SearchIndex([{ article, themes: fake }]);
    assert.deepEqual(ids(own.search('theme:my')), ['p9.s1']);
    assert.deepEqual(ids(own.search('theme:mine China')), ['p9.s1']);
  });
});

describe('SearchIndex over several articles', () => {
  it('searches all, ties broken by article order, with each article id', () => {
    const other = parseArticle('other.md', '---\nid: other\ntitle: Other\n---\n\nThe ballast stone of a ship.\n').value as Article;
    const both = new SearchIndex([{ article }, { article: other }]);
    const hits = both.search('"ballast stone"');
    assert.deepEqual(hits.map(h => `${h.articleId}/${h.passage.id}`), ['other/p1.s1', 'northeast-revitalization/p7.s1', 'northeast-revitalization/p4.s2']);
    assert.deepEqual(hits[0].matches, [{ start: 5, end: 18 }]);
    assert.equal(other.body.slice(5, 18), 'ballast stone');
  });
});

describe('SearchIndex across a library', () => {
  const zh = parseArticle('lib/zh.md', '# 冰雪经济\n\n黑龙江发展冰雪经济，打造冰雪旅游。东北振兴取得新突破。\n\n第二段没有那两个字。\n').value as Article;
  const ja = parseArticle('lib/ja.md', '# 日本語\n\n東京は雪が降りました。冰雪とは書きません。\n').value as Article;
  const ar = parseArticle('lib/ar.md', 'مقالة عربية\n\nهذه جملة أولى؟ وهذه جملة ثانية.\n').value as Article;
  const index = new SearchIndex([{ article: zh }, { article: ja }, { article: ar }]);
  const shown = (q: string) => index.search(q).map(h => [h.articleId, h.passage.id, h.matches.map(m => h.passage.text.slice(m.start - h.passage.start, m.end - h.passage.start))]);

  it('finds 冰雪 in Chinese and Japanese text, marking the word', () => {
    assert.deepEqual(shown('冰雪'), [['zh', 'p1.s1', ['冰雪', '冰雪']], ['ja', 'p1.s2', ['冰雪']]]);
  });

  it('finds Arabic words, sentence by sentence (؟ ends a sentence)', () => {
    assert.deepEqual(ar.sentences.map(x => x.text), ['مقالة عربية', 'هذه جملة أولى؟', 'وهذه جملة ثانية.']);
    assert.deepEqual(shown('جملة'), [['ar', 'p2.s1', ['جملة']], ['ar', 'p2.s2', ['جملة']]]);
  });

  it('finds a character within a longer word', () => {
    assert.deepEqual(shown('雪 article:ja'), [['ja', 'p1.s2', ['雪']], ['ja', 'p1.s1', ['雪']]]);
  });

  it('keeps the articles that article: names, by id or by a word of the title', () => {
    assert.deepEqual(shown('冰雪 article:ja'), [['ja', 'p1.s2', ['冰雪']]]);
    assert.deepEqual(shown('冰雪 article:日本語'), [['ja', 'p1.s2', ['冰雪']]]);
    assert.deepEqual(shown('冰雪 article:ar'), []);
  });

  it('lists the paragraphs of the articles article: alone names', () => {
    assert.deepEqual(shown('article:zh'), [['zh', 'p1', []], ['zh', 'p2', []]]);
  });
});

describe('SearchIndex.update', () => {
  const a = parseArticle('a.md', '# A\n\nThe quokka sleeps.\n').value as Article;
  const b = parseArticle('b.md', '# B\n\nThe wombat digs.\n').value as Article;
  const b2 = parseArticle('b.md', '# B\n\nThe wombat swims with a quokka.\n').value as Article;

  it('replaces an article in place: its old text is gone, its new text found, the others kept', () => {
    const index = new SearchIndex([{ article: a }, { article: b }]);
    assert.deepEqual(index.search('wombat').map(h => [h.articleId, h.passage.text]), [['b', 'The wombat digs.']]);
    index.update([b], [{ article: b2 }]);
    assert.deepEqual(index.search('digs').map(h => h.articleId), []);
    assert.deepEqual(index.search('quokka').map(h => [h.articleId, h.passage.text]), [['a', 'The quokka sleeps.'], ['b', 'The wombat swims with a quokka.']]);
    assert.deepEqual(index.search('article:b').map(h => h.passage.text), ['The wombat swims with a quokka.']);
    assert.deepEqual(index.articles(), [a, b2]);
  });
});

describe('SearchIndex.updateSteps', () => {
  const a = parseArticle('a.md', '# A\n\nThe quokka sleeps.\n').value as Article;
  const b = parseArticle('b.md', '# B\n\nThe wombat digs.\n').value as Article;
  const b2 = parseArticle('b.md', '# B\n\nThe wombat swims with a quokka.\n').value as Article;
  const shown = (i: SearchIndex, q: string) => i.search(q).map(h => [h.articleId, h.passage.id, h.score, h.complete, h.matches]);

  it('one article a step: built from empty, the shipped article and two more rank as when built at once', () => {
    const sources = [{ article, themes: loaded.index }, { article: a }, { article: b }];
    const stepped = new SearchIndex([]);
    const step = stepped.updateSteps([], sources);
    assert.deepEqual([step(), step(), step(), step()], [true, true, false, false]);
    for (const q of ['ballast stone', '"five major security"', 'quokka', 'theme:security grain', 'article:b', 'revitalization northeast']) {
      assert.deepEqual(shown(stepped, q), shown(new SearchIndex(sources), q), q);
    }
    assert.deepEqual(stepped.articles(), [article, a, b]);
  });

  it('removals first, then additions, as update does', () => {
    const index = new SearchIndex([{ article: a }, { article: b }]);
    const step = index.updateSteps([b], [{ article: b2 }]);
    assert.equal(step(), true);
    assert.deepEqual(index.articles(), [a]);
    assert.equal(step(), false);
    assert.deepEqual(index.articles(), [a, b2]);
    assert.deepEqual(shown(index, 'quokka'), shown(new SearchIndex([{ article: a }, { article: b2 }]), 'quokka'));
  });
});
