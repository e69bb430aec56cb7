// Hostile content (test/fixtures/hostile: every classic injection vector in the title, the text, the theme label
// and description) through the host-side surfaces in a real extension host: the Themes view's items and tooltips, the
// search QuickPick's items, the reader panel, quotation insertion, the fidelity hover and diagnostics. A library of
// its own reads the fixture folder, as the reader suite does, so the extension's own library is left alone.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EditorTracker } from '../../src/commands/editors';
import { Quoter } from '../../src/commands/quote';
import { searchItems } from '../../src/commands/search';
import { escapeHtmlAttribute } from '../../src/core/escape';
import { buildQuotation } from '../../src/core/quote';
import { readerCsp } from '../../src/core/readerHtml';
import type { Article } from '../../src/core/types';
import { FidelityController } from '../../src/fidelity/controller';
import { FidelityHover } from '../../src/fidelity/providers';
import { ArticleLibrary, type LibrarySnapshot } from '../../src/library';
import { markdownText, sourceQuoteMarkdown } from '../../src/passageText';
import { ReaderController } from '../../src/reader';
import { ThemesTreeProvider } from '../../src/themesTree';
import { closeAllEditors, EXTENSION_ID, openEditor, until } from './atlasApi';

const TITLE = `Hostile <script>alert('title')</script> " onmouseover="alert(1) [t](javascript:alert(2))`;
const SUBTITLE = "<img src=x onerror=alert('subtitle')> ![s](https://evil.example/subtitle.png)";
const THEME_LABEL = "Vectors <img src=x onerror=alert('theme')> $(alert)";
const THEME_DESCRIPTION = "<script>alert('description')</script> [d](javascript:alert(1))";

