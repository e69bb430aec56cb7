import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'articleatlas.article-atlas';

interface Manifest {
  contributes?: {
    commands?: { command: string }[];
    views?: Record<string, { id: string }[]>;
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

suite('Extension', () => {
  test('is present and activates', async () => {
    const ext = extension();
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  test('registers every command package.json contributes, and contributes every articleAtlas command it registers', async () => {
    const ext = extension();
    await ext.activate();
    const manifest = ext.packageJSON as Manifest;
    const contributed = (manifest.contributes?.commands ?? []).map(c => c.command).sort();
    // VS Code registers commands of its own for each contributed view (`<viewId>.focus`, `.resetViewLocation`, …).
    const viewIds = Object.values(manifest.contributes?.views ?? {}).flat().map(v => v.id);
    const registered = (await vscode.commands.getCommands(true))
      .filter(c => c.startsWith('articleAtlas.') && !viewIds.some(v => c.startsWith(`${v}.`)))
      .sort();
    assert.deepStrictEqual(contributed.filter(c => !registered.includes(c)), [], 'contributed but not registered');
    assert.deepStrictEqual(registered.filter(c => !contributed.includes(c)), [], 'registered but not contributed');
  });
});

suite('Workspace', () => {
  test('the open folder is the fixture workspace', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1);
    const [folder] = folders;
    assert.strictEqual(folder.name, 'workspace');
    assert.strictEqual(folder.uri.path.split('/').slice(-1)[0], 'workspace');
    const draft = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'draft.md'));
    assert.strictEqual(new TextDecoder().decode(draft).split('\n')[0], '# Fixture draft');
  });
});
