import type * as vscode from 'vscode';

/** Activates Article Atlas. Wiring only; no heavy work happens here. */
export function activate(_context: vscode.ExtensionContext): void {
  // Filled in by the editor issue.
}

/** Nothing to release beyond `context.subscriptions`. */
export function deactivate(): void {}
