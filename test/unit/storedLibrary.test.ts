import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import { SearchIndex, type SearchHit } from '../../src/core/search';
import { decodeStoredLibrary, encodeStoredLibrary, encodeStoredLibrarySteps, STORED_LIBRARY_VERSION, type StoredLibrary } from '../../src/core/storedLibrary';
import type { Article } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');
/** The shipped article and the fixture library's usable articles: CRLF, BOM, emoji, Chinese, Arabic, HTML, 200,000 characters of one paragraph. */
const FILES = [
  'content/northeast-revitalization.md',
  ...['arabic.md', 'bom.md', 'chinese.md', 'crlf.md', 'emoji.md', 'long.txt', 'page.html'].map(f => `test/fixtures/library/articles/${f}`),
  'test/fixtures/library/notes/extra.md',
];
const parse = (file: string, text = fs.readFileSync(path.join(root, file), 'utf8')): Article => {
  const article = parseArticle(`file:///${file}`, text).value;
  assert.ok(article, file);
  return article;
};
const articles = FILES.map(f => parse(f));

/** Every prefix of these queries, as typed, and some with filters and phrases. */
const QUERIES = ['ballast stone', 'security', 'harbin', 'heilongjiang', 'reveal', 'zeppelin', '冰雪', '雪', 'السلام', 'emoji', 'revitalization of northeast',
  'crlf', 'page', 'china’s', 'five major']
  .flatMap(q => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)))
  .concat(['"five major security"', 'article:chinese 冰雪', 'article:crlf line', '"ballast stone" grain', 'the', 'a']);

/** Every hit of every query, in order, with its article, passage, score, completeness and ranges. */
const answers = (index: SearchIndex): [string, SearchHit[]][] => QUERIES.map(q => [q, index.search(q, { limit: 50 })]);

const CONTEXT = 'settings:{}|language:en';
const fresh = new SearchIndex(articles.map(article => ({ article })));
const stored = (index: SearchIndex, list: readonly Article[]): StoredLibrary => ({
  context: CONTEXT,
  articles: list.map(article => ({
    uri: article.source, key: `1700000000000:${article.body.length}|-|-|-`, article,
    problems: [], terms: index.sentenceTerms(article)!,
  })),
});
const bytes = encodeStoredLibrary(stored(fresh, articles));

