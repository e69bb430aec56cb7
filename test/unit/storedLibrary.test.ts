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

  it('encoded in steps: one an article, one laying the file out, one copying (under 1 MB), one checksumming, then the same bytes again', () => {
    const step = encodeStoredLibrarySteps(stored(fresh, articles));
    const results: (Uint8Array | undefined)[] = [];
    for (let i = 0; i < articles.length + 4; i++) results.push(step());
    assert.equal(articles.length, 9);
    assert.ok(bytes.length < 1 << 20, String(bytes.length));
    assert.deepEqual(results.slice(0, 11), Array(11).fill(undefined));
    assert.deepEqual(results[11], bytes);
    assert.equal(results[12], results[11]);
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
