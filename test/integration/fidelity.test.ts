// Quote fidelity in a real extension host: the fixture documents' diagnostics (range, severity, message), each quick
// fix's resulting text and its single undo step, re-checking as the user types, the hover, the CodeLens, Reveal in
// Source and Check All Quotations. The fixtures are test/fixtures/workspace/fidelity/quotes.md and quotes.tex.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { atlas, closeAllEditors, P2S2, TITLE, until } from './atlasApi';

/** A diagnostic as `[line:column, line:column, severity, code, message]`. */
type Shape = [string, string, string, string, string];

function shape(d: vscode.Diagnostic): Shape {
  const pos = (p: vscode.Position) => `${p.line}:${p.character}`;
  return [pos(d.range.start), pos(d.range.end), vscode.DiagnosticSeverity[d.severity], String(d.code), d.message];
}

/** The quote fidelity diagnostics of `uri` (the collection `articleAtlas.fidelity`, source "Article Atlas"). */
function fidelityDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => d.source === 'Article Atlas' && String(d.code).startsWith('quote-'));
}

function fixture(name: string): vscode.Uri {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  assert.ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'fidelity', name);
}

/**
 * Opens a fixture in an editor and waits until its diagnostics number `count` (the first check also waits for the
 * library to load in a cold extension host, which on a busy 2-core machine has taken over 10 s).
 */
async function open(name: string, count: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(fixture(name), { preview: false });
  await until(() => fidelityDiagnostics(editor.document.uri).length === count, `${count} diagnostics in ${name}`, 60000);
  return editor;
}

/** The quick fixes offered over `range` (each runs articleAtlas.applyFidelityFix). */
async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter(a => a.kind?.value === vscode.CodeActionKind.QuickFix.value && a.command?.command === 'articleAtlas.applyFidelityFix');
}

