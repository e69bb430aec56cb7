/**
 * The reader: one webview panel (`articleAtlas.reader`) that shows an article with its selected
 * passage, search hits and theme chips, and quotes what the user selects in it. Shaped after VS
 * Code's Markdown preview: the HTML is built on the host (src/core/readerHtml.ts), messages follow
 * src/core/protocol.ts, and the controller is the panel's `WebviewPanelSerializer`, so the panel
 * comes back after "Reload Window" on the same article, passage, highlights and scroll position
 * (the webview keeps them with `setState`; `retainContextWhenHidden` stays off).
 *
 * Offsets are UTF-16 code-unit ranges `[start, end)` into `Article.body`.
 */
import * as vscode from 'vscode';
import {
  parseReaderState, parseWebviewMessage, READER_VIEW_TYPE, type HostMessage, type WebviewMessage,
} from './core/protocol';
import { buildReaderHtml, normalizeRanges, trimRange, type ReaderStrings } from './core/readerHtml';
import type { TextRange } from './core/types';
import { QuotedPassages } from './fidelity/quoted';
import type { ArticleLibrary, LibraryEntry, LibrarySnapshot } from './library';

/** What the reader shows: an article, optionally a passage (`p3`, `p3.s2`) and search hits (body ranges). */
export interface ReaderTarget {
  readonly articleId: string;
  readonly passageId?: string;
  readonly highlights?: readonly TextRange[];
}

/** What the reader asks of the rest of the extension. */
export interface ReaderHooks {
  /** Reveals a passage in the Themes view (the user clicked a paragraph in the reader). */
  revealInThemes(articleId: string, passageId: string): Promise<void>;
  /** Quotes `range` (exact body offsets) of the article into the document being written. */
  quoteRange(articleId: string, range: TextRange): Promise<void>;
}

/** How long {@link ReaderController.quoteSelection} waits for the webview's answer, in milliseconds. */
const SELECTION_TIMEOUT_MS = 3000;
/**
 * How long a visible webview may take to post `ready` before its HTML is set again, in milliseconds.
 * Seen in code-server under load: right after "Reload Window" a resource request of the restored
 * webview (its script, the codicons) can be lost, leaving the text without script or icons.
 */
const READY_TIMEOUT_MS = 10000;
/** How many times in a row the HTML is set again for a webview that does not post `ready`. */
const MAX_RELOADS = 3;

function readerStrings(): ReaderStrings {
  return {
    contents: vscode.l10n.t('Contents'),
    previousParagraph: vscode.l10n.t('Previous Paragraph'),
    nextParagraph: vscode.l10n.t('Next Paragraph'),
    quoteSelection: vscode.l10n.t('Quote Selection'),
    themes: vscode.l10n.t('Themes'),
    toolbar: vscode.l10n.t('Reader'),
    paragraph: n => vscode.l10n.t('Paragraph {0}', n),
    // Placeholders kept for the webview to fill in.
    paragraphOf: vscode.l10n.t('Paragraph {0} of {1}', '{0}', '{1}'),
    keyboardHelp: vscode.l10n.t('Tab moves from paragraph to paragraph. J or Down Arrow: next paragraph; K or Up Arrow: previous paragraph; Q: quote the selected words, or the highlighted passage when no words are selected.'),
  };
}

/** 128 random bits as hex, for the CSP nonce. */
function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** A short printable form of an untrusted value, for the log. */
function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Owns the reader panel: creates it on the first {@link show}, reuses it afterwards, revives it
 * after a reload, and answers the webview's messages. Every message from the webview goes through
 * {@link parseWebviewMessage}; invalid ones are dropped and logged.
 */