suite('Hostile content', () => {
  let extensionUri: vscode.Uri;
  let library: ArticleLibrary;
  let diagnostics: vscode.DiagnosticCollection;
  let log: vscode.LogOutputChannel;
  let snapshot: LibrarySnapshot;
  let article: Article;
  const failures: string[] = [];

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    extensionUri = ext.extensionUri;
    diagnostics = vscode.languages.createDiagnosticCollection('article-atlas-hostile-test');
    log = vscode.window.createOutputChannel('Article Atlas hostile test', { log: true });
    library = new ArticleLibrary([vscode.Uri.joinPath(extensionUri, 'test/fixtures/hostile')], vscode.workspace.fs, diagnostics, m => failures.push(m));
    snapshot = await library.snapshot();
    assert.deepStrictEqual([snapshot.problems, failures], [[], []]);
    article = snapshot.entry('hostile')!.article;
    assert.strictEqual(article.metadata.title, TITLE);
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    library.dispose();
    diagnostics.dispose();
    log.dispose();
  });

  test('tree: the tooltips are untrusted Markdown without HTML, the text escaped; labels are plain text', async () => {
    const provider = new ThemesTreeProvider(library, 'theme', {}, performance.now());
    try {
      const [root] = await provider.getChildren();
      const rootItem = provider.getTreeItem(root);
      assert.strictEqual(rootItem.label, TITLE);
      const tooltip = rootItem.tooltip as vscode.MarkdownString;
      assert.deepStrictEqual([tooltip.value, tooltip.isTrusted, tooltip.supportHtml],
        [`**${markdownText(TITLE)}**\n\n${markdownText(SUBTITLE)}`, false, false]);
      assert.strictEqual(tooltip.value,
        "**Hostile \\<script>alert('title')\\</script> \" onmouseover=\"alert(1) \\[t\\](javascript:alert(2))**\n\n"
        + "\\<img src=x onerror=alert('subtitle')> !\\[s\\](https\\://evil.example/subtitle.png)");
      const [theme] = await provider.getChildren(root);
      const themeItem = provider.getTreeItem(theme);
      assert.deepStrictEqual([themeItem.label, themeItem.tooltip], [THEME_LABEL, THEME_DESCRIPTION]);
      const passages = await provider.getChildren(theme);
      assert.strictEqual(passages.length, 8);
      for (const node of passages) {
        assert.ok(node.kind === 'passage');
        const t = provider.getTreeItem(node).tooltip as vscode.MarkdownString;
        assert.deepStrictEqual([t.value, t.isTrusted, t.supportHtml], [markdownText(node.passage.text), false, false], node.passage.id);
      }
    } finally {
      provider.dispose();
    }
  });

  test('QuickPick: labels and details are the text as written, with $( escaped so no codicon renders', async () => {
    const index = await snapshot.searchIndex();
    const items = searchItems(snapshot, index, 'icons');
    assert.deepStrictEqual(items.map(i => [i.label, i.description, i.detail]), [[
      '…and ![remote](https://evil.example/md.png) and <https://evil.example/auto> and \\$(alert) icons.',
      '¶ 8 · s1',
      "Vectors <img src=x onerror=alert('theme')> \\$(alert) · paragraph 8",
    ]]);
    assert.deepStrictEqual(searchItems(snapshot, index, 'onerror').map(i => i.hit.passage.id), ['p2.s1']);
  });

  test('reader: the hostile article renders under the strict CSP and only the reader\'s own script runs', async () => {
    const received: unknown[] = [];
    const dropped: unknown[] = [];
    const reader = new ReaderController(extensionUri, library, { revealInThemes: async () => undefined, quoteRange: async () => undefined }, log);
    const listeners = [reader.onDidReceiveMessage(m => received.push(m)), reader.onDidDropMessage(m => dropped.push(m))];
    try {
      const ready = new Promise<void>(resolve => { const l = reader.onDidBecomeReady(() => { l.dispose(); resolve(); }); });
      await reader.show({ articleId: 'hostile', passageId: 'p2' });
      await ready;
      const html = reader.panel!.webview.html;
      const nonce = /'nonce-([0-9a-f]+)'/.exec(html.replace(/&#39;/g, "'"))![1];
      assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${escapeHtmlAttribute(readerCsp(reader.panel!.webview.cspSource, nonce))}">`));
      assert.ok(readerCsp(reader.panel!.webview.cspSource, nonce).startsWith("default-src 'none'; "));
      assert.strictEqual(html.match(/<script\b/g)?.length, 1);
      assert.deepStrictEqual([reader.panel!.webview.options.enableCommandUris ?? false, reader.panel!.options.enableFindWidget], [false, true]);
      assert.ok(html.includes('Script &lt;script&gt;alert(&#39;p1&#39;)&lt;/script&gt;'));
      assert.deepStrictEqual([received, dropped], [[{ type: 'ready' }], []]);
    } finally {
      listeners.forEach(l => l.dispose());
      reader.dispose();
    }
  });

  test('quotation: inserted escaped for the document\'s format, as one undo step', async function () {
    this.timeout(60_000); // opening an editor took over 20 s on the loaded 2-core machine
    const editors = new EditorTracker();
    try {
      const editor = await openEditor('html', '');
      const p2 = article.passages.get('p2')!;
      const result = await new Quoter(library, editors).insert(editor, article, p2);
      assert.deepStrictEqual(result, { status: 'inserted', uri: editor.document.uri.toString(), edits: 1 });
      const expected = buildQuotation({ article, range: p2, languageId: 'html' }).text;
      assert.strictEqual(editor.document.getText(), expected);
      assert.strictEqual(expected,
        '“An image &lt;img src=x onerror=alert(&#39;p2&#39;)&gt; and a frame &lt;iframe srcdoc=&#39;&lt;script&gt;alert(&#39;p2b&#39;)&lt;/script&gt;&#39;&gt;&lt;/iframe&gt; here.” '
        + '(<cite>Hostile &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &quot; onmouseover=&quot;alert(1) [t](javascript:alert(2))</cite>, para. 2)');
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(editor.document.getText(), '');
    } finally {
      editors.dispose();
      await closeAllEditors();
    }
  });

  test('fidelity: the diagnostic message is plain text; the hover trusts one command and shows the source escaped', async function () {
    this.timeout(60_000);
    const controller = new FidelityController(library);
    try {
      const p2 = article.passages.get('p2')!;
      const quoted = p2.text.replace('and a frame', 'and one frame').replace(/"/g, "'");
      // A document of its own name: the previous test's "Untitled-1", closed late, could close a new "Untitled-1" too.
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(`untitled:/hostile-fidelity-${Date.now()}.txt`));
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit(b => b.insert(new vscode.Position(0, 0), `“${quoted}” (${TITLE.replace(/"/g, "'")}, para. 2)\n`));
      assert.strictEqual(document.languageId, 'plaintext');
      // Checked again until published.
      const list = await until(async () => {
        await controller.check(editor.document);
        const d = controller.diagnostics.get(editor.document.uri);
        return d && d.length > 0 ? d : undefined;
      }, 'the fidelity diagnostic');
      assert.deepStrictEqual(list.map(d => d.message), [`Quotation differs from ${TITLE}, para. 2: and [-a-]{+one+} frame`]);
      const hover = await new FidelityHover(controller).provideHover(editor.document, new vscode.Position(0, 5), new vscode.CancellationTokenSource().token);
      const md = hover?.contents[0] as vscode.MarkdownString;
      assert.deepStrictEqual([md.isTrusted, md.supportHtml ?? false], [{ enabledCommands: ['articleAtlas.revealInSource'] }, false]);
      const state = controller.state(editor.document.uri)!;
      const highlights = state.result.quotations[0].source!.highlights;
      assert.ok(md.value.includes(`${sourceQuoteMarkdown(article.body, p2.start, p2.end, highlights)}\n\n`));
      assert.ok(md.value.startsWith("**Differs from its source**: *Hostile \\<script>alert('title')\\</script> \" onmouseover=\"alert(1) \\[t\\](javascript:alert(2))*, para. 2\n\n"), md.value);
    } finally {
      controller.dispose();
      await closeAllEditors();
    }
  });
});
