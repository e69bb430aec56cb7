import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { parseArticle } from '../../src/core/article';
import { fold } from '../../src/core/fold';
import { fuzzyTerms, TermIndex, trieLinks, type TermQuery } from '../../src/core/termIndex';
import type { Article } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const file = path.join(root, 'content/northeast-revitalization.md');
const article = parseArticle(file, fs.readFileSync(file, 'utf8')).value as Article;
const WORD = /[\p{L}\p{N}\p{M}]+(?:'[\p{L}\p{N}\p{M}]+)*/gu;
const words = (text: string): string[] => fold(text).match(WORD) ?? [];
const sentences = article.sentences.map((s, id) => ({ id, terms: words(s.text) }));

/** MiniSearch 7 over the same sentences, as the search used it before TermIndex. */
function miniSearch(docs: typeof sentences): MiniSearch<{ id: number; terms: string[] }> {
  const ms = new MiniSearch<{ id: number; terms: string[] }>({
    fields: ['terms'], idField: 'id',
    extractField: (d, f) => (f === 'id' ? d.id : d.terms.join(' ')),
    tokenize: t => t.split(' ').filter(Boolean), processTerm: t => t,
  });
  ms.addAll(docs);
  return ms;
}

/** Scores of `found`, rounded to 9 decimals, by document. */
function scoresOf(index: TermIndex, queries: TermQuery[]): Map<number, number> {
  const found = index.search(queries);
  return new Map([...found.ids].map(doc => [doc, Number(found.score[doc].toFixed(9))]));
}

describe('TermIndex', () => {
  const index = new TermIndex();
  for (const d of sentences) index.add(d.id, d.terms);
  const ms = miniSearch(sentences);

  const cases: [string, TermQuery[]][] = [
    ['an exact term', [{ term: 'he', prefix: false, fuzzy: 0 }]],
    ['a prefix', [{ term: 'heilong', prefix: true, fuzzy: 0 }]],
    ['a fuzzy term', [{ term: 'ballest', prefix: true, fuzzy: 0.15 }]],
    ['two terms (OR)', [{ term: 'ballast', prefix: true, fuzzy: 0.15 }, { term: 'energy', prefix: true, fuzzy: 0.15 }]],
  ];
  for (const [name, queries] of cases) {
    it(`scores ${name} exactly as MiniSearch 7 does`, () => {
      const expected = new Map(ms.search({
        queries: queries.map(q => q.term), combineWith: 'OR',
        prefix: (t: string) => queries.find(q => q.term === t)?.prefix ?? false,
        fuzzy: (t: string) => queries.find(q => q.term === t)?.fuzzy || false,
      }).map(r => [r.id as number, Number(r.score.toFixed(9))]));
      assert.ok(expected.size > 0);
      assert.deepEqual(scoresOf(index, queries), expected);
    });
  }

  it('lists the document terms each query term expanded to, with its bit', () => {
    const found = index.search([{ term: 'heilong', prefix: true, fuzzy: 0 }, { term: 'harbin', prefix: false, fuzzy: 0 }]);
    assert.deepEqual(new Map(found.expansions), new Map([['heilongjiang', 1], ['harbin', 2]]));
  });

  it('finds with all() only the documents holding every word, scored as MiniSearch AND', () => {
    const expected = new Map(ms.search({ queries: ['ballast', 'stone'], combineWith: 'AND' }).map(r => [r.id as number, Number(r.score.toFixed(9))]));
    const found = index.all(['ballast', 'stone']);
    assert.deepEqual(new Map([...found].map(([d, s]) => [d, Number(s.toFixed(9))])), expected);
    assert.equal(found.size, 2);
  });

  it('forgets a removed document and scores the rest as an index without it', () => {
    const removable = new TermIndex();
    for (const d of sentences) removable.add(d.id, d.terms);
    const gone = sentences.filter(d => d.terms.includes('ballast')).map(d => d.id);
    for (const id of gone) removable.remove(id, sentences[id].terms);
    const rest = sentences.filter(d => !gone.includes(d.id));
    const fresh = new TermIndex();
    for (const d of rest) fresh.add(d.id, d.terms);
    assert.equal(removable.size, rest.length);
    const q: TermQuery[] = [{ term: 'ballast', prefix: true, fuzzy: 0.15 }, { term: 'stone', prefix: true, fuzzy: 0 }];
    assert.deepEqual(scoresOf(removable, q), scoresOf(fresh, q));
    assert.equal([...removable.search([{ term: 'ballast', prefix: false, fuzzy: 0 }]).ids].length, 0);
  });

  it('finds near spellings among terms added after its first fuzzy look-up, as an index built with them', () => {
    const grown = new TermIndex();
    for (const d of sentences) grown.add(d.id, d.terms);
    const q: TermQuery[] = [{ term: 'ballast', prefix: true, fuzzy: 0.15 }, { term: 'zeppelim', prefix: true, fuzzy: 0.15 }];
    scoresOf(grown, q); // sorts the vocabulary and links it as a trie
    const added = [['ballasts', 'zeppelin', 'aaa'], ['balast', 'zeppelins'], ['zz', 'ballas']];
    added.forEach((terms, i) => grown.add(1000 + i, terms));
    const fresh = new TermIndex();
    for (const d of sentences) fresh.add(d.id, d.terms);
    added.forEach((terms, i) => fresh.add(1000 + i, terms));
    assert.deepEqual(scoresOf(grown, q), scoresOf(fresh, q));
    assert.deepEqual([...grown.search(q).expansions.keys()].sort(), ['balast', 'ballas', 'ballast', 'ballasts', 'zeppelin']);
  });

  it('stays correct after compaction, when more postings are removed than kept', () => {
    const churn = new TermIndex();
    for (const d of sentences) churn.add(d.id, d.terms);
    for (const d of sentences) churn.remove(d.id, d.terms);
    assert.equal(churn.size, 0);
    churn.add(1000, ['ballast', 'stone', 'stone']);
    const found = churn.search([{ term: 'stone', prefix: false, fuzzy: 0 }]);
    assert.deepEqual([...found.ids], [1000]);
  });
});

describe('fuzzyTerms', () => {
  // The shipped article's words, some words of other scripts, and near neighbours of one another.
  const vocabulary = [...new Set([...sentences.flatMap(d => d.terms), 'ballast', 'ballasts', 'balast', 'ballet', 'bal', 'b', 'ba',
    '冰雪', '冰雪经济', 'السلام', 'emoji😀', 'zzz', 'a'.repeat(60), 'naïve', 'naive'])];
  const order = Int32Array.from(vocabulary.map((_, i) => i).sort((a, b) => (vocabulary[a] < vocabulary[b] ? -1 : 1)));
  const links = trieLinks(vocabulary, order);
  const tree = new SearchableMap<number>();
  vocabulary.forEach((t, i) => tree.set(t, i));

  it('finds the terms and distances that MiniSearch\'s radix tree finds, in sorted order', () => {
    const queries = ['ballast', 'balast', 'ba', 'b', 'revitalisation', 'heilongjian', 'security', 'secruity', '冰雪', 'السلم', 'naive',
      'emoji', 'x', 'a'.repeat(58), 'zz', 'northeastern', 'comprehensive', 'industry', 'industrial'];
    let compared = 0;
    for (const query of queries) {
      for (const distance of [1, 2, 3]) {
        const expected = [...tree.fuzzyGet(query, distance)].map(([term, [id, edits]]) => [id, term, edits]).sort((x, y) => (x[1] < y[1] ? -1 : 1));
        const found: (string | number)[][] = [];
        fuzzyTerms(vocabulary, order, links, query, distance, (id, term, edits) => found.push([id, term, edits]));
        assert.deepEqual(found, expected, `${query} within ${distance}`);
        compared += found.length;
      }
    }
    assert.ok(compared > 100, `${compared} terms compared`);
  });
});
