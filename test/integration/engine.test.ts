// The lazily loaded engine bundle (dist/engine.js) in a real extension host: the bundle loads once and gives the
// core the host uses, and the library's snapshot carries it.
import * as assert from 'assert';
import { loadEngine } from '../../src/engineLoader';
import { ARTICLE, atlas } from './atlasApi';

suite('Engine', () => {
  test('loadEngine() loads dist/engine.js once, with the parsers, the search index and the fidelity check', async () => {
    const first = loadEngine();
    assert.strictEqual(loadEngine(), first);
    const engine = await first;
    assert.deepStrictEqual(
      ['DocumentChecker', 'SearchIndex', 'SourceIndex', 'loadArticle', 'parseArticle', 'summarize', 'themesSourceFor', 'withThemes']
        .map(name => [name, typeof (engine as unknown as Record<string, unknown>)[name]]),
      ['DocumentChecker', 'SearchIndex', 'SourceIndex', 'loadArticle', 'parseArticle', 'summarize', 'themesSourceFor', 'withThemes']
        .map(name => [name, 'function']),
    );
  });

  test('the library\'s snapshot carries the engine that loaded it', async () => {
    const snapshot = await (await atlas()).snapshot();
    assert.strictEqual(typeof snapshot.engine.SearchIndex, 'function');
    assert.strictEqual(snapshot.search instanceof snapshot.engine.SearchIndex, true);
    assert.ok(snapshot.entry(ARTICLE));
  });
});
