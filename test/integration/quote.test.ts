// Quote Passage in a real extension host: the whole document after quoting into Markdown, LaTeX and plain text,
// in mid-line and in a list item, at three cursors undone in one step, with CRLF line breaks and a setting; a
// read-only document stays as it was; with no editor the command offers to copy.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { QuoteResult } from '../../src/commands/quote';
import {
  ARTICLE, ATTRIBUTION_P2, closeAllEditors, cursor, INLINE_P2S2, openEditor, P2, P2S2, TITLE, atlas, until,
} from './atlasApi';

const quote = (passageId: string) =>
  vscode.commands.executeCommand<QuoteResult>('articleAtlas.quotePassage', { articleId: ARTICLE, passageId });

suite('Quote Passage', () => {
  suiteSetup(async () => {
    await atlas();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('Markdown: a block quotation on an empty line between paragraphs', async () => {
    const editor = await openEditor('markdown', '# Draft\n\nIntro paragraph.\n\n\n\nOutro.\n');
    editor.selection = cursor(4, 0);
    assert.deepStrictEqual(await quote('p2'), { status: 'inserted', uri: editor.document.uri.toString(), edits: 1 });
    assert.strictEqual(editor.document.getText(),
      `# Draft\n\nIntro paragraph.\n\n> ${P2}\n\n${ATTRIBUTION_P2}\n\nOutro.\n`);
    // The cursor goes right after the attribution.
    assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [6, ATTRIBUTION_P2.length]);
  });

  test('Markdown: a block in the middle of a line moves to lines of its own, between blank lines', async () => {
    const editor = await openEditor('markdown', 'Some text here and more\n');
    editor.selection = cursor(0, 'Some text here '.length);
    await quote('p2');
    assert.strictEqual(editor.document.getText(), `Some text here\n\n> ${P2}\n\n${ATTRIBUTION_P2}\n\nand more\n`);
  });

  test('Markdown: a block in an empty list item stays in the item', async () => {
    const editor = await openEditor('markdown', '- Item one\n- \n- Item three\n');
    editor.selection = cursor(1, 2);
    await quote('p2');
    assert.strictEqual(editor.document.getText(), `- Item one\n- > ${P2}\n\n  ${ATTRIBUTION_P2}\n\n- Item three\n`);
  });

  test('Markdown: a selection is replaced', async () => {
    const editor = await openEditor('markdown', 'He said QUOTE, and left.\n');
    editor.selection = new vscode.Selection(0, 8, 0, 13);
    await quote('p2.s2');
    assert.strictEqual(editor.document.getText(), `He said ${INLINE_P2S2}, and left.\n`);
  });

  test('LaTeX: a quote environment with the attribution and a tie in the locator', async () => {
    const editor = await openEditor('latex', '\\documentclass{article}\n\\begin{document}\n\n\\end{document}\n');
    editor.selection = cursor(2, 0);
    await quote('p2');
    assert.strictEqual(editor.document.getText(),
      `\\documentclass{article}\n\\begin{document}\n\\begin{quote}\n${P2}\n\\par\\hfill — ${TITLE}, para.~2\n\\end{quote}\n\\end{document}\n`);
  });

  test('plain text: a short sentence goes inline in the middle of a line', async () => {
    const editor = await openEditor('plaintext', 'Notes\nThe speech said:  Then more.\n');
    editor.selection = cursor(1, 'The speech said: '.length);
    await quote('p2.s2');
    assert.strictEqual(editor.document.getText(), `Notes\nThe speech said: “${P2S2}” (${TITLE}, para. 2) Then more.\n`);
  });

  test('plain text: a block is indented by four spaces, the attribution too', async () => {
    const editor = await openEditor('plaintext', '');
    await quote('p2');
    assert.strictEqual(editor.document.getText(), `    ${P2}\n    ${ATTRIBUTION_P2}`);
  });

  test('three cursors get a quotation each, and one undo restores the document exactly', async () => {
    const original = 'one \n\ntwo \n\nthree \n';
    const editor = await openEditor('markdown', original);
    editor.selections = [cursor(0, 4), cursor(2, 4), cursor(4, 6)];
    assert.deepStrictEqual(await quote('p2.s2'), { status: 'inserted', uri: editor.document.uri.toString(), edits: 3 });
    assert.strictEqual(editor.document.getText(), `one ${INLINE_P2S2}\n\ntwo ${INLINE_P2S2}\n\nthree ${INLINE_P2S2}\n`);
    assert.deepStrictEqual(editor.selections.map(s => [s.active.line, s.active.character]),
      [[0, 4 + INLINE_P2S2.length], [2, 4 + INLINE_P2S2.length], [4, 6 + INLINE_P2S2.length]]);
    await vscode.commands.executeCommand('undo');
    await until(() => editor.document.getText() === original, 'the undo');
    assert.strictEqual(editor.document.getText(), original);
  });

  test('keeps the document’s CRLF line breaks', async () => {
    const editor = await openEditor('markdown', 'A\r\n\r\n\r\n\r\nB\r\n');
    assert.strictEqual(editor.document.eol, vscode.EndOfLine.CRLF);
    editor.selection = cursor(2, 0);
    await quote('p2');
    assert.strictEqual(editor.document.getText(), `A\r\n\r\n> ${P2}\r\n\r\n${ATTRIBUTION_P2}\r\n\r\nB\r\n`);
  });

  test('reads the settings on each use (locator form)', async () => {
    const config = vscode.workspace.getConfiguration('articleAtlas.quotation');
    await config.update('locatorForm', '¶', vscode.ConfigurationTarget.Global);
    try {
      const editor = await openEditor('plaintext', '');
      await quote('p2.s2');
      assert.strictEqual(editor.document.getText(), `“${P2S2}” (${TITLE}, ¶ 2)`);
    } finally {
      await config.update('locatorForm', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a read-only document is left as it was, with a message', async () => {
    const text = '# Read-only notes\n\n';
    const registration = vscode.workspace.registerTextDocumentContentProvider('atlas-readonly', { provideTextDocumentContent: () => text });
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse('atlas-readonly:/notes.md'));
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = cursor(2, 0);
      assert.deepStrictEqual(await quote('p2'), { status: 'readOnly', message: '"notes.md" is read-only: the quotation was not inserted.' });
      assert.strictEqual(editor.document.getText(), text);
      assert.strictEqual(editor.document.isDirty, false);
    } finally {
      registration.dispose();
    }
  });

  test('with no editor open, offers to copy the quotation instead', async () => {
    await closeAllEditors();
    await until(() => vscode.window.activeTextEditor === undefined && vscode.window.visibleTextEditors.length === 0, 'no editor');
    assert.deepStrictEqual(await quote('p2'), { status: 'noEditor', message: 'Open a document to quote into, or copy the quotation.' });
  });

  test('an unknown passage is reported, and nothing is inserted', async () => {
    const editor = await openEditor('markdown', 'x\n');
    assert.deepStrictEqual(await quote('p99'), { status: 'notFound', message: 'The article "northeast-revitalization" has no passage "p99".' });
    assert.strictEqual(editor.document.getText(), 'x\n');
  });

  test('the reader’s Quote Selection inserts the exact range into the editor last active, even when the reader hides it', async function () {
    this.timeout(60000);
    const api = await atlas();
    const editor = await openEditor('markdown', 'As the report says, \n');
    const uri = editor.document.uri.toString();
    editor.selection = cursor(0, 'As the report says, '.length);
    // The reader opens beside the editor; moved into the editor's group, it hides the editor.
    await vscode.commands.executeCommand('articleAtlas.openReader', { articleId: ARTICLE, passageId: 'p2.s2' });
    await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
    await vscode.commands.executeCommand('workbench.action.moveEditorToFirstGroup');
    await until(() => !vscode.window.visibleTextEditors.some(e => e.document.uri.toString() === uri), 'the reader to hide the editor');
    const p = await api.getPassage(ARTICLE, 'p2.s2');
    assert.ok(p);
    const start = p.range.start + 'He highlighted '.length;
    await api.testing.readerHooks.quoteRange(ARTICLE, { start, end: start + 'the primary task of high-quality development'.length });
    assert.strictEqual(editor.document.getText(),
      `As the report says, “[…] the primary task of high-quality development […]” (${TITLE}, para. 2)\n`);
    assert.ok(vscode.window.visibleTextEditors.some(e => e.document.uri.toString() === uri), 'the editor is shown again');
  });

  test('Copy Quotation copies in the active editor’s format', async () => {
    await openEditor('latex', '');
    const text = await vscode.commands.executeCommand<string>('articleAtlas.copyQuotation', { articleId: ARTICLE, passageId: 'p2.s2' });
    assert.strictEqual(text, `“${P2S2}” (${TITLE}, para.~2)`);
    assert.strictEqual(await vscode.env.clipboard.readText(), text);
  });
});
