/**
 * What the editor shows of the quote fidelity check besides diagnostics: the quick fixes, the
 * hover with the source passage, and the "Reveal in Source" CodeLens. Each reads the results the
 * {@link FidelityController} keeps for the document as it is now (waiting for a pending re-check),
 * so nothing is offered for text that has changed since it was checked.
 */
import * as vscode from 'vscode';
import { escapeMarkdownForDisplay, escapeMarkdownInline } from '../core/escape';
import type { FidelityFix, QuotationReport } from '../core/fidelity/types';
import { paragraphLabel } from '../core/fidelity/verify';
import { sourceQuoteMarkdown } from '../passageText';
import type { DocumentState, FidelityController } from './controller';
import { fidelitySettings } from './settings';

/** The command that opens the reader at a quotation's source. */
export const REVEAL_IN_SOURCE = 'articleAtlas.revealInSource';
/** The command that checks every file of the workspace. */
export const CHECK_ALL_QUOTATIONS = 'articleAtlas.checkAllQuotations';
/** The command a quick fix runs: {@link applyFidelityFix}. */
export const APPLY_FIDELITY_FIX = 'articleAtlas.applyFidelityFix';

/** Schemes whose documents are never edited (as for quoting, src/commands/quote.ts). */
const READ_ONLY_SCHEMES = new Set(['output', 'git', 'gitfs']);

/** One replacement of a quick fix, in the document's positions at the version checked. */
export interface FixEdit {
  readonly range: vscode.Range;
  readonly newText: string;
}

/** What {@link applyFidelityFix} did: `applied`, or nothing with the message shown saying why. */
export type FixOutcome =
  | { readonly status: 'applied' }
  | { readonly status: 'closed' | 'changed' | 'readOnly'; readonly message: string };

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/**
 * Applies a quick fix of the quote fidelity check to the document `uri` as one edit (one undo
 * step), only when the document is open and still at `version`, the version the fix was computed
 * for: a fix computed for other text would land on the wrong words. Otherwise nothing is changed
 * and a warning says why: the document was closed, changed since it was checked, or is read-only
 * (a read-only scheme or file system, or an edit the workbench refuses or accepts without a change).
 *
 * @param uri the document's URI string.
 * @param version `TextDocument.version` when the fix was computed.
 * @param edits the replacements, in that version's positions.
 */
export async function applyFidelityFix(uri: string, version: number, edits: readonly FixEdit[]): Promise<FixOutcome> {
  const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
  const name = fileName(vscode.Uri.parse(uri));
  const refuse = (status: 'closed' | 'changed' | 'readOnly', message: string): FixOutcome => {
    void vscode.window.showWarningMessage(message);
    return { status, message };
  };
  const readOnly = () => refuse('readOnly', vscode.l10n.t('"{0}" is read-only: the fix was not applied.', name));
  if (!document || document.isClosed) return refuse('closed', vscode.l10n.t('"{0}" was closed: the fix was not applied.', name));
  const changed = () => refuse('changed', vscode.l10n.t('"{0}" changed after its quotations were checked: the fix was not applied. Try it again once the check is done.', name));
  if (document.version !== version) return changed();
  const scheme = document.uri.scheme;
  if (READ_ONLY_SCHEMES.has(scheme) || vscode.workspace.fs.isWritableFileSystem(scheme) === false) return readOnly();
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, e.range, e.newText);
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied && document.isClosed) return refuse('closed', vscode.l10n.t('"{0}" was closed: the fix was not applied.', name));
  if (!applied && document.version !== version) return changed();
  // A read-only editor may accept the edit and change nothing: only the version tells.
  if (!applied || document.version === version) return readOnly();
  return { status: 'applied' };
}

/** The localized title of a quick fix. */
export function fixTitle(fix: FidelityFix): string {
  switch (fix.kind) {
    case 'restore': return vscode.l10n.t('Restore the source wording');
    case 'brackets': return vscode.l10n.t('Mark the change with brackets');
    case 'ellipsis': return vscode.l10n.t('Mark the omission with an ellipsis');
    case 'brackets-and-ellipsis': return vscode.l10n.t('Mark the changes with brackets and an ellipsis');
    case 'locator': return vscode.l10n.t('Fix the locator: {0}', fix.edits[0]?.newText ?? '');
    default: return fix.title;
  }
}

/** The quotation at `offset` (inside its quoted text first, else inside its marks and citation). */
export function quotationAt(state: DocumentState, offset: number): QuotationReport | undefined {
  const qs = state.result.quotations;
  return qs.find(q => q.range.start <= offset && offset <= q.range.end) ?? qs.find(q => q.outer.start <= offset && offset <= q.outer.end);
}

