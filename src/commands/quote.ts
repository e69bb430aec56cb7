/**
 * Quoting into documents: the {@link Quoter} that inserts a quotation at every selection of an
 * editor as one undo step, and the commands Quote Passage, Copy Quotation and Quote Selection.
 */
import * as vscode from 'vscode';
import { quotationOptions } from '../config';
import { buildQuotation, type InsertionContext } from '../core/quote';
import type { Article, TextRange } from '../core/types';
import type { ArticleLibrary } from '../library';
import { planQuotation } from '../quoting';
import type { EditorTracker } from './editors';
import { pickPassage } from './search';
import { type AtlasServices, type Command, type PassageRef, passageRefOf } from './services';

/** What a quotation is of: a passage id (`p6`, `p6.s2`) or an exact range of the body (UTF-16 offsets). */
export type QuoteSource = string | TextRange;

/** The outcome of {@link Quoter.quote}; commands return it, so tests can check it. */
export type QuoteResult =
  | { readonly status: 'inserted'; readonly uri: string; readonly edits: number }
  /** `message` is what the user was shown. */
  | { readonly status: 'readOnly' | 'noEditor' | 'notFound' | 'changed' | 'closed'; readonly message: string }
  | { readonly status: 'cancelled' };

/**
 * Schemes of documents that are never written to: the Output panel and Git's views of old
 * versions (a `git:` document is served by a content provider, which cannot be written).
 */
const READ_ONLY_SCHEMES = new Set(['output', 'git', 'gitfs']);

function fileName(uri: vscode.Uri): string {
  const path = uri.path.replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1) || uri.toString();
}

/** Formats quotations with the user's settings and inserts or copies them. */
export class Quoter {
  constructor(private readonly library: ArticleLibrary, private readonly editors: EditorTracker) {}

  /**
   * The article of `articleId` and the body range of `source`.
   * @throws Error with a message for the user when the article or passage is unknown.
   */
  async resolve(articleId: string, source: QuoteSource): Promise<{ article: Article; range: TextRange }> {
    const entry = (await this.library.snapshot()).entry(articleId);
    if (!entry) throw new Error(vscode.l10n.t('There is no article "{0}".', articleId));
    if (typeof source !== 'string') return { article: entry.article, range: source };
    const passage = entry.article.passages.get(source);
    if (!passage) throw new Error(vscode.l10n.t('The article "{0}" has no passage "{1}".', articleId, source));
    return { article: entry.article, range: passage };
  }

  /**
   * The quotation text for `languageId`, with the settings of `scope` (a document URI).
   * @throws as {@link resolve}, and RangeError for an invalid range.
   */
  async format(articleId: string, source: QuoteSource, languageId: string, context?: InsertionContext, scope?: vscode.Uri, eol?: '\n' | '\r\n'): Promise<string> {
    const { article, range } = await this.resolve(articleId, source);
    const options = quotationOptions(vscode.workspace, scope, eol);
    return buildQuotation({ article, range, languageId, options, context }).text;
  }

  /** Copies the quotation, formatted for `languageId`, to the clipboard; resolves with its text. */
  async copy(articleId: string, source: QuoteSource, languageId: string): Promise<string> {
    const text = await this.format(articleId, source, languageId);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Quotation copied.'), 3000);
    return text;
  }

  /**
   * Quotes into `editor`, else into the editor the user last worked in ({@link EditorTracker.target}).
   * Without any, offers to copy the quotation instead (a notification with a "Copy Quotation"
   * button; not awaited, so the command returns at once).
   */
  async quote(articleId: string, source: QuoteSource, editor?: vscode.TextEditor): Promise<QuoteResult> {
    let resolved: { article: Article; range: TextRange };
    try {
      resolved = await this.resolve(articleId, source);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(message);
      return { status: 'notFound', message };
    }
    const target = editor ?? await this.editors.target();
    if (!target) {
      const message = vscode.l10n.t('Open a document to quote into, or copy the quotation.');
      const copy = vscode.l10n.t('Copy Quotation');
      void vscode.window.showInformationMessage(message, copy).then(choice => {
        if (choice === copy) return this.copy(articleId, source, 'plaintext');
        return undefined;
      });
      return { status: 'noEditor', message };
    }
    return this.insert(target, resolved.article, resolved.range);
  }