describe('stored library', () => {
  it('gives back every article as parsed, passages included', () => {
    const revived = decodeStoredLibrary(bytes, CONTEXT);
    assert.ok(revived);
    assert.equal(revived.articles.length, articles.length);
    revived.articles.forEach((a, i) => {
      assert.equal(a.uri, articles[i].source);
      assert.equal(a.key, `1700000000000:${articles[i].body.length}|-|-|-`);
      assert.deepEqual(a.article, articles[i]);
    });
  });

  it('gives an index that answers every query exactly as one built from the files', () => {
    const revived = decodeStoredLibrary(bytes, CONTEXT)!;
    const index = new SearchIndex(revived.articles.map(a => ({ article: a.article, terms: a.terms })));
    const expected = answers(fresh);
    assert.ok(expected.filter(([, hits]) => hits.length > 0).length > 80);
    assert.deepEqual(answers(index), expected);
  });

  it('mixes revived articles with one parsed again, answering as an index built from the files', () => {
    const revived = decodeStoredLibrary(bytes, CONTEXT)!;
    const changedText = `${fs.readFileSync(path.join(root, FILES[1]), 'utf8')}\n\nA quetzalcoatl over the harbour, ballast stone and all.\n`;
    const changed = parse(FILES[1], changedText);
    const list = revived.articles.map((a, i) => (i === 1 ? { article: changed } : { article: a.article, terms: a.terms }));
    const mixed = new SearchIndex(list);
    const rebuilt = new SearchIndex(list.map(s => ({ article: s.article })));
    assert.deepEqual(answers(mixed), answers(rebuilt));
    assert.equal(mixed.search('quetzalcoatl')[0].passage.text, 'A quetzalcoatl over the harbour, ballast stone and all.');
  });

  it('gives an index that takes over the stored postings instead of adding the tokens again', () => {
    const revived = decodeStoredLibrary(bytes, CONTEXT)!;
    // The tokens emptied (every one term 0): an index built from them alone would answer differently.
    const zeroed = revived.articles.map(a => ({ article: a.article, terms: { ...a.terms, tokens: new Int32Array(a.terms.tokens.length) } }));
    assert.deepEqual(answers(new SearchIndex(zeroed)), answers(fresh));
    const unstored = zeroed.map(s => ({ article: s.article, terms: { vocabulary: s.terms.vocabulary, tokens: s.terms.tokens, offsets: s.terms.offsets } }));
    assert.notDeepEqual(answers(new SearchIndex(unstored)), answers(fresh));
  });

  it('takes over the stored postings after an article that is not stored, and when built in steps', () => {
    const revived = decodeStoredLibrary(bytes, CONTEXT)!;
    const extra = parse('extra.md', 'A quetzalcoatl over the harbour, ballast stone and all.\n\nSecurity of grain.\n');
    const list = [{ article: extra }, ...revived.articles.slice(2).map(a => ({ article: a.article, terms: a.terms }))];
    const rebuilt = answers(new SearchIndex(list.map(s => ({ article: s.article }))));
    assert.deepEqual(answers(new SearchIndex(list)), rebuilt);
    const stepped = new SearchIndex([]);
    const step = stepped.updateSteps([], list);
    assert.equal(step(), false, 'one step registers every source whose postings were taken over');
    assert.deepEqual(answers(stepped), rebuilt);
    // Every stored article there (their stored numbers kept), after one that is not stored.
    const whole = [{ article: extra }, ...revived.articles.map(a => ({ article: a.article, terms: a.terms }))];
    assert.deepEqual(answers(new SearchIndex(whole)), answers(new SearchIndex(whole.map(s => ({ article: s.article })))));
    stepped.update([revived.articles[4].article], []);
    assert.deepEqual(answers(stepped), answers(new SearchIndex(list.filter(s => s.article !== revived.articles[4].article).map(s => ({ article: s.article })))));
  });

  it('keeps a frequency of 255 or more in a sentence (stored apart from its posting)', () => {
    const repeated = parse('repeat.md', `${'grain '.repeat(300)}again.\n\nGrain twice, grain.\n\n${'grain '.repeat(255)}end.\n`);
    const index = new SearchIndex([{ article: repeated }, { article: articles[0] }]);
    const store = encodeStoredLibrary(stored(index, [repeated, articles[0]]));
    const revived = decodeStoredLibrary(store, CONTEXT)!;
    // Tokens emptied: only the stored postings can give these scores.
    const again = new SearchIndex(revived.articles.map(a => ({ article: a.article, terms: { ...a.terms, tokens: new Int32Array(a.terms.tokens.length) } })));
    const scores = (i: SearchIndex) => i.search('grain', { limit: 5 }).map(h => [h.passage.id, h.score]);
    assert.deepEqual(scores(again), scores(index));
    assert.deepEqual(scores(index).slice(0, 3).map(([id]) => id), ['p1.s1', 'p3.s1', 'p2.s1']);
  });

  it('keeps a vocabulary of more than 2^16 terms (tokens of four bytes)', () => {
    const words = Array.from({ length: 70000 }, (_, i) => `w${i.toString(36)}x`);
    const text = Array.from({ length: 70 }, (_, k) => `${words.slice(k * 1000, (k + 1) * 1000).join(' ')}.`).join('\n\n');
    const big = parse('big.md', `${text}\n`);
    const index = new SearchIndex([{ article: big }]);
    const revived = decodeStoredLibrary(encodeStoredLibrary(stored(index, [big])), CONTEXT)!;
    const again = new SearchIndex(revived.articles.map(a => ({ article: a.article, terms: a.terms })));
    const hits = (i: SearchIndex, q: string) => i.search(q, { limit: 3 }).map(h => [h.passage.id, h.score]);
    for (const q of [words[69999], words[0], 'w1', words[65537]]) assert.deepEqual(hits(again, q), hits(index, q), q);
    assert.equal(again.search(words[69999])[0].passage.id, 'p70.s1');
  });

  it('encoded in steps: one an article, then the vocabulary sorted, the postings, the layout and the checksum, then the same bytes again', () => {
    const step = encodeStoredLibrarySteps(stored(fresh, articles));
    const results: (Uint8Array | undefined)[] = [];
    for (let i = 0; i < articles.length + 5; i++) results.push(step());
    assert.equal(articles.length, 9);
    assert.deepEqual(results.slice(0, 12), Array(12).fill(undefined));
    assert.deepEqual(results[12], bytes);
    assert.equal(results[13], results[12]);
  });

  it('stores again from a revived index, byte for byte', () => {
    const revived = decodeStoredLibrary(bytes, CONTEXT)!;
    const index = new SearchIndex(revived.articles.map(a => ({ article: a.article, terms: a.terms })));
    assert.deepEqual(encodeStoredLibrary(stored(index, revived.articles.map(a => a.article))), bytes);
  });

  it('ignores terms that do not fit their article, and tokenizes its text instead', () => {
    const revived = decodeStoredLibrary(bytes, CONTEXT)!;
    const other = revived.articles[2].terms;
    const index = new SearchIndex(revived.articles.map((a, i) => ({ article: a.article, terms: i === 0 ? other : a.terms })));
    assert.deepEqual(answers(index), answers(fresh));
  });

  it('is ignored when damaged, truncated, of another version or context, or not a store at all', () => {
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)] ^= 0x20;
    const otherVersion = bytes.slice();
    new DataView(otherVersion.buffer).setUint32(4, STORED_LIBRARY_VERSION + 1, true);
    const unaligned = new Uint8Array(bytes.length + 1).subarray(1);
    unaligned.set(bytes);
    const cases: [string, Uint8Array, string][] = [
      ['one bit flipped', flipped, CONTEXT],
      ['truncated', bytes.subarray(0, bytes.length - 8), CONTEXT],
      ['truncated to its header', bytes.subarray(0, 20), CONTEXT],
      ['another version', otherVersion, CONTEXT],
      ['another context', bytes, 'settings:{"x":{}}|language:en'],
      ['empty', new Uint8Array(0), CONTEXT],
      ['JSON', new TextEncoder().encode(JSON.stringify({ version: 1, articles: [] }).padEnd(64)), CONTEXT],
    ];
    for (const [name, input, context] of cases) assert.equal(decodeStoredLibrary(input, context), undefined, name);
    assert.equal(decodeStoredLibrary(unaligned, CONTEXT)?.articles.length, articles.length, 'a copy at an odd offset still reads');
  });

  it('leaves out an article whose body holds a lone surrogate, which UTF-8 cannot carry', () => {
    const lone = parse('lone.md', 'A lone \ud800 surrogate in a sentence.\n');
    const index = new SearchIndex([{ article: lone }, { article: articles[0] }]);
    const revived = decodeStoredLibrary(encodeStoredLibrary(stored(index, [lone, articles[0]])), CONTEXT);
    assert.deepEqual(revived?.articles.map(a => a.uri), [articles[0].source]);
  });
});