export class ReaderController implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  /**
   * Creates the controller, registers it as the serializer of `articleAtlas.reader` and adds both
   * to `context.subscriptions`.
   * @param log where dropped messages and failures are logged; by default a new "Article Atlas" log channel.
   */
  static register(context: vscode.ExtensionContext, library: ArticleLibrary, hooks: ReaderHooks, log?: vscode.LogOutputChannel): ReaderController {
    const channel = log ?? vscode.window.createOutputChannel('Article Atlas', { log: true });
    if (!log) context.subscriptions.push(channel);
    const controller = new ReaderController(context.extensionUri, library, hooks, channel);
    context.subscriptions.push(controller, vscode.window.registerWebviewPanelSerializer(READER_VIEW_TYPE, controller));
    return controller;
  }

  private webviewPanel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private entry: LibraryEntry | undefined;
  private target: ReaderTarget | undefined;
  /** What the document being written quotes, and the key of the marks last posted since `ready` ('' for none). */
  private quoted = QuotedPassages.none;
  private postedQuotedKey = '';
  /** The webview has posted `ready` since it was last (re)loaded; until then nothing is posted. */
  private ready = false;
  /** Scroll to the passage once the webview is ready (a new `show`, not a revival). */
  private revealOnReady = false;
  private lastRequestId = 0;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private reloads = 0;
  private readonly requests = new Map<number, (range: TextRange | undefined) => void>();

  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly postEmitter = new vscode.EventEmitter<HostMessage>();
  private readonly receiveEmitter = new vscode.EventEmitter<WebviewMessage>();
  private readonly dropEmitter = new vscode.EventEmitter<unknown>();
  private readonly disposables: vscode.Disposable[];

  /** Fires each time the webview has (re)loaded and posted `ready`. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** Fires with every message posted to the webview. */
  readonly onDidPostMessage = this.postEmitter.event;
  /** Fires with every valid message received from the webview, before it is handled. */
  readonly onDidReceiveMessage = this.receiveEmitter.event;
  /** Fires with every message from the webview that was dropped as invalid. */
  readonly onDidDropMessage = this.dropEmitter.event;

  /** Use {@link register}; tests construct a controller of their own (without the serializer). */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly library: ArticleLibrary,
    private readonly hooks: ReaderHooks,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables = [
      this.readyEmitter, this.postEmitter, this.receiveEmitter, this.dropEmitter,
      library.onDidChange(snapshot => this.refresh(snapshot)),
    ];
  }

  /** What the panel shows (the passage follows clicks and navigation in the reader); undefined without a panel. */
  get current(): ReaderTarget | undefined {
    return this.webviewPanel ? this.target : undefined;
  }

  /** The reader panel, if open. */
  get panel(): vscode.WebviewPanel | undefined {
    return this.webviewPanel;
  }

  /** True when the webview has loaded and posted `ready`. */
  get isReady(): boolean {
    return this.ready;
  }

  /**
   * Shows `target` in the reader, creating the panel beside the active editor (or in the active
   * group) on first use and revealing it without taking focus afterwards. For the article already
   * shown the HTML is kept and an `update` message selects and scrolls to the passage. An unknown
   * article is reported to the user; an unknown passage id or invalid highlight is dropped and logged.
   */
  async show(target: ReaderTarget): Promise<void> {
    const snapshot = await this.library.snapshot();
    const entry = snapshot.entry(target.articleId);
    if (!entry) {
      this.log.warn(`Reader: there is no article "${target.articleId}".`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Article Atlas: there is no article "{0}".', target.articleId));
      return;
    }
    const sameArticle = this.webviewPanel !== undefined && this.entry === entry;
    this.entry = entry;
    this.target = this.normalize(entry, target);
    if (!this.webviewPanel) {
      const viewColumn = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      const panel = vscode.window.createWebviewPanel(READER_VIEW_TYPE, this.title(entry), { viewColumn, preserveFocus: true }, {
        enableFindWidget: true,
        retainContextWhenHidden: false,
        ...this.webviewOptions(),
      });
      this.attach(panel);
      this.revealOnReady = true;
      this.render();
      return;
    }
    if (sameArticle && this.ready && this.webviewPanel.visible) {
      this.postUpdate(true);
    } else {
      this.revealOnReady = true;
      if (!sameArticle) this.render();
    }
    this.webviewPanel.reveal(undefined, true);
  }

  /**
   * Quotes the reader's text selection: asks the webview for it (request and response paired by
   * id, at most 3 s), trims white space at its ends and calls `hooks.quoteRange` with the exact
   * body range. Resolves false, without calling the hook, when there is no panel, the webview is
   * not loaded, or nothing (but white space) is selected.
   */
  async quoteSelection(): Promise<boolean> {
    return this.quote(await this.requestSelection());
  }

  /** Resolves when the webview is ready: at once if it is, else at its next `ready`. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise(resolve => {
      const listener = this.onDidBecomeReady(() => {
        listener.dispose();
        resolve();
      });
    });
  }

  /**
   * Marks in the reader the passages that `quoted.documentUri` quotes (a `quoted` message of src/core/protocol.ts):
   * posts a `quoted` message for the shown article when its ranges differ from those last posted,
   * and again after each `ready`. Called by the fidelity check whenever its result changes.
   */
  setQuoted(quoted: QuotedPassages): void {
    this.quoted = quoted;
    this.postQuoted();
  }

  /**
   * Handles one message as if the webview had posted it: validates it, drops and logs it when
   * invalid, acts on it otherwise. The webview's messages arrive here; tests call it directly.
   */
  async handleMessage(raw: unknown): Promise<void> {
    const entry = this.entry;
    const message = entry ? parseWebviewMessage(raw, entry.article.body.length) : undefined;
    if (!entry || !message || (message.type === 'select' && !entry.article.passages.has(message.passageId))) {
      this.log.warn(`Reader: dropped an invalid message from the webview: ${preview(raw)}`);
      this.dropEmitter.fire(raw);
      return;
    }
    this.receiveEmitter.fire(message);
    switch (message.type) {
      case 'ready':
        clearTimeout(this.readyTimer);
        this.reloads = 0;
        this.ready = true;
        this.postUpdate(this.revealOnReady);
        this.postedQuotedKey = ''; // a (re)loaded webview has no marks
        this.postQuoted();
        this.revealOnReady = false;
        this.readyEmitter.fire();
        break;
      case 'selection':
        this.requests.get(message.id)?.(message.range);
        this.requests.delete(message.id);
        break;
      case 'select':
        this.target = { ...this.target, articleId: entry.article.metadata.id, passageId: message.passageId };
        if (message.origin === 'click') {
          await this.hooks.revealInThemes(entry.article.metadata.id, message.passageId)
            .catch(e => this.log.error(`Reader: revealing ${message.passageId} in the Themes view failed: ${e instanceof Error ? e.message : String(e)}`));
        }
        break;
      case 'quoteSelection':
        if (!(await this.quote(message.range))) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Select text in the reader to quote it.'));
        }
        break;
    }
  }

  /** Revives the panel VS Code restores after a reload, from the state the webview saved. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = parseReaderState(state);
    const entry = saved && (await this.library.snapshot()).entry(saved.articleId);
    if (!saved || !entry || this.webviewPanel) {
      this.log.info(`Reader: not restoring a reader panel (state ${preview(state)}).`);
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.entry = entry;
    this.target = this.normalize(entry, saved);
    this.revealOnReady = false; // the webview restores its own scroll position
    this.attach(panel);
    this.render();
  }

  dispose(): void {
    this.webviewPanel?.dispose();
    this.disposables.forEach(d => d.dispose());
  }

  // ------------------------------------------------------------------------------------- private

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private title(entry: LibraryEntry): string {
    return entry.article.metadata.title || entry.article.metadata.id;
  }

  /** `target` with an unknown passage id dropped and its highlights sorted, merged and clipped to the body. */
  private normalize(entry: LibraryEntry, target: { passageId?: string; highlights?: readonly TextRange[] }): ReaderTarget {
    const { article } = entry;
    const highlights = normalizeRanges(target.highlights ?? [], article.body.length);
    if (target.passageId && !article.passages.has(target.passageId)) {
      this.log.warn(`Reader: article "${article.metadata.id}" has no passage "${target.passageId}".`);
    }
    return target.passageId && article.passages.has(target.passageId)
      ? { articleId: article.metadata.id, passageId: target.passageId, highlights }
      : { articleId: article.metadata.id, highlights };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.webviewPanel = panel;
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.extensionUri, 'media', 'reader-light.svg'),
      dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'reader-dark.svg'),
    };
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage(raw => this.handleMessage(raw)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // Without retainContextWhenHidden a hidden webview is destroyed; it posts `ready` again when shown.
        if (!webviewPanel.visible) this.unready();
        else if (!this.ready) this.watchReady();
      }),
      panel.onDidDispose(() => {
        this.unready();
        this.panelDisposables.forEach(d => d.dispose());
        this.panelDisposables = [];
        this.webviewPanel = undefined;
        this.entry = undefined;
        this.target = undefined;
      }),
    ];
  }

  /** Sets the panel's HTML for the current entry; the webview reloads and posts `ready`. */
  private render(): void {
    const panel = this.webviewPanel;
    const entry = this.entry;
    if (!panel || !entry) return;
    this.unready();
    const { webview } = panel;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    panel.title = this.title(entry);
    webview.html = buildReaderHtml({
      article: entry.article,
      themesOf: id => entry.themes.themesOf(id, { related: true }),
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asset('dist', 'webview.js'),
      styleUris: [asset('dist', 'codicons', 'codicon.css'), asset('media', 'reader.css')],
      strings: readerStrings(),
      uiLanguage: vscode.env.language,
    });
    this.watchReady();
  }

  /** Sets the HTML again (at most {@link MAX_RELOADS} times) when the visible webview has not posted `ready` in time. */
  private watchReady(): void {
    clearTimeout(this.readyTimer);
    if (!this.webviewPanel?.visible) return;
    this.readyTimer = setTimeout(() => {
      if (this.ready || !this.webviewPanel?.visible) return;
      if (this.reloads >= MAX_RELOADS) {
        this.log.error(`Reader: the webview did not start after ${MAX_RELOADS} reloads.`);
        return;
      }
      this.reloads++;
      this.log.warn(`Reader: the webview did not post ready within ${READY_TIMEOUT_MS} ms; loading it again (${this.reloads}/${MAX_RELOADS}).`);
      this.render();
    }, READY_TIMEOUT_MS);
  }

  /** After a library reload: shows the new version of the article (keeping passage and highlights when they still fit). */
  private refresh(snapshot: LibrarySnapshot): void {
    if (!this.webviewPanel || !this.target) return;
    const entry = snapshot.entry(this.target.articleId);
    if (!entry || entry === this.entry) return;
    this.entry = entry;
    this.target = this.normalize(entry, this.target);
    this.revealOnReady = false;
    this.render();
  }

  private postUpdate(reveal: boolean): void {
    const target = this.target;
    if (!target) return;
    this.post(target.passageId
      ? { type: 'update', passageId: target.passageId, highlights: target.highlights ?? [], reveal }
      : { type: 'update', highlights: target.highlights ?? [], reveal });
  }

  /** Posts the quoted ranges of the shown article unless the webview already has them (none: nothing posted). */
  private postQuoted(): void {
    const entry = this.entry;
    if (!entry || !this.ready) return;
    const ranges = this.quoted.ranges(entry.article.metadata.id);
    const key = JSON.stringify(ranges);
    if (key === (this.postedQuotedKey || '[]')) return;
    const name = this.quoted.documentUri ? decodeURIComponent(this.quoted.documentUri.replace(/[?#].*$/, '').split('/').pop() ?? '') : '';
    this.post({ type: 'quoted', ranges, label: name ? vscode.l10n.t('Quoted in {0}', name) : '' });
    this.postedQuotedKey = key;
  }

  private post(message: HostMessage): void {
    if (!this.webviewPanel || !this.ready) return;
    void this.webviewPanel.webview.postMessage(message);
    this.postEmitter.fire(message);
  }

  /** Marks the webview as not loaded and answers pending selection requests with "no selection". */
  private unready(): void {
    clearTimeout(this.readyTimer);
    this.ready = false;
    this.postedQuotedKey = '';
    for (const resolve of this.requests.values()) resolve(undefined);
    this.requests.clear();
  }

  private requestSelection(): Promise<TextRange | undefined> {
    if (!this.webviewPanel || !this.ready) return Promise.resolve(undefined);
    const id = ++this.lastRequestId;
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        this.requests.delete(id);
        this.log.warn(`Reader: the webview did not answer getSelection #${id} within ${SELECTION_TIMEOUT_MS} ms.`);
        resolve(undefined);
      }, SELECTION_TIMEOUT_MS);
      this.requests.set(id, range => {
        clearTimeout(timer);
        resolve(range);
      });
      this.post({ type: 'getSelection', id });
    });
  }

  private async quote(range: TextRange | undefined): Promise<boolean> {
    const entry = this.entry;
    if (!range || !entry) return false;
    const trimmed = trimRange(entry.article.body, range);
    if (trimmed.start === trimmed.end) return false;
    await this.hooks.quoteRange(entry.article.metadata.id, trimmed);
    return true;
  }
}