  /**
   * Replaces every selection of `editor` (a cursor is an empty selection) with the quotation of
   * `range`, each shaped for its place (`planQuotation`), in the document's language and line
   * break, as one undo step; then puts each cursor after its quotation. Nothing is changed, with a
   * warning that says why, when the document is read-only (read-only scheme or file system, or an
   * edit the editor accepts without changing anything), closed, or changed between planning the
   * edits and applying them (the editor refuses an edit made for another version).
   * @throws RangeError for an invalid range.
   */
  async insert(editor: vscode.TextEditor, article: Article, range: TextRange): Promise<QuoteResult> {
    const document = editor.document;
    if (document.isClosed) return this.notInserted('closed', vscode.l10n.t('"{0}" was closed: the quotation was not inserted.', fileName(document.uri)));
    const scheme = document.uri.scheme;
    if (READ_ONLY_SCHEMES.has(scheme) || vscode.workspace.fs.isWritableFileSystem(scheme) === false) return this.readOnly(document);
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const options = quotationOptions(vscode.workspace, document.uri, eol);
    const plan = planQuotation(document, editor.selections, { article, range, languageId: document.languageId, options });
    const version = document.version;
    let applied: boolean;
    try {
      applied = await editor.edit(builder => {
        for (const e of plan.edits) builder.replace(new vscode.Range(e.start.line, e.start.character, e.end.line, e.end.character), e.text);
      }, { undoStopBefore: true, undoStopAfter: true });
    } catch {
      // The editor was closed meanwhile ("TextEditor#edit not possible on closed editors").
      applied = false;
    }
    if (!applied && document.isClosed) return this.notInserted('closed', vscode.l10n.t('"{0}" was closed: the quotation was not inserted.', fileName(document.uri)));
    if (!applied && document.version !== version) {
      return this.notInserted('changed', vscode.l10n.t('"{0}" changed while the quotation was being inserted: nothing was inserted. Quote again.', fileName(document.uri)));
    }
    // A read-only editor (files.readonlyInclude, a content provider's document) accepts the edit
    // and changes nothing: only the version tells.
    if (!applied || document.version === version) return this.readOnly(document);
    editor.selections = plan.cursors.map(c => new vscode.Selection(c.line, c.character, c.line, c.character));
    editor.revealRange(editor.selection);
    return { status: 'inserted', uri: document.uri.toString(), edits: plan.edits.length };
  }

  private notInserted(status: 'changed' | 'closed', message: string): QuoteResult {
    void vscode.window.showWarningMessage(message);
    return { status, message };
  }

  private readOnly(document: vscode.TextDocument): QuoteResult {
    const message = vscode.l10n.t('"{0}" is read-only: the quotation was not inserted.', fileName(document.uri));
    void vscode.window.showWarningMessage(message);
    return { status: 'readOnly', message };
  }
}

/**
 * The passage a command is about: its argument (a tree node or `{ articleId, passageId }`), else
 * the passage selected in the Themes view while the view is visible, else undefined.
 */
export function commandPassage(services: AtlasServices, arg: unknown): PassageRef | undefined {
  const ref = passageRefOf(arg);
  if (ref) return ref;
  const { view } = services.tree;
  const selected = view.visible ? services.tree.selectedPassage() : undefined;
  return selected ? { articleId: selected.articleId, passageId: selected.passage.id } : undefined;
}

/** `articleAtlas.quotePassage`: quotes a passage (argument, tree selection or search) into the editor. */
export class QuotePassageCommand implements Command {
  readonly id = 'articleAtlas.quotePassage';
  constructor(private readonly services: AtlasServices) {}

  async execute(arg?: unknown): Promise<QuoteResult> {
    const { quoter } = this.services;
    const ref = commandPassage(this.services, arg);
    if (ref) return quoter.quote(ref.articleId, ref.passageId);
    const picked = await pickPassage(this.services, { title: vscode.l10n.t('Quote Passage') });
    if (!picked) return { status: 'cancelled' };
    const { articleId, passage } = picked.hit;
    if (picked.action === 'copy') {
      await quoter.copy(articleId, passage.id, this.services.editors.current()?.document.languageId ?? 'plaintext');
      return { status: 'cancelled' };
    }
    return quoter.quote(articleId, passage.id);
  }
}

/** `articleAtlas.copyQuotation`: copies a passage's quotation in the active editor's format (plain text without one). */
export class CopyQuotationCommand implements Command {
  readonly id = 'articleAtlas.copyQuotation';
  constructor(private readonly services: AtlasServices) {}

  /** Resolves with the copied text, or undefined when cancelled. */
  async execute(arg?: unknown): Promise<string | undefined> {
    const languageId = this.services.editors.current()?.document.languageId ?? 'plaintext';
    let ref = commandPassage(this.services, arg);
    if (!ref) {
      const picked = await pickPassage(this.services, { title: vscode.l10n.t('Copy Quotation') });
      if (!picked) return undefined;
      if (picked.action === 'quote') {
        await this.services.quoter.quote(picked.hit.articleId, picked.hit.passage.id);
        return undefined;
      }
      ref = { articleId: picked.hit.articleId, passageId: picked.hit.passage.id };
    }
    return this.services.quoter.copy(ref.articleId, ref.passageId, languageId);
  }
}

/** `articleAtlas.quoteSelection`: quotes the text selected in the reader into the last active editor. */
export class QuoteSelectionCommand implements Command {
  readonly id = 'articleAtlas.quoteSelection';
  constructor(private readonly services: AtlasServices) {}

  /** Resolves true when there was a selection to quote. */
  async execute(): Promise<boolean> {
    const quoted = await this.services.reader.quoteSelection();
    if (!quoted) void vscode.window.showInformationMessage(vscode.l10n.t('Select text in the reader to quote it.'));
    return quoted;
  }
}
