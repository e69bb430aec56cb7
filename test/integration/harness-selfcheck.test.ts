import * as assert from 'assert';

// Proves the harness reports failures: with ARTICLE_ATLAS_SELFCHECK_FAIL=1 this suite fails on purpose and
// `npm run test:integration` must exit non-zero. Without the variable it defines nothing.
if (process.env.ARTICLE_ATLAS_SELFCHECK_FAIL === '1') {
  suite('Harness self-check', () => {
    test('fails on purpose (ARTICLE_ATLAS_SELFCHECK_FAIL=1)', () => {
      assert.strictEqual(1 + 1, 3);
    });
  });
}