const MARKDOWN: Shape[] = [
  ['31:1', '31:88', 'Warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 6: of [-cultivating-]{+developing+} strategic`],
  ['35:1', '35:97', 'Warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 4: ensuring [-national-] food`],
  ['39:1', '39:127', 'Warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 4: in [-2018-]{+2016+}.`],
  ['43:187', '43:194', 'Information', 'quote-locator', `The quoted text is in para. 8 of ${TITLE}, not para. 6.`],
  ['47:1', '47:85', 'Warning', 'quote-not-found', `Quotation not found in ${TITLE}.`],
];

const LATEX: Shape[] = [
  ['34:9', '34:96', 'Warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 6: of [-cultivating-]{+developing+} strategic`],
  ['38:9', '38:105', 'Warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 4: ensuring [-national-] food`],
  ['42:9', '42:135', 'Warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 4: in [-2018-]{+2016+}.`],
  ['46:175', '46:182', 'Information', 'quote-locator', `The quoted text is in para. 8 of ${TITLE}, not para. 6.`],
  ['50:9', '50:93', 'Warning', 'quote-not-found', `Quotation not found in ${TITLE}.`],
];

suite('Quote fidelity', () => {
  suiteSetup(async () => {
    await atlas();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('the Markdown fixture: exactly the changed word, dropped word, changed number, wrong locator and made-up quotation', async () => {
    const editor = await open('quotes.md', MARKDOWN.length);
    assert.deepStrictEqual(fidelityDiagnostics(editor.document.uri).map(shape), MARKDOWN);
  });

  test('the LaTeX fixture: the same problems at the LaTeX positions', async () => {
    const editor = await open('quotes.tex', LATEX.length);
    assert.strictEqual(editor.document.languageId, 'latex');
    assert.deepStrictEqual(fidelityDiagnostics(editor.document.uri).map(shape), LATEX);
  });

  test('each quick fix gives the expected line, as one edit undone in one step', async () => {
    const editor = await open('quotes.md', MARKDOWN.length);
    const document = editor.document;
    const original = document.getText();
    const cases: [number, string, string][] = [
      [31, 'Restore the source wording', '“Additionally, he emphasized the importance of cultivating strategic emerging industries.” [@xi-northeast-symposium, para. 6]'],
      [31, 'Mark the change with brackets', '“Additionally, he emphasized the importance of [developing] strategic emerging industries.” [@xi-northeast-symposium, para. 6]'],
      [35, 'Restore the source wording', '“He praised the consolidation of the region’s role as a ‘ballast stone’ in ensuring national food security” [@xi-northeast-symposium, para. 4]'],
      [35, 'Mark the omission with an ellipsis', '“He praised the consolidation of the region’s role as a ‘ballast stone’ in ensuring […] food security” [@xi-northeast-symposium, para. 4]'],
      [39, 'Restore the source wording', '“During the symposium, President Xi noted the significant achievements made since a similar symposium held in Shenyang in 2018.” [@xi-northeast-symposium, para. 4]'],
      [39, 'Mark the change with brackets', '“During the symposium, President Xi noted the significant achievements made since a similar symposium held in Shenyang in [2016].” [@xi-northeast-symposium, para. 4]'],
      [43, 'Fix the locator: para. 8', '“The aim is to facilitate the region’s integration into the national market and strengthen its role in connecting domestic and international dual circulations.” [@xi-northeast-symposium, para. 8]'],
    ];
    for (const [line, title, expected] of cases) {
      const [from, to] = (MARKDOWN.find(d => d[0].startsWith(`${line}:`)) as Shape).map(p => p.split(':').map(Number));
      const range = new vscode.Range(from[0], from[1], to[0], to[1]);
      // Fixes are offered once the text as it is now has been checked (after the previous case's undo).
      const action = await until(async () => (await quickFixes(document.uri, range)).find(a => a.title === title), `"${title}" on line ${line}`);
      assert.ok(action.command);
      assert.strictEqual((action.command.arguments?.[2] as unknown[]).length, 1, 'one edit');
      assert.deepStrictEqual(await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? [])), { status: 'applied' });
      assert.strictEqual(document.lineAt(line).text, expected);
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(document.getText(), original, `one undo step restores the text after "${title}"`);
    }
  });

  test('no quick fix is offered for the made-up quotation, and the wrong locator\'s fix is preferred', async () => {
    const editor = await open('quotes.md', MARKDOWN.length);
    const uri = editor.document.uri;
    const madeUp = fidelityDiagnostics(uri).find(d => d.code === 'quote-not-found') as vscode.Diagnostic;
    assert.deepStrictEqual((await quickFixes(uri, madeUp.range)).map(a => a.title), []);
    const locator = fidelityDiagnostics(uri).find(d => d.code === 'quote-locator') as vscode.Diagnostic;
    assert.deepStrictEqual((await quickFixes(uri, locator.range)).map(a => [a.title, a.isPreferred]), [['Fix the locator: para. 8', true]]);
  });

  test('re-checks as the user types: correcting the number clears its warning, a new change adds one', async () => {
    const editor = await open('quotes.md', MARKDOWN.length);
    const line = editor.document.lineAt(39).text;
    const at = line.indexOf('2016');
    await editor.edit(b => b.replace(new vscode.Range(39, at, 39, at + 4), '2018'));
    await until(() => fidelityDiagnostics(editor.document.uri).length === MARKDOWN.length - 1, 'the warning on line 39 to go');
    assert.deepStrictEqual(fidelityDiagnostics(editor.document.uri).map(d => d.range.start.line), [31, 35, 43, 47]);
    const exact = editor.document.lineAt(6).text.indexOf('primary');
    await editor.edit(b => b.replace(new vscode.Range(6, exact, 6, exact + 'primary'.length), 'main'));
    await until(() => fidelityDiagnostics(editor.document.uri).some(d => d.range.start.line === 6), 'a warning on line 6');
    assert.deepStrictEqual(shape(fidelityDiagnostics(editor.document.uri)[0]),
      ['6:1', `6:${1 + P2S2.length - 'primary'.length + 'main'.length}`, 'Warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 2: the [-primary-]{+main+} task`]);
  });

  test('the hover shows the source passage with the quoted words in bold and a Reveal in Source link', async () => {
    const editor = await open('quotes.md', MARKDOWN.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(23, 10));
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.includes(`**Matches its source**: *${TITLE}*, para. 7`), text);
    assert.ok(text.includes('> In terms of agriculture and rural development, President Xi emphasized the role of Northeast China as the “ballast stone” for stabilizing the country’s grain production and supply. **He called for efforts to modernize agriculture and rural areas**, improve food production capabilities, **and ensure sufficient and reliable output even in extreme circumstances.** This includes'), text);
    assert.ok(text.includes('(command:articleAtlas.revealInSource?'), text);
  });

  test('a Reveal in Source CodeLens above each quotation whose source was found', async () => {
    const editor = await open('quotes.md', MARKDOWN.length);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 100);
    assert.deepStrictEqual(lenses.map(l => [l.range.start.line, l.command?.title, l.command?.command]), [
      [6, 'Reveal in Source (para. 2)', 'articleAtlas.revealInSource'],
      [10, 'Reveal in Source (para. 9)', 'articleAtlas.revealInSource'],
      [19, 'Reveal in Source (para. 7)', 'articleAtlas.revealInSource'],
      [23, 'Reveal in Source (para. 7)', 'articleAtlas.revealInSource'],
      [27, 'Reveal in Source (para. 6)', 'articleAtlas.revealInSource'],
      [31, 'Reveal in Source (para. 6)', 'articleAtlas.revealInSource'],
      [35, 'Reveal in Source (para. 4)', 'articleAtlas.revealInSource'],
      [39, 'Reveal in Source (para. 4)', 'articleAtlas.revealInSource'],
      [43, 'Reveal in Source (para. 8)', 'articleAtlas.revealInSource'],
    ]);
  });

  test('Reveal in Source at the cursor opens the reader', async () => {
    const editor = await open('quotes.md', MARKDOWN.length);
    editor.selection = new vscode.Selection(39, 20, 39, 20);
    await vscode.commands.executeCommand('articleAtlas.revealInSource');
    await until(() => vscode.window.tabGroups.all.some(g => g.tabs.some(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('articleAtlas.reader'))), 'the reader panel');
  });

  test('turning the check off for a language clears its diagnostics', async () => {
    const editor = await open('quotes.tex', LATEX.length);
    const config = vscode.workspace.getConfiguration('articleAtlas.fidelity', { languageId: 'latex' });
    await config.update('enabled', false, vscode.ConfigurationTarget.Workspace, true);
    try {
      await until(() => fidelityDiagnostics(editor.document.uri).length === 0, 'the LaTeX diagnostics to go');
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
    await until(() => fidelityDiagnostics(editor.document.uri).length === LATEX.length, 'the LaTeX diagnostics to come back');
  });

  test('Check All Quotations checks every writing file of the workspace and reports the counts', async () => {
    await closeAllEditors();
    const summary = await vscode.commands.executeCommand('articleAtlas.checkAllQuotations');
    // The fixture workspace's writing files: draft.md (no quotation), fidelity/quotes.md and fidelity/quotes.tex.
    assert.deepStrictEqual(summary, { files: 3, quotations: 22, exact: 12, altered: 6, notFound: 2, unsourced: 2 });
    assert.deepStrictEqual(fidelityDiagnostics(fixture('quotes.md')).map(shape), MARKDOWN);
    assert.deepStrictEqual(fidelityDiagnostics(fixture('quotes.tex')).map(shape), LATEX);
  });
});
