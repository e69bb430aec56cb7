// Quick fixes of the quote fidelity check when the document is no longer what the fix was computed for (issue #9,
// item 4): changed since the check, closed, or read-only. Each either applies correctly as one undo step or changes
// nothing and says why. Fixture: test/fixtures/workspace/fidelity/quotes.md (line 31: "developing" for "cultivating").
import * as assert from 'assert';
import * as vscode from 'vscode';
import { atlas, closeAllEditors, until } from './atlasApi';

const LINE = 31;
const RESTORED = '“Additionally, he emphasized the importance of cultivating strategic emerging industries.” [@xi-northeast-symposium, para. 6]';

function quotesUri(): vscode.Uri {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  assert.ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'fidelity', 'quotes.md');
}

/** The "Restore the source wording" fix of line 31, once the check has run on the document as it is now. */
async function restoreFix(document: vscode.TextDocument): Promise<vscode.CodeAction> {
  const range = new vscode.Range(LINE, 0, LINE, document.lineAt(LINE).text.length);
  return until(async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
    return actions.find(a => a.title === 'Restore the source wording');
  }, 'the fix of line 31', 60000);
}

/** Runs a code action's command, as the light bulb does, and resolves with what it did. */
async function apply(action: vscode.CodeAction): Promise<unknown> {
  assert.ok(action.command, 'the fix runs a command');
  return vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** A read-only file system (`atlas-ro:`) serving one file, the fixture's text. */
class ReadOnlyFiles implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  constructor(private readonly text: Uint8Array) {}
  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }
  stat(): vscode.FileStat { return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: this.text.length }; }
  readDirectory(): [string, vscode.FileType][] { return []; }
  createDirectory(): void { throw vscode.FileSystemError.NoPermissions(); }
  readFile(): Uint8Array { return this.text; }
  writeFile(): void { throw vscode.FileSystemError.NoPermissions(); }
  delete(): void { throw vscode.FileSystemError.NoPermissions(); }
  rename(): void { throw vscode.FileSystemError.NoPermissions(); }
}

suite('Quote fidelity: quick fixes on a changed, closed or read-only document', () => {
  suiteSetup(async () => {
    await atlas();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('after a line is typed above the quotation, the old fix changes nothing and says why; the new fix applies as one undo step', async () => {
    const editor = await vscode.window.showTextDocument(quotesUri(), { preview: false });
    const document = editor.document;
    const stale = await restoreFix(document);
    assert.ok(await editor.edit(b => b.insert(new vscode.Position(0, 0), 'A new first line.\n')));
    const shifted = document.getText();
    assert.deepStrictEqual(await apply(stale), {
      status: 'changed', message: '"quotes.md" changed after its quotations were checked: the fix was not applied. Try it again once the check is done.',
    });
    assert.strictEqual(document.getText(), shifted);
    // The fix offered for the text as it is now lands on the quotation, one line down.
    const range = new vscode.Range(LINE + 1, 0, LINE + 1, document.lineAt(LINE + 1).text.length);
    const fresh = await until(async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value))
      .find(a => a.title === 'Restore the source wording' && a.command?.arguments?.[1] === document.version), 'the fix of the moved quotation', 60000);
    assert.deepStrictEqual(await apply(fresh), { status: 'applied' });
    assert.strictEqual(document.lineAt(LINE + 1).text, RESTORED);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), shifted, 'one undo step takes the fix back');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('after the quoted words change, the old fix changes nothing and says why', async () => {
    const editor = await vscode.window.showTextDocument(quotesUri(), { preview: false });
    const document = editor.document;
    const stale = await restoreFix(document);
    const at = document.lineAt(LINE).text.indexOf('developing');
    assert.ok(await editor.edit(b => b.replace(new vscode.Range(LINE, at, LINE, at + 'developing'.length), 'growing')));
    const changed = document.getText();
    assert.deepStrictEqual(await apply(stale), {
      status: 'changed', message: '"quotes.md" changed after its quotations were checked: the fix was not applied. Try it again once the check is done.',
    });
    assert.strictEqual(document.getText(), changed);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a read-only document is left alone, with a message', async () => {
    const text = await vscode.workspace.fs.readFile(quotesUri());
    const registration = vscode.workspace.registerFileSystemProvider('atlas-ro', new ReadOnlyFiles(text), { isReadonly: true });
    try {
      const uri = vscode.Uri.from({ scheme: 'atlas-ro', path: '/quotes.md' });
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const before = document.getText();
      const action = await restoreFix(document);
      assert.deepStrictEqual(await apply(action), { status: 'readOnly', message: '"quotes.md" is read-only: the fix was not applied.' });
      assert.strictEqual(document.getText(), before);
      assert.strictEqual(document.isDirty, false);
    } finally {
      await closeAllEditors();
      registration.dispose();
    }
  });

  test('a fix run after its document was closed changes nothing and says why', async () => {
    const editor = await vscode.window.showTextDocument(quotesUri(), { preview: false });
    const action = await restoreFix(editor.document);
    await closeAllEditors();
    // VS Code keeps a closed editor's document a while; the fix is meant for the document as it was then.
    const outcome = await apply(action) as { status: string; message?: string };
    const now = await vscode.workspace.openTextDocument(quotesUri());
    if (outcome.status === 'closed') {
      assert.deepStrictEqual(outcome, { status: 'closed', message: '"quotes.md" was closed: the fix was not applied.' });
      assert.strictEqual(now.isDirty, false);
      assert.notStrictEqual(now.lineAt(LINE).text, RESTORED);
    } else {
      // The document was still open (at the same version): the fix applied to it, correctly, as one edit.
      assert.deepStrictEqual(outcome, { status: 'applied' });
      assert.strictEqual(now.lineAt(LINE).text, RESTORED);
      await vscode.window.showTextDocument(now);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
