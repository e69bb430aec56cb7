// Searching in a real extension host: the API's results for a few queries, the QuickPick's items, and the
// Search Passages command driven through the workbench (Enter opens the reader and reveals the passage).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SearchHit } from '../../src/core/search';
import { searchItems } from '../../src/commands/search';
import { ARTICLE, atlas, closeAllEditors, until } from './atlasApi';

suite('Search', () => {
  teardown(async () => {
    await closeAllEditors();
  });

  test('China\'s: the three sentences that hold it, the one holding it twice first, then the shorter', async () => {
    const api = await atlas();
    const results = await api.search("China's");
    // The source writes China‘s with U+2018: folding matches it. p8.s1 has it twice; p5.s1 (24 words) and p9.s1
    // (34 words) once each, so BM25 ranks the shorter first.
    assert.deepStrictEqual(results.map(r => r.passageId), ['p8.s1', 'p5.s1', 'p9.s1']);
    assert.deepStrictEqual([...results.slice(0, 3).map(r => r.passageId)].sort(), ['p5.s1', 'p8.s1', 'p9.s1']);
    const snapshot = await api.snapshot();
    const body = snapshot.entry(ARTICLE)?.article.body ?? '';
    assert.deepStrictEqual(results.map(r => r.matches.map(m => body.slice(m.start, m.end))), [['China‘s', 'China‘s'], ['China‘s'], ['China‘s']]);
  });

  test('"five major security": exactly p2.s1, the phrase highlighted', async () => {
    const api = await atlas();
    const results = await api.search('"five major security"');
    assert.deepStrictEqual(results.map(r => r.passageId), ['p2.s1']);
    const [hit] = results;
    assert.strictEqual(hit.articleId, ARTICLE);
    const body = (await api.snapshot()).entry(ARTICLE)?.article.body ?? '';
    assert.deepStrictEqual(hit.matches.map(m => body.slice(m.start, m.end)), ['five major security']);
  });

  test('several terms no sentence holds together return the paragraph', async () => {
    const api = await atlas();
    // "ballast" is in p4.s2 and p7.s1, "seed" only in p7.s3: together only in paragraph 7.
    const results = await api.search('ballast seed');
    assert.strictEqual(results[0].passageId, 'p7');
  });

  test('a limit, and no results for an empty query', async () => {
    const api = await atlas();
    assert.strictEqual((await api.search('security', 2)).length, 2);
    assert.deepStrictEqual(await api.search('   '), []);
  });

  test('QuickPick items: the text around the first match, its locator, themes and paragraph, with Quote and Copy buttons', async () => {
    const snapshot = await (await atlas()).snapshot();
    const items = searchItems(snapshot, await snapshot.searchIndex(), '"five major security"');
    assert.strictEqual(items.length, 1);
    const [item] = items;
    assert.strictEqual(item.label, '…grasping the role of Northeast China in safeguarding the country’s “five major security” areas.');
    assert.deepStrictEqual(item.highlights.map(([s, e]) => item.label.slice(s, e)), ['five major security']);
    assert.strictEqual(item.description, '¶ 2 · s1');
    assert.strictEqual(item.detail, 'New development concept, The five major security areas · paragraph 2');
    assert.strictEqual(item.alwaysShow, true);
    assert.deepStrictEqual(item.buttons?.map(b => (b.iconPath as vscode.ThemeIcon).id), ['quote', 'copy']);
  });

  test('Search Passages: typing prefills, Enter opens the reader at the passage and reveals it in the Themes view', async () => {
    const api = await atlas();
    const picked = vscode.commands.executeCommand<SearchHit | undefined>('articleAtlas.searchPassages', '"five major security"');
    let done = false;
    void picked.then(() => { done = true; });
    // Accept as soon as the QuickPick shows its item (the first search may wait for the library to load).
    await until(async () => {
      if (done) return true;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done;
    }, 'the QuickPick to accept', 30000);
    const hit = await picked;
    assert.strictEqual(hit?.passage.id, 'p2.s1');
    // The update that showed the one result is in api.timings.
    const update = api.timings.quickPickUpdates?.at(-1);
    assert.strictEqual(update?.items, 1);
    assert.ok(update.searchMs >= 0 && update.itemsMs >= 0, JSON.stringify(update));
    const expected = `a:${ARTICLE}/t:strategy/t:strategy.new-development-concept/p:p2.s1`;
    await until(() => api.testing.themes.view.selection[0]?.id === expected, 'the reveal in the Themes view');
    await until(() => vscode.window.tabGroups.all.flatMap(g => g.tabs)
      .some(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('articleAtlas.reader')), 'the reader');
  });
});
