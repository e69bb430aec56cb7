// The Themes view in a real extension host: its items by theme and by section, tooltips, reveal in a tree whose
// nodes the host has never seen, and the title-bar toggle.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { QuotationReport } from '../../src/core/fidelity/types';
import { QuotedPassages } from '../../src/fidelity/quoted';
import type { ThemesTree } from '../../src/themesTree';
import type { AtlasNode } from '../../src/themesModel';
import { ARTICLE, atlas, closeAllEditors, P2S1, TITLE, until } from './atlasApi';

const ROOT = `a:${ARTICLE}`;

suite('Themes view', () => {
  let tree: ThemesTree;
  const item = (node: AtlasNode) => tree.provider.getTreeItem(node);
  const label = (node: AtlasNode) => item(node).label;

  suiteSetup(async () => {
    tree = (await atlas()).testing.themes;
    // The descriptions count what the active document quotes: start without one.
    await closeAllEditors();
    tree.provider.setQuoted(QuotedPassages.none);
  });

  setup(async () => {
    await vscode.commands.executeCommand('articleAtlas.showByTheme');
  });

  test('reveals a passage in a tree whose nodes were never expanded, and selects it', async () => {
    // Switching the mode drops the model: none of the new node objects has been seen by the extension host, so
    // reveal must climb getParent from the passage to the root.
    await vscode.commands.executeCommand('articleAtlas.showBySection');
    await vscode.commands.executeCommand('articleAtlas.showByTheme');
    const id = await vscode.commands.executeCommand<string>('articleAtlas.revealInThemes', { articleId: ARTICLE, passageId: 'p8.s3' });
    const expected = `${ROOT}/t:opening/t:opening.dual-circulation/p:p8.s3`;
    assert.strictEqual(id, expected);
    await until(() => tree.view.selection.length === 1 && tree.view.selection[0].id === expected, 'the selection');
    assert.deepStrictEqual(tree.view.selection.map(n => n.id), [expected]);
    assert.strictEqual(tree.view.visible, true);
  });

  test('reveals a passage under the first theme that lists it itself (the parent theme before its sub-themes)', async () => {
    const id = await vscode.commands.executeCommand<string>('articleAtlas.revealInThemes', { articleId: ARTICLE, passageId: 'p4.s2' });
    assert.strictEqual(id, `${ROOT}/t:security/p:p4.s2`);
    await until(() => tree.view.selection[0]?.id === id, 'the selection');
  });

  test('shows the article, expanded, with its paragraph count', async () => {
    const roots = await tree.provider.getChildren();
    assert.deepStrictEqual(roots.map(n => n.id), [ROOT]);
    const article = item(roots[0]);
    assert.strictEqual(article.label, TITLE);
    assert.strictEqual(article.description, '9 paragraphs');
    assert.strictEqual(article.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.strictEqual(article.contextValue, 'article');
    assert.strictEqual((article.iconPath as vscode.ThemeIcon).id, 'book');
  });

  test('lists the top-level themes in file order, each with the number of distinct passages of its subtree', async () => {
    const [root] = await tree.provider.getChildren();
    const themes = await tree.provider.getChildren(root);
    // Counted by hand from content/northeast-revitalization.themes.yaml (a paragraph and its sentence are two).
    assert.deepStrictEqual(themes.map(n => [label(n), item(n).description]), [
      ['The symposium in Harbin', '1 passage'], // p1
      ['Development strategy', '4 passages'], // p1.s2 p2.s1 p2.s2 p5.s2
      ['The five major security areas', '4 passages'], // p2.s1 p4.s2 p7.s1 p7.s2
      ['Science, technology and the modern industrial system', '4 passages'], // p5.s2 p6.s1 p6.s2 p6.s3
      ['Reform', '2 passages'], // p6.s3 p4.s2
      ['Agriculture and rural development', '4 passages'], // p7 p7.s1 p7.s2 p7.s3
      ['Infrastructure and opening up', '4 passages'], // p8 p8.s1 p8.s2 p8.s3
      ['Ecology and clean energy', '2 passages'], // p4.s2 p6.s3
      ['The 2018 Shenyang symposium and achievements since', '1 passage'], // p4
      ['People and institutions', '3 passages'], // p1.s1 p3.s1 p3.s2
      ['Opportunities and outlook', '2 passages'], // p5.s1 p9
    ]);
    const security = item(themes[2]);
    assert.strictEqual(security.id, `${ROOT}/t:security`);
    assert.strictEqual(security.contextValue, 'theme');
    assert.strictEqual((security.iconPath as vscode.ThemeIcon).id, 'symbol-folder');
    assert.strictEqual((item(themes[0]).iconPath as vscode.ThemeIcon).id, 'tag');
    assert.strictEqual(security.tooltip, 'Northeast China\'s role in safeguarding the country\'s “five major security” areas.');
  });

  test('shows a passage by its opening words and locator, its whole text as an untrusted Markdown tooltip, and opens the reader on click', async () => {
    const [root] = await tree.provider.getChildren();
    const security = (await tree.provider.getChildren(root))[2];
    const children = await tree.provider.getChildren(security);
    assert.deepStrictEqual(children.map(n => label(n)), [
      'President Xi emphasized the importance of completely, accurately,…',
      'He praised the consolidation of the region’s role…',
      'Food security', 'Industrial security', 'Energy security', 'Ecological security', 'National defense security',
    ]);
    const passage = item(children[0]);
    assert.strictEqual(passage.id, `${ROOT}/t:security/p:p2.s1`);
    assert.strictEqual(passage.description, '¶ 2 · s1');
    assert.strictEqual(passage.contextValue, 'passage');
    assert.strictEqual((passage.iconPath as vscode.ThemeIcon).id, 'quote');
    assert.strictEqual(passage.collapsibleState, vscode.TreeItemCollapsibleState.None);
    const tooltip = passage.tooltip as vscode.MarkdownString;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.strictEqual(tooltip.value, P2S1);
    assert.strictEqual(tooltip.isTrusted, false);
    assert.strictEqual(tooltip.supportHtml, false);
    assert.deepStrictEqual(passage.command && { command: passage.command.command, arguments: passage.command.arguments }, {
      command: 'articleAtlas.openReader', arguments: [children[0]],
    });
    assert.strictEqual(tree.provider.getParent(children[0]), security);
    assert.strictEqual(tree.provider.getParent(security), root);
  });

  test('gives a passage listed by two themes a node under each, with ids by path', async () => {
    const [root] = await tree.provider.getChildren();
    const themes = await tree.provider.getChildren(root);
    const security = await tree.provider.getChildren(themes[2]);
    const food = await tree.provider.getChildren(security[2]);
    assert.deepStrictEqual(food.map(n => item(n).id), [
      `${ROOT}/t:security/t:security.food/p:p4.s2`, `${ROOT}/t:security/t:security.food/p:p7.s1`, `${ROOT}/t:security/t:security.food/p:p7.s2`,
    ]);
    assert.deepStrictEqual(food.map(n => item(n).description), ['¶ 4 · s2', '¶ 7 · s1', '¶ 7 · s2']);
  });

  test('gives screen readers words instead of the ¶ locator: article, theme and passage accessibility labels', async () => {
    const [root] = await tree.provider.getChildren();
    assert.deepStrictEqual(item(root).accessibilityInformation, { label: `${TITLE}, article, 9 paragraphs`, role: 'treeitem' });
    const themes = await tree.provider.getChildren(root);
    const security = await tree.provider.getChildren(themes[2]);
    assert.deepStrictEqual(item(security[2]).accessibilityInformation, {
      label: 'Food security, theme, 3 passages. The region as the “ballast stone” of national food security and grain supply.', role: 'treeitem',
    });
    const food = await tree.provider.getChildren(security[2]);
    const p7s1 = 'In terms of agriculture and rural development, President Xi emphasized the role of Northeast China as the “ballast stone” for stabilizing the country’s grain production and supply.';
    assert.deepStrictEqual(item(food[1]).accessibilityInformation, { label: `Paragraph 7, sentence 1: ${p7s1}`, role: 'treeitem' });
  });

  test('toggles to the reading order: paragraphs, then their sentences', async () => {
    await vscode.commands.executeCommand('articleAtlas.showBySection');
    assert.strictEqual(tree.mode, 'section');
    assert.strictEqual(tree.view.description, 'By section');
    const [root] = await tree.provider.getChildren();
    const paragraphs = await tree.provider.getChildren(root);
    assert.deepStrictEqual(paragraphs.map(n => item(n).description), ['¶ 1', '¶ 2', '¶ 3', '¶ 4', '¶ 5', '¶ 6', '¶ 7', '¶ 8', '¶ 9']);
    assert.strictEqual(item(paragraphs[1]).label, 'President Xi emphasized the importance of completely, accurately,…');
    assert.strictEqual(item(paragraphs[1]).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const sentences = await tree.provider.getChildren(paragraphs[1]);
    assert.deepStrictEqual(sentences.map(n => [item(n).id, item(n).label, item(n).description]), [
      [`${ROOT}/p:p2/p:p2.s1`, 'President Xi emphasized the importance of completely, accurately,…', '¶ 2 · s1'],
      [`${ROOT}/p:p2/p:p2.s2`, 'He highlighted the primary task of high-quality development…', '¶ 2 · s2'],
    ]);
    const id = await vscode.commands.executeCommand<string>('articleAtlas.revealInThemes', { articleId: ARTICLE, passageId: 'p6.s3' });
    assert.strictEqual(id, `${ROOT}/p:p6/p:p6.s3`);
    await until(() => tree.view.selection[0]?.id === id, 'the selection');

    await vscode.commands.executeCommand('articleAtlas.showByTheme');
    assert.strictEqual(tree.mode, 'theme');
    assert.strictEqual(tree.view.description, 'By theme');
  });

  test('counts the passages the active document quotes, per theme, and marks them', async () => {
    const snapshot = await (await atlas()).snapshot();
    const p2s2 = snapshot.passage(ARTICLE, 'p2.s2');
    assert.ok(p2s2);
    const range = { start: p2s2.start, end: p2s2.end };
    const report = { kind: 'inline', range: { start: 0, end: 1 }, outer: { start: 0, end: 1 }, status: 'exact',
      source: { articleId: ARTICLE, passageId: 'p2', range, highlights: [range] } } satisfies QuotationReport;
    tree.provider.setQuoted(new QuotedPassages('untitled:draft', [report]));
    try {
      const [root] = await tree.provider.getChildren();
      const themes = await tree.provider.getChildren(root);
      // p2.s2 is listed by two sub-themes of "Development strategy" and by no other theme.
      assert.deepStrictEqual(themes.slice(0, 3).map(n => item(n).description), ['1 passage', '4 passages · 1 quoted', '4 passages']);
      const strategy = await tree.provider.getChildren(themes[1]);
      const high = await tree.provider.getChildren(strategy[2]);
      assert.deepStrictEqual(high.map(n => item(n).description), ['¶ 2 · s2 · quoted']);
    } finally {
      tree.provider.setQuoted(QuotedPassages.none);
    }
  });

  test('records how long the first tree items took', async () => {
    const { timings } = await atlas();
    assert.strictEqual(typeof timings.activateMs, 'number');
    assert.strictEqual(typeof timings.firstTreeItemsMs, 'number');
    // Both count from the start of activate(): the root was asked for, then answered with items.
    assert.strictEqual(typeof timings.firstTreeRequestMs, 'number');
    assert.ok(timings.firstTreeRequestMs! <= timings.firstTreeItemsMs!, JSON.stringify(timings));
  });
});
