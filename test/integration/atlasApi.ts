// Shared by the editor's integration suites (tree, quote, search, api, drop): the running extension's API, the
// article's exact text, and editor helpers. Not a suite itself (mocha loads only *.test.js).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ArticleAtlasApi } from '../../src/api';

export const EXTENSION_ID = 'articleatlas.article-atlas';
export const ARTICLE = 'northeast-revitalization';
export const TITLE = 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China';

// The source text, verbatim (content/northeast-revitalization.md): curly quotes and apostrophes as written.
export const P2S1 = 'President Xi emphasized the importance of completely, accurately, and comprehensively implementing the new development concept and firmly grasping the role of Northeast China in safeguarding the country’s “five major security” areas.';
export const P2S2 = 'He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.';
export const P2 = `${P2S1} ${P2S2}`;

/** The attribution line of a quotation from paragraph 2 with the default settings (the article gives only a title). */
export const ATTRIBUTION_P2 = `— ${TITLE}, para. 2`;
/** p2.s2 (121 characters, under the 240 of the inline threshold) quoted inline. */
export const INLINE_P2S2 = `“${P2S2}” (${TITLE}, para. 2)`;

/** The running extension's API (activating it if needed). */
export async function atlas(): Promise<ArticleAtlasApi> {
  const ext = vscode.extensions.getExtension<ArticleAtlasApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext.activate();
}

/** Resolves once `check` returns a value other than undefined/false, or rejects after `ms`. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 10000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

/** Opens an untitled document with this language and text in an editor that has the focus. */
export async function openEditor(language: string, content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  assert.strictEqual(document.languageId, language, `the host does not know the language ${language}`);
  const editor = await vscode.window.showTextDocument(document, { preview: false, preserveFocus: false });
  // The host learns of the new active editor in a message of its own, which a loaded machine can
  // deliver after showTextDocument has resolved: commands run before it would see the previous editor.
  for (let i = 0; i < 500 && vscode.window.activeTextEditor?.document !== document; i++) await new Promise(resolve => setTimeout(resolve, 20));
  assert.strictEqual(vscode.window.activeTextEditor?.document, document, 'the new editor did not become the active one');
  return editor;
}

/** Closes every editor without saving (untitled documents are reverted first, so no dialog asks). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some(g => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A cursor (empty selection) at line, character. */
export function cursor(line: number, character: number): vscode.Selection {
  return new vscode.Selection(line, character, line, character);
}
