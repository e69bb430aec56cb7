// The lazily loaded engine bundle (dist/engine.js) and the library's file access in a real extension host: the
// bundle loads once and gives the core the host uses; the extension's own files read through Node's fs give what
// vscode.workspace.fs gives, and a failed read fails as it would.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { loadEngine } from '../../src/engineLoader';
import { extensionFileSystem } from '../../src/extensionFiles';
import { ARTICLE, EXTENSION_ID, atlas } from './atlasApi';

suite('Engine and library files', () => {
  const extensionUri = (): vscode.Uri => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    return ext.extensionUri;
  };

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
    assert.strictEqual(await snapshot.searchIndex() instanceof snapshot.engine.SearchIndex, true);
    assert.ok(snapshot.entry(ARTICLE));
  });

  test('the extension\'s own files: the same entries and bytes as vscode.workspace.fs', async () => {
    const content = vscode.Uri.joinPath(extensionUri(), 'content');
    const local = extensionFileSystem(extensionUri());
    assert.notStrictEqual(local, vscode.workspace.fs, 'the Node host reads its own files with Node\'s fs');
    const sorted = (entries: [string, vscode.FileType][]) => [...entries].sort(([a], [b]) => a.localeCompare(b));
    assert.deepStrictEqual(sorted(await local.readDirectory(content)), sorted(await vscode.workspace.fs.readDirectory(content)));
    const article = vscode.Uri.joinPath(content, `${ARTICLE}.md`);
    assert.deepStrictEqual([...await local.readFile(article)], [...await vscode.workspace.fs.readFile(article)]);
  });

  test('a file that is not there: the error vscode.workspace.fs gives', async () => {
    const missing = vscode.Uri.joinPath(extensionUri(), 'content', 'missing.md');
    const expected = await vscode.workspace.fs.readFile(missing).then(() => undefined, (e: unknown) => e);
    assert.ok(expected instanceof vscode.FileSystemError);
    await assert.rejects(Promise.resolve(extensionFileSystem(extensionUri()).readFile(missing)),
      (e: unknown) => e instanceof vscode.FileSystemError && e.code === expected.code && e.message === expected.message);
  });
});
