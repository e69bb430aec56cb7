// The reader panel in a real extension host: one reused panel, its HTML and CSP, the ready handshake, the messages
// the host posts, validation of what the webview posts, selection requests answered by the real webview, revival.
// The suite drives a ReaderController of its own (not the extension's), with hooks that record their calls.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { HostMessage, WebviewMessage } from '../../src/core/protocol';
import type { QuotationReport } from '../../src/core/fidelity/types';
import { QuotedPassages } from '../../src/fidelity/quoted';
import type { TextRange } from '../../src/core/types';
import { ArticleLibrary } from '../../src/library';
import { ReaderController, type ReaderHooks } from '../../src/reader';

const EXTENSION_ID = 'articleatlas.article-atlas';
const ARTICLE = 'northeast-revitalization';
const TITLE = 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China';

/** Resolves with the first event that `accept`s, or rejects after `ms` milliseconds. */
function next<T>(event: vscode.Event<T>, accept: (value: T) => boolean = () => true, ms = 15000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { listener.dispose(); reject(new Error(`no matching event within ${ms} ms`)); }, ms);
    const listener = event(value => {
      if (!accept(value)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    });
  });
}

function readerTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs)
    .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('articleAtlas.reader'));
}

suite('Reader', () => {
  let extensionUri: vscode.Uri;
  let library: ArticleLibrary;
  let diagnostics: vscode.DiagnosticCollection;
  let log: vscode.LogOutputChannel;
  let reader: ReaderController;
  let revealed: [string, string][];
  let quoted: [string, TextRange][];
  let posted: HostMessage[];
  let received: WebviewMessage[];
  let dropped: unknown[];
  const listeners: vscode.Disposable[] = [];

  suiteSetup(() => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    extensionUri = ext.extensionUri;
    diagnostics = vscode.languages.createDiagnosticCollection('article-atlas-reader-test');
    log = vscode.window.createOutputChannel('Article Atlas reader test', { log: true });
    library = new ArticleLibrary([vscode.Uri.joinPath(extensionUri, 'content')], vscode.workspace.fs, diagnostics, () => undefined);
  });

  suiteTeardown(() => {
    library.dispose();
    diagnostics.dispose();
    log.dispose();
  });

  setup(() => {
    revealed = [];
    quoted = [];
    posted = [];
    received = [];
    dropped = [];
    const hooks: ReaderHooks = {
      revealInThemes: async (articleId, passageId) => { revealed.push([articleId, passageId]); },
      quoteRange: async (articleId, range) => { quoted.push([articleId, range]); },
    };
    reader = new ReaderController(extensionUri, library, hooks, log);
    listeners.push(
      reader.onDidPostMessage(m => posted.push(m)),
      reader.onDidReceiveMessage(m => received.push(m)),
      reader.onDidDropMessage(m => dropped.push(m)),
    );
  });

  teardown(async () => {
    listeners.splice(0).forEach(l => l.dispose());
    reader.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function showAndWait(passageId?: string, highlights?: TextRange[]): Promise<vscode.WebviewPanel> {
    const ready = next(reader.onDidBecomeReady);
    await reader.show({ articleId: ARTICLE, passageId, highlights });
    await ready;
    assert.ok(reader.panel);
    return reader.panel;
  }

  test('show opens one panel titled after the article; a second show reuses it', async () => {
    const panel = await showAndWait('p4.s2');
    assert.strictEqual(panel.title, TITLE);
    assert.strictEqual(panel.viewType, 'articleAtlas.reader');
    assert.strictEqual(panel.options.enableFindWidget, true);
    assert.strictEqual(panel.options.retainContextWhenHidden, false);
    assert.strictEqual(panel.webview.options.enableScripts, true);
    assert.deepStrictEqual(panel.webview.options.localResourceRoots?.map(u => u.path),
      [vscode.Uri.joinPath(extensionUri, 'dist').path, vscode.Uri.joinPath(extensionUri, 'media').path]);
    await reader.show({ articleId: ARTICLE, passageId: 'p9' });
    assert.strictEqual(reader.panel, panel);
    assert.strictEqual(readerTabs().length, 1);
    assert.deepStrictEqual(reader.current, { articleId: ARTICLE, passageId: 'p9', highlights: [] });
  });

  test('the HTML holds a strict CSP with a nonce, the nonce\'d script, and no unsafe-inline', async () => {
    const panel = await showAndWait();
    const html = panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1].replace(/&#39;/g, "'");
    assert.ok(csp, 'a CSP meta element');
    const nonce = /'nonce-([0-9a-f]{32})'/.exec(csp)?.[1];
    assert.ok(nonce, 'a 128-bit nonce');
    const source = panel.webview.cspSource;
    assert.strictEqual(csp, `default-src 'none'; style-src ${source} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src ${source}; img-src ${source}`);
    assert.strictEqual(html.includes('unsafe-inline'), false);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.strictEqual(scripts.length, 1);
    assert.ok(scripts[0].startsWith(`<script nonce="${nonce}" src="`));
    assert.ok(scripts[0].includes('/dist/webview.js'));
    assert.ok(html.includes('/dist/codicons/codicon.css'));
  });

  test('a closed panel is forgotten; the next show opens a new one with a new nonce', async () => {
    const panel = await showAndWait();
    const first = /nonce-([0-9a-f]+)/.exec(panel.webview.html)?.[1];
    panel.dispose();
    assert.strictEqual(reader.panel, undefined);
    assert.strictEqual(reader.current, undefined);
    const again = await showAndWait();
    assert.notStrictEqual(again, panel);
    assert.notStrictEqual(/nonce-([0-9a-f]+)/.exec(again.webview.html)?.[1], first);
  });

  test('after ready the host posts the passage; a second passage of the same paragraph is posted, not re-rendered', async () => {
    const panel = await showAndWait('p4.s1');
    assert.deepStrictEqual(received, [{ type: 'ready' }]);
    assert.deepStrictEqual(posted, [{ type: 'update', passageId: 'p4.s1', highlights: [], reveal: true }]);
    const html = panel.webview.html;
    const entry = (await library.snapshot()).entry(ARTICLE);
    const s2 = entry?.article.passages.get('p4.s2');
    assert.ok(s2);
    const hit = { start: s2.start + 4, end: s2.start + 12 };
    await reader.show({ articleId: ARTICLE, passageId: 'p4.s2', highlights: [hit, { start: -1, end: 3 }] });
    assert.deepStrictEqual(posted.slice(1), [{ type: 'update', passageId: 'p4.s2', highlights: [hit], reveal: true }]);
    assert.strictEqual(panel.webview.html, html, 'the HTML is not rebuilt for the same article');
    await reader.show({ articleId: ARTICLE, passageId: 'p4.s2' });
    assert.deepStrictEqual(posted.slice(2), [{ type: 'update', passageId: 'p4.s2', highlights: [], reveal: true }], 'the same passage is revealed again');
    assert.deepStrictEqual(received, [{ type: 'ready' }], 'no reload');
  });

  test('the ranges the document being written quotes are posted once per change, and again after a reload', async () => {
    const entry = (await library.snapshot()).entry(ARTICLE);
    const s1 = entry?.article.passages.get('p7.s1');
    assert.ok(s1);
    const range = { start: s1.start + 10, end: s1.start + 40 };
    // What the fidelity check reports for a quotation of those words (only the source is read).
    const report = { source: { articleId: ARTICLE, passageId: 'p7', range, highlights: [range] } } as unknown as QuotationReport;
    const quotes = new QuotedPassages('file:///w/report%20draft.md', [report]);
    reader.setQuoted(quotes);
    assert.strictEqual(posted.length, 0, 'nothing is posted before the webview is ready');
    await showAndWait('p7.s1');
    assert.deepStrictEqual(posted, [
      { type: 'update', passageId: 'p7.s1', highlights: [], reveal: true },
      { type: 'quoted', ranges: [range], label: 'Quoted in report draft.md' },
    ]);
    reader.setQuoted(new QuotedPassages('file:///w/report%20draft.md', [report]));
    assert.strictEqual(posted.length, 2, 'the same ranges are not posted again');
    reader.setQuoted(new QuotedPassages('file:///w/other.md', [{ source: { ...report.source, articleId: 'another-article' } } as unknown as QuotationReport]));
    assert.deepStrictEqual(posted.slice(2), [{ type: 'quoted', ranges: [], label: 'Quoted in other.md' }], 'no quotation of this article clears the marks');
    reader.setQuoted(quotes);
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    await next(reader.onDidBecomeReady);
    assert.deepStrictEqual(posted.slice(3).filter(m => m.type === 'quoted'), [
      { type: 'quoted', ranges: [range], label: 'Quoted in report draft.md' },
      { type: 'quoted', ranges: [range], label: 'Quoted in report draft.md' },
    ], 'posted on the change, and again to the reloaded webview');
  });

  test('an unknown passage id is dropped from the target', async () => {
    await showAndWait('p99.s1');
    assert.deepStrictEqual(reader.current, { articleId: ARTICLE, highlights: [] });
    assert.deepStrictEqual(posted, [{ type: 'update', highlights: [], reveal: true }]);
  });

  test('invalid webview messages are dropped and logged; valid ones act', async () => {
    await showAndWait('p1');
    const body = (await library.snapshot()).entry(ARTICLE)?.article.body ?? '';
    const invalid: unknown[] = [
      'ready', null, { type: 'nope' }, { type: 'select', passageId: 'p99', origin: 'click' },
      { type: 'select', passageId: 'p1<script>', origin: 'click' }, { type: 'quoteSelection', range: { start: 0, end: body.length + 1 } },
      { type: 'quoteSelection', range: { start: 5, end: 2 } }, { type: 'selection', id: -1 },
      { type: 'command', command: 'workbench.action.terminal.new' }, { type: 'did-click-link', uri: 'command:workbench.action.openSettings' },
      { type: 'openLink', href: 'javascript:alert(1)' }, { type: 'select', passageId: 'p1', origin: 'click\u2028' },
    ];
    for (const m of invalid) await reader.handleMessage(m);
    assert.deepStrictEqual(dropped, invalid);
    assert.deepStrictEqual(received, [{ type: 'ready' }]);
    assert.deepStrictEqual([revealed, quoted], [[], []]);
    assert.strictEqual(reader.current?.passageId, 'p1');

    await reader.handleMessage({ type: 'select', passageId: 'p3', origin: 'click' });
    assert.deepStrictEqual(revealed, [[ARTICLE, 'p3']]);
    assert.strictEqual(reader.current?.passageId, 'p3');
    await reader.handleMessage({ type: 'select', passageId: 'p5', origin: 'navigate' });
    assert.deepStrictEqual(revealed, [[ARTICLE, 'p3']], 'navigation does not reveal in the tree');
    assert.strictEqual(reader.current?.passageId, 'p5');
  });

  test('the toolbar\'s Quote Selection quotes the exact range, without white space at its ends', async () => {
    await showAndWait();
    const p2 = (await library.snapshot()).passage(ARTICLE, 'p2');
    assert.ok(p2);
    await reader.handleMessage({ type: 'quoteSelection', range: { start: p2.start - 2, end: p2.start + 17 } });
    assert.deepStrictEqual(quoted, [[ARTICLE, { start: p2.start, end: p2.start + 17 }]]);
  });

  test('quoteSelection asks the real webview by id and resolves false when nothing is selected', async () => {
    await showAndWait('p2');
    assert.strictEqual(await reader.quoteSelection(), false);
    const request = posted.find(m => m.type === 'getSelection');
    assert.ok(request && request.type === 'getSelection');
    assert.deepStrictEqual(received.slice(1), [{ type: 'selection', id: request.id }]);
    assert.deepStrictEqual(quoted, []);
  });

  test('quoteSelection without a panel resolves false', async () => {
    assert.strictEqual(await reader.quoteSelection(), false);
    assert.strictEqual(reader.current, undefined);
  });

  test('show for an unknown article opens nothing', async () => {
    await reader.show({ articleId: 'no-such-article' });
    assert.strictEqual(reader.panel, undefined);
    assert.strictEqual(readerTabs().length, 0);
  });

  test('a hidden reader is reloaded when shown again and reveals the new passage', async () => {
    const panel = await showAndWait('p2');
    const hidden = next(panel.onDidChangeViewState, e => !e.webviewPanel.visible);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'draft.md'));
    await vscode.window.showTextDocument(doc, { viewColumn: panel.viewColumn, preview: false });
    await hidden;
    assert.strictEqual(reader.isReady, false);
    const ready = next(reader.onDidBecomeReady);
    await reader.show({ articleId: ARTICLE, passageId: 'p8.s2' });
    await ready;
    assert.deepStrictEqual(posted.at(-1), { type: 'update', passageId: 'p8.s2', highlights: [], reveal: true });
  });

  test('the serializer revives a panel from the saved state, without scrolling it', async () => {
    const panel = vscode.window.createWebviewPanel('articleAtlas.reader', 'restored', vscode.ViewColumn.Active, { enableFindWidget: true });
    const ready = next(reader.onDidBecomeReady);
    await reader.deserializeWebviewPanel(panel, { articleId: ARTICLE, passageId: 'p6.s2', highlights: [{ start: 10, end: 20 }], scrollY: 480, tocOpen: true });
    await ready;
    assert.strictEqual(reader.panel, panel);
    assert.strictEqual(panel.title, TITLE);
    assert.deepStrictEqual(reader.current, { articleId: ARTICLE, passageId: 'p6.s2', highlights: [{ start: 10, end: 20 }] });
    assert.deepStrictEqual(posted, [{ type: 'update', passageId: 'p6.s2', highlights: [{ start: 10, end: 20 }], reveal: false }]);
  });

  test('the serializer closes a panel whose state is unusable', async () => {
    for (const state of [undefined, { articleId: 'gone' }, { passageId: 'p1' }]) {
      const panel = vscode.window.createWebviewPanel('articleAtlas.reader', 'restored', vscode.ViewColumn.Active, {});
      const disposed = next(panel.onDidDispose);
      await reader.deserializeWebviewPanel(panel, state);
      await disposed;
      assert.strictEqual(reader.panel, undefined);
    }
  });
});
