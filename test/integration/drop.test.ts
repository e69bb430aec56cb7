// Dragging a passage from the Themes view into a document: the drag data the view's controller writes, and the
// drop provider's edit for Markdown and LaTeX documents.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { type AtlasNode, ThemesModel } from '../../src/themesModel';
import { ARTICLE, ATTRIBUTION_P2, atlas, P2, TITLE } from './atlasApi';

const TREE_MIME = 'application/vnd.code.tree.articleatlas.themes';
const token = new vscode.CancellationTokenSource().token;

/** The node of paragraph p2 in a by-section tree (the view's own mode is left alone). */
async function p2Node(): Promise<AtlasNode> {
  const model = new ThemesModel((await (await atlas()).snapshot()).entries, 'section');
  const node = model.findPassage(ARTICLE, 'p2');
  assert.ok(node?.kind === 'passage' && node.passage.id === 'p2');
  return node;
}

suite('Drag and drop', () => {
  test('dragging a passage puts it under the view’s mime type and its plain-text quotation under text/plain', async () => {
    const { dragController } = (await atlas()).testing;
    assert.deepStrictEqual(dragController.dragMimeTypes, ['text/plain']);
    const data = new vscode.DataTransfer();
    await dragController.handleDrag?.([await p2Node()], data, token);
    assert.deepStrictEqual(JSON.parse(await data.get(TREE_MIME)?.asString() ?? 'null'),
      { articleAtlasPassages: [{ articleId: ARTICLE, passageId: 'p2' }] });
    assert.strictEqual(await data.get('text/plain')?.asString(), `    ${P2}\n    ${ATTRIBUTION_P2}`);
  });

  test('dropping into Markdown inserts the block quotation as plain text', async () => {
    const { dragController, dropProvider } = (await atlas()).testing;
    const data = new vscode.DataTransfer();
    await dragController.handleDrag?.([await p2Node()], data, token);
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Notes\n\n\n' });
    const edit = await dropProvider.provideDocumentDropEdits(document, new vscode.Position(2, 0), data, token);
    assert.ok(edit);
    assert.strictEqual(typeof edit.insertText, 'string');
    assert.strictEqual(edit.insertText, `> ${P2}\n\n${ATTRIBUTION_P2}`);
    assert.strictEqual(edit.kind?.value, 'articleAtlas.quotation');
  });

  test('dropping at the end of a LaTeX line puts the environment on lines of its own', async () => {
    const { dropProvider } = (await atlas()).testing;
    const data = new vscode.DataTransfer();
    data.set(TREE_MIME, new vscode.DataTransferItem(JSON.stringify({ articleAtlasPassages: [{ articleId: ARTICLE, passageId: 'p2' }] })));
    const document = await vscode.workspace.openTextDocument({ language: 'latex', content: 'Text\n' });
    const edit = await dropProvider.provideDocumentDropEdits(document, new vscode.Position(0, 4), data, token);
    assert.strictEqual(edit?.insertText, `\n\\begin{quote}\n${P2}\n\\par\\hfill — ${TITLE}, para.~2\n\\end{quote}`);
  });

  test('ignores drops without a passage: other mime types, the workbench’s own item handles, unknown passages', async () => {
    const { dropProvider } = (await atlas()).testing;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    const drop = async (data: vscode.DataTransfer) => dropProvider.provideDocumentDropEdits(document, new vscode.Position(0, 0), data, token);
    const plain = new vscode.DataTransfer();
    plain.set('text/plain', new vscode.DataTransferItem('hello'));
    assert.strictEqual(await drop(plain), undefined);
    const handles = new vscode.DataTransfer();
    handles.set(TREE_MIME, new vscode.DataTransferItem(JSON.stringify({ id: 'articleAtlas.themes', itemHandles: ['0/0:x'] })));
    assert.strictEqual(await drop(handles), undefined);
    const unknown = new vscode.DataTransfer();
    unknown.set(TREE_MIME, new vscode.DataTransferItem(JSON.stringify({ articleAtlasPassages: [{ articleId: ARTICLE, passageId: 'p77' }] })));
    assert.strictEqual(await drop(unknown), undefined);
  });
});
