// The API activate() returns, in a real extension host.
import * as assert from 'assert';
import { ARTICLE, ATTRIBUTION_P2, atlas, P2, P2S2, TITLE } from './atlasApi';

suite('API', () => {
  test('getPassage: a sentence with its paragraph number, exact text and body range', async () => {
    const api = await atlas();
    assert.strictEqual(api.version, 1);
    const p = await api.getPassage(ARTICLE, 'p2.s2');
    assert.ok(p);
    assert.deepStrictEqual({ ...p, range: undefined }, { articleId: ARTICLE, passageId: 'p2.s2', kind: 'sentence', paragraph: 2, text: P2S2, range: undefined });
    const body = (await api.snapshot()).entry(ARTICLE)?.article.body ?? '';
    assert.strictEqual(body.slice(p.range.start, p.range.end), P2S2);
    assert.strictEqual(await api.getPassage(ARTICLE, 'p99'), undefined);
    assert.strictEqual(await api.getPassage('nope', 'p1'), undefined);
  });

  test('formatQuotation: by passage id, for Markdown and LaTeX', async () => {
    const api = await atlas();
    assert.strictEqual(await api.formatQuotation(ARTICLE, 'p2', 'markdown'), `> ${P2}\n\n${ATTRIBUTION_P2}`);
    assert.strictEqual(await api.formatQuotation(ARTICLE, 'p2.s2', 'latex'), `“${P2S2}” (${TITLE}, para.~2)`);
  });

  test('formatQuotation: an exact range inside a sentence gets ellipses and the sentence’s paragraph', async () => {
    const api = await atlas();
    const p = await api.getPassage(ARTICLE, 'p2.s2');
    assert.ok(p);
    const start = p.range.start + 'He highlighted '.length;
    const end = start + 'the primary task of high-quality development'.length;
    assert.strictEqual(await api.formatQuotation(ARTICLE, { start, end }, 'plaintext'),
      `“[…] the primary task of high-quality development […]” (${TITLE}, para. 2)`);
  });

  test('formatQuotation: the insertion context shapes a block in mid-line', async () => {
    const api = await atlas();
    assert.strictEqual(await api.formatQuotation(ARTICLE, 'p2', 'markdown', { linePrefix: 'Text', lineSuffix: '' }),
      `\n\n> ${P2}\n\n${ATTRIBUTION_P2}`);
  });

  test('formatQuotation rejects an unknown passage and a bad range', async () => {
    const api = await atlas();
    await assert.rejects(api.formatQuotation(ARTICLE, 'p42', 'markdown'), /has no passage "p42"/);
    await assert.rejects(api.formatQuotation('nope', 'p1', 'markdown'), /There is no article "nope"/);
    await assert.rejects(api.formatQuotation(ARTICLE, { start: 10, end: 5 }, 'markdown'), RangeError);
  });

  test('timings: activate() was timed', async () => {
    const api = await atlas();
    assert.ok(typeof api.timings.activateMs === 'number' && api.timings.activateMs >= 0 && api.timings.activateMs < 5000);
  });
});
