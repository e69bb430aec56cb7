/**
 * Quote fidelity in the editor: `registerFidelity` wires the {@link FidelityController}
 * (diagnostics as the user types), the quick fixes, hover and CodeLens, and the commands
 * `articleAtlas.checkAllQuotations` and `articleAtlas.revealInSource`.
 */
import * as vscode from 'vscode';
import type { TextRange } from '../core/types';
import type { ArticleLibrary } from '../library';
import { type CheckAllSummary, FidelityController } from './controller';
import {
  APPLY_FIDELITY_FIX, applyFidelityFix, CHECK_ALL_QUOTATIONS, FidelityCodeActions, FidelityCodeLenses, FidelityHover, quotationAt, REVEAL_IN_SOURCE,
  type FixEdit,
} from './providers';
import type { QuotedPassages } from './quoted';
import { WRITING_LANGUAGES } from './settings';

export type { CheckAllSummary } from './controller';
export { QuotedPassages } from './quoted';

/** What the quote fidelity check needs from the rest of the extension. */
export interface FidelityDeps {
  /** Opens the reader at `passageId` of `articleId` with `highlights` (offsets into the article body) marked. */
  openReader(articleId: string, passageId: string, highlights: TextRange[]): Promise<void>;
}

/** The registration's handle: dispose it to unregister everything; it also tells what the active document quotes. */
export interface FidelityRegistration extends vscode.Disposable {
  /** Fires when the passages the active document quotes may have changed (for the reader's marks and the Themes view's counts). */
  readonly onDidChangeQuotedPassages: vscode.Event<QuotedPassages>;
  /** The passages the document being written quotes: the active text editor's, or the last one's while the reader has the focus. */
  quotedPassages(): QuotedPassages;
}

/**
 * Registers the quote fidelity check: diagnostics (collection `articleAtlas.fidelity`) for the
 * open Markdown, LaTeX, HTML and plain text documents, re-checked as they change; quick fixes;
 * hover; CodeLens; the commands {@link CHECK_ALL_QUOTATIONS} (resolves with the counts) and
 * {@link REVEAL_IN_SOURCE} (arguments: document URI string and offset, or none for the cursor).
 * Adds the registration to `context.subscriptions` and returns it. Does no checking before it
 * returns: the first check waits for the library in the background.
 */
export function registerFidelity(context: vscode.ExtensionContext, library: ArticleLibrary, deps: FidelityDeps): FidelityRegistration {
  const controller = new FidelityController(library);
  const selector = WRITING_LANGUAGES.map(language => ({ language }));
  const lenses = new FidelityCodeLenses(controller);
  const disposables: vscode.Disposable[] = [
    controller, lenses,
    vscode.languages.registerCodeActionsProvider(selector, new FidelityCodeActions(controller), FidelityCodeActions.metadata),
    vscode.languages.registerHoverProvider(selector, new FidelityHover(controller)),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    command(CHECK_ALL_QUOTATIONS, () => checkAll(controller)),
    command(REVEAL_IN_SOURCE, (uri?: unknown, offset?: unknown) => revealInSource(controller, deps, uri, offset)),
    command(APPLY_FIDELITY_FIX, (uri: unknown, version: unknown, edits: unknown) => (typeof uri === 'string' && typeof version === 'number' && Array.isArray(edits)
      ? applyFidelityFix(uri, version, edits as FixEdit[])
      : Promise.resolve(undefined))),
  ];
  let disposed = false;
  const registration: FidelityRegistration = {
    onDidChangeQuotedPassages: controller.onDidChangeQuotedPassages,
    quotedPassages: () => controller.quotedPassages(),
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const d of disposables) d.dispose();
    },
  };
  context.subscriptions.push(registration);
  return registration;
}

/** Registers a command whose failure is shown to the user (VS Code shows nothing for a rejected command). */
function command(id: string, run: (...args: never[]) => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (run as (...a: unknown[]) => Promise<unknown>)(...args);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Article Atlas: {0}', e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  });
}

/** Check All Quotations: checks the workspace with progress, shows the counts, resolves with them. */
async function checkAll(controller: FidelityController): Promise<CheckAllSummary> {
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking quotations…'), cancellable: false },
    () => controller.checkAll(),
  );
  void vscode.window.showInformationMessage(vscode.l10n.t(
    'Checked {0} files: {1} quotations, {2} exact, {3} altered, {4} not found in the article they cite, {5} without a source in the library. See the Problems panel.',
    summary.files, summary.quotations, summary.exact, summary.altered, summary.notFound, summary.unsourced,
  ));
  return summary;
}

/**
 * Reveal in Source: opens the reader at the source of the quotation at `offset` in the document
 * `uri` (from the CodeLens or hover link), or at the cursor of the active editor.
 */
async function revealInSource(controller: FidelityController, deps: FidelityDeps, uri?: unknown, offset?: unknown): Promise<void> {
  let document: vscode.TextDocument | undefined;
  let at: number | undefined;
  if (typeof uri === 'string' && typeof offset === 'number') {
    document = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri) ?? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    at = offset;
  } else {
    const editor = vscode.window.activeTextEditor;
    document = editor?.document;
    at = editor ? document?.offsetAt(editor.selection.active) : undefined;
  }
  if (!document || at === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor in a quotation to reveal its source.'));
    return;
  }
  const state = await controller.current(document);
  const q = state ? quotationAt(state, at) : undefined;
  if (!q?.source) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No quotation of the library at the cursor.'));
    return;
  }
  await deps.openReader(q.source.articleId, q.source.passageId, [...q.source.highlights]);
}
