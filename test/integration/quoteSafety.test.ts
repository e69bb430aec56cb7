// The user's text is never lost: quoting into a document that changes meanwhile, is closed, is being saved, or has a
// huge selection either inserts correctly as one undo step or changes nothing and says why.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EditorTracker } from '../../src/commands/editors';
import { Quoter, type QuoteResult } from '../../src/commands/quote';
import { buildQuotation } from '../../src/core/quote';
import type { Article } from '../../src/core/types';
import { ArticleLibrary } from '../../src/library';
import { ARTICLE, closeAllEditors, EXTENSION_ID, INLINE_P2S2, openEditor } from './atlasApi';

suite('Quote safety', () => {
  let library: ArticleLibrary;
  let diagnostics: vscode.DiagnosticCollection;
  let editors: EditorTracker;
  let quoter: Quoter;
  let article: Article;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    diagnostics = vscode.languages.createDiagnosticCollection('article-atlas-quote-safety-test');
    library = new ArticleLibrary([vscode.Uri.joinPath(ext.extensionUri, 'content')], vscode.workspace.fs, diagnostics, () => undefined);
    article = (await library.snapshot()).entry(ARTICLE)!.article;
    editors = new EditorTracker();
    quoter = new Quoter(library, editors);
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    editors.dispose();
    library.dispose();
    diagnostics.dispose();
  });

  teardown(closeAllEditors);

  test('a document closed before the insertion is left alone, with a message', async () => {
    const editor = await openEditor('plaintext', 'kept');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const result = await quoter.insert(editor, article, article.passages.get('p2.s2')!);
    assert.ok(result.status === 'closed' && /^".+" was closed: the quotation was not inserted\.$/.test(result.message), JSON.stringify(result));
  });

  test('typing while the quotation is planned: either both texts are there, or the typing alone and a message', async () => {
    const editor = await openEditor('plaintext', '');
    const typing = editor.edit(b => b.insert(new vscode.Position(0, 0), 'typed '));
    const quoting = quoter.insert(editor, article, article.passages.get('p2.s2')!);
    const [typed, result] = await Promise.all([typing, quoting]) as [boolean, QuoteResult];
    assert.strictEqual(typed, true);
    const text = editor.document.getText();
    if (result.status === 'inserted') {
      assert.ok(text === `typed ${INLINE_P2S2}` || text === `${INLINE_P2S2}typed `, text);
    } else {
      assert.deepStrictEqual([result.status, text], ['changed', 'typed ']);
    }
  });

  test('a huge selection is replaced as one undo step, and one undo restores it exactly', async function () {
    this.timeout(120_000);
    const huge = Array.from({ length: 5_000 }, (_, i) => `line ${i} of the user's draft, with text to keep`).join('\n');
    const editor = await openEditor('markdown', huge);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), end);
    const p2 = article.passages.get('p2')!;
    const result = await quoter.insert(editor, article, p2);
    assert.deepStrictEqual(result, { status: 'inserted', uri: editor.document.uri.toString(), edits: 1 });
    assert.strictEqual(editor.document.getText(), buildQuotation({ article, range: p2, languageId: 'markdown' }).text);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), huge);
  });

  test('quoting while the file is being saved: the quotation is inserted once and the saved text is intact', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, 'quote-while-saving.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('before\n'));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit(b => b.insert(new vscode.Position(1, 0), 'draft\n'));
      editor.selection = new vscode.Selection(2, 0, 2, 0);
      const [saved, result] = await Promise.all([document.save(), quoter.insert(editor, article, article.passages.get('p2.s2')!)]);
      assert.strictEqual(saved, true);
      assert.strictEqual(result.status, 'inserted');
      assert.strictEqual(document.getText(), `before\ndraft\n${INLINE_P2S2}`);
      await document.save();
      assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), `before\ndraft\n${INLINE_P2S2}`);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(uri);
    }
  });
});
