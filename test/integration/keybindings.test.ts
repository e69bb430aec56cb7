import * as assert from 'assert';
import * as vscode from 'vscode';

interface Keybinding { key: string; mac?: string; command: string }

/** Parses VS Code's default keybindings document (JSON with comments: each line comment dropped). */
function parseDefaults(text: string): Keybinding[] {
  const json = text.split('\n').filter(l => !/^\s*\/\//.test(l)).join('\n');
  return JSON.parse(json) as Keybinding[];
}

suite('Keybindings', () => {
  test('the contributed keys are not among this VS Code build\'s default keybindings', async () => {
    const ext = vscode.extensions.getExtension('articleatlas.article-atlas');
    assert.ok(ext);
    const ours = (ext.packageJSON as { contributes: { keybindings: Keybinding[] } }).contributes.keybindings;
    assert.deepStrictEqual(ours.map(k => [k.command, k.key, k.mac]), [
      ['articleAtlas.searchPassages', 'ctrl+shift+alt+s', 'cmd+shift+alt+s'],
      ['articleAtlas.quotePassage', 'ctrl+shift+alt+q', 'cmd+shift+alt+q'],
    ]);
    // The document "Preferences: Open Default Keyboard Shortcuts (JSON)" shows: every default binding of this
    // platform (Linux here, where `key` is what applies), built-in extensions' included.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const defaults = parseDefaults(doc.getText()).filter(k => !k.command.startsWith('articleAtlas.'));
    assert.ok(defaults.length > 500, `only ${defaults.length} default keybindings read`);
    const keys = new Set(ours.map(k => k.key));
    assert.deepStrictEqual(defaults.filter(k => keys.has(k.key) || [...keys].some(key => k.key.startsWith(`${key} `))), []);
  });
});
