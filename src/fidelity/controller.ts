/**
 * The host side of the quote fidelity check: checks the open documents of the writing languages
 * against the library as the user types (debounced, only changed quotations re-checked), shows
 * the problems as diagnostics, keeps each document's results for the quick fixes, hover and
 * CodeLens, and checks every file of the workspace on request.
 */
import * as vscode from 'vscode';
// The check's code comes with the library's snapshot (`snapshot.engine`, the lazily loaded engine bundle).
import type { DocumentChecker, CheckSummary } from '../core/fidelity/check';
import type { SourceIndex } from '../core/fidelity/match';
import type { CheckResult, FidelityDiagnostic, NormalizationOptions } from '../core/fidelity/types';
import type { Article, TextRange } from '../core/types';
import type { ArticleLibrary, LibrarySnapshot } from '../library';
import { QuotedPassages } from './quoted';
import { fidelitySettings, languageOfFile, WRITING_LANGUAGES } from './settings';

/** Schemes of editors that are not documents being written. */
const IGNORED_SCHEMES = new Set(['output', 'git', 'gitfs', 'vscode-scm', 'debug', 'comment', 'vscode-chat-code-block', 'walkThroughSnippet']);

/** The last check of one document. */
export interface DocumentState {
  /** `TextDocument.version` of the text checked; undefined for a file read from disk (Check All). */
  readonly version: number | undefined;
  readonly languageId: string;
  readonly result: CheckResult;
  /** Maps the checked text's offsets to positions. */
  readonly lines: LineIndex;
  readonly snapshot: LibrarySnapshot;
}

/** Offsets ↔ positions of a text (UTF-16 offsets; 0-based lines; `\r\n`, `\r` and `\n` end lines, as in VS Code). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
      if (c === 10 || c === 13) this.starts.push(i + 1);
    }
  }

  position(offset: number): vscode.Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return new vscode.Position(lo, offset - this.starts[lo]);
  }

  range(r: TextRange): vscode.Range {
    return new vscode.Range(this.position(r.start), this.position(r.end));
  }

  offset(position: vscode.Position): number {
    const start = this.starts[Math.min(position.line, this.starts.length - 1)] ?? 0;
    return Math.min(this.text.length, start + position.character);
  }
}

/** The localized message of a core diagnostic (the core's English `message` names the same values). */
export function localizedMessage(d: FidelityDiagnostic): string {
  const [a = '', b = '', c = ''] = d.args;
  switch (d.code) {
    case 'quote-changed': return vscode.l10n.t('Quotation differs from {0}, {1}: {2}', a, b, c);
    case 'quote-not-found': return vscode.l10n.t('Quotation not found in {0}.', a);
    case 'quote-locator': return vscode.l10n.t('The quoted text is in {0} of {1}, not {2}.', a, b, c);
    default: return d.message;
  }
}

