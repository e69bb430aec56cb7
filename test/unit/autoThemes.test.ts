import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArticle } from '../../src/core/article';
import { AutomaticThemes } from '../../src/core/autoThemes';
import type { Article } from '../../src/core/types';

const article = (name: string, text: string) => parseArticle(`lib/${name}.md`, text).value as Article;

// A small library: each article has a phrase of its own, and all share "the city council".
const harbour = article('harbour', [
  '# The harbour',
  'The city council met at the harbour. The new lighthouse keeper spoke first.',
  'The lighthouse keeper asked for a new boat. The city council listened to the lighthouse keeper.',
  'Fishing boats left the harbour at dawn. The harbour master counted them.',
].join('\n\n'));
const orchard = article('orchard', [
  '# The orchard',
  'The city council visited the apple orchard. Cider presses stood in the barn.',
  'The apple orchard gave cider all winter. Cider presses need cleaning.',
  'The city council tasted the cider. The apple orchard was praised.',
].join('\n\n'));
const railway = article('railway', [
  '# The railway',
  'The city council opened the railway station. Steam engines arrived on Monday.',
  'Steam engines need coal and water. The railway station has two platforms.',
  'The city council thanked the railway workers.',
].join('\n\n'));
const library = new AutomaticThemes([harbour, orchard, railway]);

describe('AutomaticThemes', () => {
  it('ranks the phrases that set each article apart; a phrase of every article ("city council") is none', () => {
    assert.deepEqual(library.phrases(harbour).map(k => [k.phrase, k.count, k.articles]), [['lighthouse keeper', 3, 1], ['harbour', 3, 1]]);
    assert.deepEqual(library.phrases(orchard).map(k => [k.phrase, k.count, k.articles]), [['apple orchard', 3, 1], ['cider', 4, 1], ['cider presses', 2, 1]]);
    assert.deepEqual(library.phrases(railway).map(k => [k.phrase, k.count, k.articles]), [['railway station', 2, 1], ['steam engines', 2, 1]]);
  });

  it('in a library of one article, ranks by frequency and length alone', () => {
    assert.deepEqual(new AutomaticThemes([harbour]).phrases(harbour).map(k => k.phrase), ['lighthouse keeper', 'city council', 'harbour']);
  });

  it('makes each phrase a theme listing the sentences that hold it, marked automatic', () => {
    const [first] = library.themes(harbour);
    assert.deepEqual(first, {
      id: 'auto.lighthouse-keeper',
      label: 'lighthouse keeper',
      description: 'Automatic theme: "lighthouse keeper" occurs 3 times, in 1 of the 3 articles.',
      passageIds: ['p1.s2', 'p2.s1', 'p2.s2'],
      children: [],
      automatic: true,
    });
  });

  it('gives an index whose themes the tree and the theme: filter use', () => {
    const index = library.index(orchard);
    assert.deepEqual(index.roots.map(t => t.id), ['auto.apple-orchard', 'auto.cider', 'auto.cider-presses']);
    assert.equal(index.passageCount('auto.apple-orchard'), 3);
  });

  it('prepare does the first themes\' work in slices: one article a call when the budget is spent, then the join', () => {
    const sliced = new AutomaticThemes([harbour, orchard, railway]);
    assert.deepEqual([0, 1, 2, 3, 4].map(() => sliced.prepare(0, () => 0)), [false, false, false, true, true]);
    assert.deepEqual(sliced.themes(harbour), library.themes(harbour));
    assert.deepEqual(sliced.phrases(railway), library.phrases(railway));
    assert.equal(new AutomaticThemes([harbour, orchard]).prepare(60_000), true);
  });

  it('finds Chinese key words', () => {
    const zh = article('zh', '# 冰雪\n\n黑龙江发展冰雪经济。冰雪旅游很热。\n\n冰雪经济带动就业。');
    assert.deepEqual(new AutomaticThemes([zh, harbour]).phrases(zh).slice(0, 1).map(k => [k.phrase, k.count]), [['冰雪 经济', 2]]);
  });
});
