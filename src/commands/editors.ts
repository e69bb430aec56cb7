/**
 * Remembers the text editor the user last worked in. The reader panel and the QuickPick take the
 * focus (then `window.activeTextEditor` is undefined), yet "Quote" means "into my document".
 */
import * as vscode from 'vscode';

/** Editors of panels that are not documents being written (the Output panel). */
const IGNORED_SCHEMES = new Set(['output']);

/** Tracks the last active text editor. */
export class EditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscription = vscode.window.onDidChangeActiveTextEditor(e => this.remember(e));
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (editor && !IGNORED_SCHEMES.has(editor.document.uri.scheme)) this.last = editor;
  }

  /**
   * The editor to quote into without changing the layout: the active text editor, else the last
   * active one while it is still visible (or another visible editor of its document).
   */
  current(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const last = this.last;
    if (!last || last.document.isClosed) return undefined;
    const visible = vscode.window.visibleTextEditors;
    return visible.find(e => e === last) ?? visible.find(e => e.document === last.document);
  }

  /**
   * {@link current}, else the last active editor's document shown again in its column while it
   * still has a tab (the tab was hidden, for example by the reader). Undefined when no text editor
   * was ever active or its tab was closed.
   */
  async target(): Promise<vscode.TextEditor | undefined> {
    const current = this.current();
    if (current) return current;
    const last = this.last;
    if (!last || last.document.isClosed) return undefined;
    const uri = last.document.uri.toString();
    const open = vscode.window.tabGroups.all.some(g => g.tabs.some(t => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri));
    if (!open) return undefined;
    return vscode.window.showTextDocument(last.document, { viewColumn: last.viewColumn, preserveFocus: false });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