/** The position in an article's file of an offset into its body (the body starts at column 0 of line `bodyLine`). */
function articlePosition(article: Article, offset: number): vscode.Position {
  let line = article.bodyLine;
  let lineStart = 0;
  for (let i = article.body.indexOf('\n'); i >= 0 && i < offset; i = article.body.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}

/** The result of Check All Quotations. */
export interface CheckAllSummary extends CheckSummary {
  /** Files read. */
  readonly files: number;
}

/** Checks documents and keeps their results; see the module comment. */
export class FidelityController implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('articleAtlas.fidelity');
  private readonly states = new Map<string, DocumentState>();
  private readonly checkers = new Map<string, { checker: DocumentChecker; key: string }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly indexes = new WeakMap<LibrarySnapshot, SourceIndex>();
  private readonly checked = new vscode.EventEmitter<vscode.Uri>();
  private readonly quotedChanged = new vscode.EventEmitter<QuotedPassages>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private quoted: QuotedPassages = QuotedPassages.none;
  /** URI string of the document being written: the last active text editor's, kept while the reader has the focus. */
  private writing: string | undefined = undefined;
  private disposed = false;

  /** Fires with a document's URI after it was checked. */
  readonly onDidCheck = this.checked.event;
  /** Fires when the passages the document being written quotes have changed (see {@link quotedPassages}). */
  readonly onDidChangeQuotedPassages = this.quotedChanged.event;

  constructor(private readonly library: ArticleLibrary) {
    const ws = vscode.workspace;
    this.subscriptions.push(
      this.diagnostics, this.checked, this.quotedChanged,
      ws.onDidOpenTextDocument(d => this.schedule(d, 0)),
      ws.onDidChangeTextDocument(e => { if (e.contentChanges.length > 0) this.schedule(e.document); }),
      ws.onDidCloseTextDocument(d => {
        this.forget(d.uri);
        if (d.uri.toString() === this.writing) this.follow(undefined, true);
      }),
      ws.onDidDeleteFiles(e => e.files.forEach(uri => { this.forget(uri); this.diagnostics.delete(uri); this.states.delete(uri.toString()); })),
      ws.onDidChangeConfiguration(e => { if (e.affectsConfiguration('articleAtlas.fidelity')) this.recheckOpen(); }),
      vscode.window.onDidChangeActiveTextEditor(e => this.follow(e)),
      library.onDidChange(() => this.recheckOpen()),
    );
    this.writing = vscode.window.activeTextEditor?.document.uri.toString();
    // The first check waits for the library, in the background: activation does not.
    for (const d of ws.textDocuments) this.schedule(d, 0);
  }

  /** The last check of the document with this URI, if any. */
  state(uri: vscode.Uri): DocumentState | undefined {
    return this.states.get(uri.toString());
  }

  /**
   * The state of `document` as it is now: at once when it was checked at this version, else after
   * the pending check (scheduled if none is); undefined when the check does not apply, or after
   * `timeoutMs` or cancellation. Providers wait on this so CodeLenses and quick fixes do not vanish
   * for the moment between a keystroke and its re-check.
   */
  async current(document: vscode.TextDocument, token?: vscode.CancellationToken, timeoutMs = 3000): Promise<DocumentState | undefined> {
    const now = this.state(document.uri);
    if (now?.version === document.version) return now;
    if (!this.applies(document)) return undefined;
    const key = document.uri.toString();
    if (!this.timers.has(key)) this.schedule(document, 0);
    return new Promise<DocumentState | undefined>(resolve => {
      const finish = (s: DocumentState | undefined): void => {
        clearTimeout(timer);
        listener.dispose();
        cancel?.dispose();
        resolve(s);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const listener = this.onDidCheck(uri => {
        const s = this.state(document.uri);
        if (uri.toString() === key && s?.version === document.version) finish(s);
      });
      const cancel = token?.onCancellationRequested(() => finish(undefined));
    });
  }

  /** The passages the document being written quotes (the active text editor's, or the last one's while the reader has the focus). */
  quotedPassages(): QuotedPassages {
    return this.quoted;
  }

  /** Whether the check applies to `document` (its scheme, language and the `enabled` setting). */
  applies(document: vscode.TextDocument): boolean {
    return !IGNORED_SCHEMES.has(document.uri.scheme) && WRITING_LANGUAGES.includes(document.languageId)
      && fidelitySettings(vscode.workspace, document.languageId, document.uri).enabled;
  }

  /** Checks `document` after the configured delay (or `delayMs`), replacing any pending check of it. */
  schedule(document: vscode.TextDocument, delayMs?: number): void {
    if (this.disposed) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    if (!this.applies(document)) {
      this.timers.delete(key);
      if (WRITING_LANGUAGES.includes(document.languageId) || this.states.has(key)) this.clear(document.uri);
      return;
    }
    const delay = delayMs ?? fidelitySettings(vscode.workspace, document.languageId, document.uri).delayMs;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.check(document);
    }, delay));
  }

  /**
   * Checks `document` now and shows its diagnostics. Resolves with the state, or undefined when the
   * check does not apply to it or it closed meanwhile.
   */
  async check(document: vscode.TextDocument): Promise<DocumentState | undefined> {
    if (this.disposed || document.isClosed || !this.applies(document)) return undefined;
    const snapshot = await this.library.snapshot();
    if (this.disposed || document.isClosed) return undefined;
    const settings = fidelitySettings(vscode.workspace, document.languageId, document.uri);
    const checker = this.checkerFor(document.uri.toString(), snapshot, settings.normalization);
    const text = document.getText();
    const state: DocumentState = {
      version: document.version, languageId: document.languageId,
      result: checker.check(text, document.languageId), lines: new LineIndex(text), snapshot,
    };
    this.publish(document.uri, state);
    return state;
  }

  /**
   * Checks every file of the workspace whose name ends in a writing language's extension (open
   * documents as they are in the editor, others as on disk; `files.exclude` and `node_modules`
   * left out; languages whose `enabled` setting is off skipped), shows their diagnostics and
   * returns the counts.
   */
  async checkAll(token?: vscode.CancellationToken): Promise<CheckAllSummary> {
    const snapshot = await this.library.snapshot();
    const uris = (await vscode.workspace.findFiles('**/*.{md,markdown,tex,ltx,html,htm,txt}', undefined, undefined, token))
      .filter(u => !u.path.includes('/node_modules/'))
      .sort((a, b) => a.toString().localeCompare(b.toString()));
    const results: CheckResult[] = [];
    let files = 0;
    for (const uri of uris) {
      if (token?.isCancellationRequested) break;
      const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
      if (open) {
        const state = await this.check(open);
        if (state) {
          results.push(state.result);
          files++;
        }
        continue;
      }
      const languageId = languageOfFile(uri.path);
      if (!languageId) continue;
      const settings = fidelitySettings(vscode.workspace, languageId, uri);
      if (!settings.enabled) continue;
      let text: string;
      try {
        text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
      const result = new snapshot.engine.DocumentChecker(this.index(snapshot), { normalization: settings.normalization }).check(text, languageId);
      this.publish(uri, { version: undefined, languageId, result, lines: new LineIndex(text), snapshot });
      results.push(result);
      files++;
    }
    return { files, ...snapshot.engine.summarize(results) };
  }

  /** The source index of a snapshot, built once. */
  private index(snapshot: LibrarySnapshot): SourceIndex {
    let index = this.indexes.get(snapshot);
    if (!index) {
      index = new snapshot.engine.SourceIndex(snapshot.entries.map(e => e.article));
      this.indexes.set(snapshot, index);
    }
    return index;
  }

  /** The document's checker, new when the library or the normalization changed (its memo is then void). */
  private checkerFor(uri: string, snapshot: LibrarySnapshot, normalization: NormalizationOptions): DocumentChecker {
    const index = this.index(snapshot);
    const key = JSON.stringify(normalization);
    const kept = this.checkers.get(uri);
    if (kept && kept.key === key && kept.checker.index === index) return kept.checker;
    const checker = new snapshot.engine.DocumentChecker(index, { normalization });
    this.checkers.set(uri, { checker, key });
    return checker;
  }

  /** Stores a state and shows its diagnostics. */
  private publish(uri: vscode.Uri, state: DocumentState): void {
    this.states.set(uri.toString(), state);
    this.diagnostics.set(uri, state.result.diagnostics.map(d => this.toDiagnostic(d, state)));
    this.checked.fire(uri);
    if (uri.toString() === this.writing) this.updateQuoted();
  }

  private toDiagnostic(d: FidelityDiagnostic, state: DocumentState): vscode.Diagnostic {
    const severity = d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
    const diagnostic = new vscode.Diagnostic(state.lines.range(d.range), localizedMessage(d), severity);
    diagnostic.source = 'Article Atlas';
    diagnostic.code = d.code;
    const entry = d.source ? state.snapshot.entry(d.source.articleId) : undefined;
    if (d.source && entry) {
      const where = new vscode.Range(articlePosition(entry.article, d.source.range.start), articlePosition(entry.article, d.source.range.end));
      diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(entry.uri, where), vscode.l10n.t('The source passage'))];
    }
    return diagnostic;
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.states.delete(key);
    this.checkers.delete(key);
    this.diagnostics.delete(uri);
    if (key === this.writing) this.updateQuoted();
  }

  /** A closed document: its pending check and checker go; its diagnostics stay (the file did not change). */
  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.checkers.delete(key);
  }

  private recheckOpen(): void {
    this.checkers.clear();
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /**
   * Follows the active text editor: a document of another kind of editor (the Output panel) or no
   * editor at all (the reader has the focus) keeps the last document; `closed` forgets it.
   */
  private follow(editor: vscode.TextEditor | undefined, closed = false): void {
    if (editor && !IGNORED_SCHEMES.has(editor.document.uri.scheme)) this.writing = editor.document.uri.toString();
    else if (closed) this.writing = undefined;
    else return;
    this.updateQuoted();
  }

  private updateQuoted(): void {
    const state = this.writing === undefined ? undefined : this.states.get(this.writing);
    const next = this.writing !== undefined && state ? new QuotedPassages(this.writing, state.result.quotations) : QuotedPassages.none;
    const same = next.documentUri === this.quoted.documentUri
      && JSON.stringify(next.articleIds.map(id => next.ranges(id))) === JSON.stringify(this.quoted.articleIds.map(id => this.quoted.ranges(id)));
    this.quoted = next;
    if (!same) this.quotedChanged.fire(next);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