/**
 * Quick fixes of the check's diagnostics: one code action per fix, each running
 * {@link APPLY_FIDELITY_FIX} with the document's version, so that a fix offered for text that has
 * changed since (or a closed or read-only document) changes nothing and says why; applied, it is
 * one edit (one undo step). A code action's plain edit would be applied at its old positions.
 */
export class FidelityCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly controller: FidelityController) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const state = await this.controller.current(document, token);
    if (!state) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of state.result.diagnostics) {
      const where = state.lines.range(d.range);
      if (!where.intersection(range) || d.fixes.length === 0) continue;
      const shown = context.diagnostics.find(x => x.source === 'Article Atlas' && x.code === d.code && x.range.isEqual(where));
      d.fixes.forEach((fix, i) => {
        const title = fixTitle(fix);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        const edits: FixEdit[] = fix.edits.map(e => ({ range: state.lines.range(e.range), newText: e.newText }));
        action.command = { command: APPLY_FIDELITY_FIX, title, arguments: [document.uri.toString(), state.version, edits] };
        if (shown) action.diagnostics = [shown];
        // The locator's fix is the one right answer; for changed wording the writer chooses.
        action.isPreferred = fix.kind === 'locator' || (i === 0 && d.fixes.length === 1);
        actions.push(action);
      });
    }
    return actions;
  }
}

/** The arguments of {@link REVEAL_IN_SOURCE} for a quotation. */
function revealArgs(uri: vscode.Uri, q: QuotationReport): [string, number] {
  return [uri.toString(), q.range.start];
}

/** The hover over a quotation whose source was found: its verdict, the source paragraph with the quoted parts in bold, and a link to the reader. */
export class FidelityHover implements vscode.HoverProvider {
  constructor(private readonly controller: FidelityController) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    // The workbench shows the diagnostic meanwhile and cancels the request when the mouse leaves; on a loaded
    // machine the re-check can take longer than the 3 s the CodeLenses wait.
    const state = await this.controller.current(document, token, 10000);
    if (!state) return undefined;
    const offset = state.lines.offset(position);
    const q = quotationAt(state, offset);
    if (!q?.source) return undefined;
    const entry = state.snapshot.entry(q.source.articleId);
    if (!entry) return undefined;
    const { article } = entry;
    const source = q.source;
    const paragraphs = article.paragraphs.filter(p => p.start < source.range.end && source.range.start < p.end);
    if (paragraphs.length === 0) return undefined;
    const title = article.metadata.title || article.metadata.id;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [REVEAL_IN_SOURCE] };
    const verdict = q.status === 'altered' ? vscode.l10n.t('Differs from its source') : vscode.l10n.t('Matches its source');
    const where = paragraphLabel(paragraphs[0].number, paragraphs[paragraphs.length - 1].number);
    md.appendMarkdown(`**${escapeMarkdownInline(verdict)}**: *${escapeMarkdownForDisplay(title.replace(/\s+/g, ' ').trim())}*, ${where}\n\n`);
    // The source as the article reads now, the quoted parts in bold.
    for (const p of paragraphs) md.appendMarkdown(`${sourceQuoteMarkdown(article.body, p.start, p.end, source.highlights)}\n\n`);
    const args = encodeURIComponent(JSON.stringify(revealArgs(document.uri, q)));
    md.appendMarkdown(`[$(book) ${escapeMarkdownInline(vscode.l10n.t('Reveal in Source'))}](command:${REVEAL_IN_SOURCE}?${args})`);
    return new vscode.Hover(md, state.lines.range(q.range));
  }
}

/** A "Reveal in Source" CodeLens above each quotation whose source was found (setting `articleAtlas.fidelity.codeLens`). */
export class FidelityCodeLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly controller: FidelityController) {
    this.subscription = controller.onDidCheck(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const state = await this.controller.current(document, token);
    if (!state || !fidelitySettings(vscode.workspace, document.languageId, document.uri).codeLens) return [];
    return state.result.quotations.filter(q => q.source).map(q => {
      const entry = state.snapshot.entry(q.source!.articleId);
      const number = entry?.article.passages.get(q.source!.passageId);
      const where = number && number.kind === 'paragraph' ? ` (${paragraphLabel(number.number, number.number)})` : '';
      return new vscode.CodeLens(state.lines.range(q.range), {
        title: `${vscode.l10n.t('Reveal in Source')}${where}`,
        command: REVEAL_IN_SOURCE,
        arguments: revealArgs(document.uri, q),
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
