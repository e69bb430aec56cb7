// The user's library in a real extension host, on the fixture workspace test/fixtures/library (run by
// `node scripts/test-integration.mjs --workspace=library`): every fixture article loads or gives its exact
// diagnostic, and adding, editing, renaming and deleting files updates the tree and the search, without a reload.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ArticleAtlasApi } from '../../src/api';
import { loadEngine } from '../../src/engineLoader';
import { searchItems } from '../../src/commands/search';
import { ArticleLibrary, type LibraryView } from '../../src/library';
import { workspaceArticles } from '../../src/libraryWorkspace';
import { atlas, closeAllEditors, until } from './atlasApi';

/** File events reach the library through the workbench's watcher: generous, since these machines are loaded. */
const WAIT_MS = 30000;

suite('Library', function () {
  // Opening editors and waiting for file events take seconds on a loaded 2-core machine.
  this.timeout(90000);
  let api: ArticleAtlasApi;
  const folder = () => {
    const f = vscode.workspace.workspaceFolders?.[0];
    assert.ok(f, 'no workspace folder is open');
    return f.uri;
  };
  const file = (path: string) => vscode.Uri.joinPath(folder(), path);
  const write = (path: string, text: string) => vscode.workspace.fs.writeFile(file(path), new TextEncoder().encode(text));
  const rootIds = async () => (await api.testing.themes.provider.getChildren()).map(n => n.id);
  const found = async (query: string) => (await api.search(query)).map(h => `${h.articleId}#${h.passageId}`);
  const diagnostics = (path: string) => vscode.languages.getDiagnostics(file(path)).map(d =>
    [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, vscode.DiagnosticSeverity[d.severity], d.code, d.message]);

  suiteSetup(async () => {
    api = await atlas();
    await api.snapshot();
  });

  suiteTeardown(async () => {
    await closeAllEditors();
  });

  test('lists the shipped article, then every usable article of articles/ by path (the binary file skipped)', async () => {
    assert.deepStrictEqual(await rootIds(), [
      'a:northeast-revitalization', 'a:arabic', 'a:bom', 'a:broken', 'a:chinese', 'a:crlf-notes', 'a:emoji', 'a:long', 'a:page',
    ]);
  });

  test('titles come from the front matter, the first heading, the first line, or the HTML <title>', async () => {
    const snapshot = await api.snapshot();
    assert.deepStrictEqual(snapshot.entries.slice(1).map(e => [e.article.metadata.id, e.article.metadata.title, e.article.paragraphs.length]), [
      ['arabic', 'مقالة عربية', 1],
      ['bom', 'A BOM article', 1],
      ['broken', 'Body of the broken one.', 1],
      ['chinese', '冰雪经济', 1],
      ['crlf-notes', 'Notes with CRLF line breaks', 2],
      ['emoji', 'Emoji 🚀', 1],
      ['long', 'Long text without punctuation', 2],
      ['page', 'An HTML page', 2],
    ]);
  });

  test('the 200,000-character file without sentence punctuation is one sentence after its title line', async () => {
    const entry = (await api.snapshot()).entry('long');
    assert.ok(entry);
    assert.deepStrictEqual(entry.article.sentences.map(s => [s.id, s.text.length]), [['p1.s1', 29], ['p2.s1', 199968]]);
    assert.deepStrictEqual(await found('mills article:long'), ['long#p2.s1']);
  });

  test('broken front matter: a YAML error at its line and column; the article still loads', async () => {
    assert.deepStrictEqual(diagnostics('articles/broken.md'), [
      [3, 0, 3, 1, 'Error', 'yaml-syntax', 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ].'],
    ]);
  });

  test('a binary file is skipped with a warning on the file', async () => {
    assert.deepStrictEqual(diagnostics('articles/binary.md'), [
      [0, 0, 0, 0, 'Warning', 'binary', 'The file looks binary (it holds NUL or control characters): it is not loaded.'],
    ]);
  });

  test('searches every article: Chinese, Arabic, emoji, BOM, CRLF and HTML text', async () => {
    assert.deepStrictEqual(await found('冰雪'), ['chinese#p1.s1']);
    assert.deepStrictEqual(await found('جملة'), ['arabic#p1.s1', 'arabic#p1.s2']);
    assert.deepStrictEqual(await found('astronaut'), ['emoji#p1.s2']);
    assert.deepStrictEqual(await found('semaphore'), ['bom#p1.s2']);
    assert.deepStrictEqual(await found('lighthouses'), ['crlf-notes#p2.s1']);
    assert.deepStrictEqual(await found('zeppelin'), ['page#p1.s1']);
    assert.deepStrictEqual((await api.search('zeppelin'))[0].text, 'Paragraph one of the page mentions a “zeppelin”.');
  });

  test('the search QuickPick names the article of each hit first in its detail line', async () => {
    // The page's article, then its automatic theme "Paragraph" (the word sets it apart in this library), then the paragraph.
    const snapshot = await api.snapshot();
    const items = searchItems(snapshot, await snapshot.searchIndex(), 'zeppelin');
    assert.deepStrictEqual(items.map(i => [i.hit.articleId, i.description, i.detail]), [['page', '¶ 1 · s1', 'An HTML page · Paragraph · paragraph 1']]);
  });

  test('article: keeps the results of the articles it names', async () => {
    assert.deepStrictEqual(await found('paragraph article:crlf'), ['crlf-notes#p1.s1', 'crlf-notes#p2.s1']);
    assert.deepStrictEqual(await found('paragraph article:page'), ['page#p2.s1', 'page#p1.s1']);
  });

  test('a theme file beside an article (CRLF) gives its themes', async () => {
    const provider = api.testing.themes.provider;
    const root = (await provider.getChildren()).find(n => n.id === 'a:crlf-notes');
    assert.ok(root);
    const themes = await provider.getChildren(root);
    assert.deepStrictEqual(themes.map(n => [n.id, provider.getTreeItem(n).label]), [['a:crlf-notes/t:harbours', 'Harbours']]);
  });

  test('an article without a theme file has automatic themes, marked in the tree', async () => {
    const provider = api.testing.themes.provider;
    const root = (await provider.getChildren()).find(n => n.id === 'a:chinese');
    assert.ok(root);
    const themes = await provider.getChildren(root);
    assert.deepStrictEqual(themes.map(n => {
      const item = provider.getTreeItem(n);
      return [n.id, item.label, item.description, (item.iconPath as vscode.ThemeIcon).id, item.tooltip];
    }), [['a:chinese/t:auto.冰雪', '冰雪', '1 passage · automatic', 'sparkle', 'Automatic theme: "冰雪" occurs 2 times, in 1 of the 9 articles.']]);
    assert.deepStrictEqual(await found('theme:冰雪'), ['chinese#p1.s1']);
  });

  test('adding, editing, renaming and deleting a file updates the tree and the search', async () => {
    await write('articles/added.md', '# Added later\n\nA paragraph about a quokka.\n');
    await until(async () => (await rootIds()).includes('a:added'), 'the added article in the tree', WAIT_MS);
    assert.deepStrictEqual(await found('quokka'), ['added#p1.s1']);

    await write('articles/added.md', '# Added later\n\nNow the paragraph is about a wombat.\n');
    await until(async () => (await found('wombat')).length > 0, 'the edited text in the search', WAIT_MS);
    assert.deepStrictEqual(await found('quokka'), []);
    assert.deepStrictEqual(await found('wombat'), ['added#p1.s1']);

    await vscode.workspace.fs.rename(file('articles/added.md'), file('articles/renamed.md'));
    await until(async () => (await rootIds()).includes('a:renamed') && !(await rootIds()).includes('a:added'), 'the renamed article', WAIT_MS);
    assert.deepStrictEqual(await found('wombat'), ['renamed#p1.s1']);

    await vscode.workspace.fs.delete(file('articles/renamed.md'));
    await until(async () => !(await rootIds()).includes('a:renamed'), 'the deleted article gone from the tree', WAIT_MS);
    assert.deepStrictEqual(await found('wombat'), []);
  });

  test('a file over the size limit is skipped with a warning; raising the limit loads it again', async () => {
    const config = vscode.workspace.getConfiguration('articleAtlas.library');
    await config.update('maxFileSizeKB', 100, vscode.ConfigurationTarget.Workspace);
    try {
      await until(async () => !(await rootIds()).includes('a:long'), 'the large file skipped', WAIT_MS);
      assert.deepStrictEqual(diagnostics('articles/long.txt'), [
        [0, 0, 0, 0, 'Warning', 'too-large', 'The file is larger than the 100 KB of the setting articleAtlas.library.maxFileSizeKB (196 KB): it is not loaded.'],
      ]);
    } finally {
      await config.update('maxFileSizeKB', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until(async () => (await rootIds()).includes('a:long'), 'the large file loaded again', WAIT_MS);
    assert.deepStrictEqual(diagnostics('articles/long.txt'), []);
  });

  test('Add Passage to Theme writes a theme file beside the article, and the tree shows the theme', async () => {
    const themeId = await vscode.commands.executeCommand<string>('articleAtlas.addPassageToTheme', { articleId: 'emoji', passageId: 'p1.s1' }, { label: 'Space travel' });
    assert.strictEqual(themeId, 'space-travel');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('articles/emoji.themes.yaml')));
    assert.strictEqual(text, 'article: emoji\nthemes:\n  - id: space-travel\n    label: Space travel\n    passages:\n      - p1.s1\n');
    const provider = api.testing.themes.provider;
    const themes = await until(async () => {
      const root = (await provider.getChildren()).find(n => n.id === 'a:emoji');
      const children = root ? await provider.getChildren(root) : [];
      return children.some(n => n.id === 'a:emoji/t:space-travel') ? children : undefined;
    }, 'the new theme in the tree', WAIT_MS);
    assert.deepStrictEqual(themes.map(n => n.id), ['a:emoji/t:space-travel']);
    const again = await vscode.commands.executeCommand<string>('articleAtlas.addPassageToTheme', { articleId: 'emoji', passageId: 'p1.s2' }, { id: 'space-travel' });
    assert.strictEqual(again, 'space-travel');
    await until(async () => (await api.snapshot()).entry('emoji')?.themes.passagesOf('space-travel').length === 2, 'the second passage in the theme', WAIT_MS);
  });

  test('Edit Article Metadata adds a front matter to an article without one, as one edit', async () => {
    const target = await vscode.commands.executeCommand<{ kind: string }>('articleAtlas.editArticleMetadata', { articleId: 'chinese' });
    assert.deepStrictEqual(target?.kind, 'frontMatter');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.strictEqual(editor.document.getText(), [
      '---', 'id: chinese', 'title: "冰雪经济"', 'subtitle: ""', 'author: []', 'containerTitle: ""', 'publisher: ""', 'issued: ""', 'url: ""',
      'citationKey: ""', 'type: ""', 'language: ""', '---', '', '# 冰雪经济', '', '黑龙江发展冰雪经济，打造冰雪旅游。东北振兴取得新突破。', '',
    ].join('\n'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), '# 冰雪经济\n\n黑龙江发展冰雪经济，打造冰雪旅游。东北振兴取得新突破。\n');
    await closeAllEditors();
  });

  test('the reader moves to the next and previous article of the library, wrapping around', async () => {
    await vscode.commands.executeCommand('articleAtlas.openReader', { articleId: 'arabic' });
    assert.strictEqual(await vscode.commands.executeCommand('articleAtlas.nextArticle'), 'bom');
    assert.strictEqual(await vscode.commands.executeCommand('articleAtlas.previousArticle'), 'arabic');
    assert.strictEqual(await vscode.commands.executeCommand('articleAtlas.previousArticle'), 'northeast-revitalization');
    assert.strictEqual(await vscode.commands.executeCommand('articleAtlas.previousArticle'), 'page');
    await closeAllEditors();
  });

  test('Add File to Library adds a file outside articles/ to the include setting, and it loads', async () => {
    const document = await vscode.workspace.openTextDocument(file('notes/extra.md'));
    await vscode.window.showTextDocument(document);
    const glob = await vscode.commands.executeCommand<string>('articleAtlas.addFileToLibrary');
    assert.strictEqual(glob, 'notes/extra.md');
    assert.deepStrictEqual(vscode.workspace.getConfiguration('articleAtlas.library').get('include'), ['articles/**/*.{md,markdown,txt,text,html,htm}', 'notes/extra.md']);
    await until(async () => (await rootIds()).includes('a:extra'), 'the added file in the tree', WAIT_MS);
    assert.deepStrictEqual(await found('dirigible'), ['extra#p1.s1']);
    await closeAllEditors();
  });

  test('the first load shows the shipped article from dist/content.json, before the engine and the workspace, then the whole library', async () => {
    const ext = vscode.extensions.getExtension('articleatlas.article-atlas');
    assert.ok(ext);
    const diagnostics = vscode.languages.createDiagnosticCollection('articleAtlas.twoPhase');
    let release: () => void = () => undefined;
    const listing = new Promise<void>(resolve => { release = resolve; });
    let engineCalls = 0;
    const engine = () => { engineCalls++; return loadEngine(); };
    const real = workspaceArticles(vscode.workspace.fs, () => undefined);
    const library = new ArticleLibrary([vscode.Uri.joinPath(ext.extensionUri, 'content')], vscode.workspace.fs, diagnostics, () => undefined, engine, {
      ...real,
      findFiles: async () => { await listing; return [file('articles/bom.md')]; },
    }, 'en', vscode.Uri.joinPath(ext.extensionUri, 'dist', 'content.json'));
    try {
      const ids = (s: LibraryView) => s.entries.map(e => e.article.metadata.id);
      const published: string[][] = [];
      library.onDidChange(s => published.push(ids(s)));
      const first = await library.available();
      assert.deepStrictEqual([ids(first), engineCalls, published], [['northeast-revitalization'], 0, []]);
      // The same article and themes as the engine's parsers give for the files.
      const articleUri = vscode.Uri.joinPath(ext.extensionUri, 'content', 'northeast-revitalization.md');
      const themesUri = vscode.Uri.joinPath(ext.extensionUri, 'content', 'northeast-revitalization.themes.yaml');
      const text = async (uri: vscode.Uri) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(uri));
      const parsed = (await loadEngine()).loadArticle(articleUri.toString(), await text(articleUri), themesUri.toString(), await text(themesUri), 'en');
      assert.deepStrictEqual(parsed.problems, []);
      assert.deepStrictEqual(first.entries[0].article, parsed.article);
      // (The index classes differ: the engine bundle has its own copy of ThemeIndex.)
      assert.deepStrictEqual(first.entries[0].themes.taxonomy, parsed.taxonomy);
      const counts = (index: { allThemes(): readonly { id: string }[]; passageCount(id: string): number }) => index.allThemes().map(t => [t.id, index.passageCount(t.id)]);
      assert.ok(parsed.index);
      assert.deepStrictEqual(counts(first.entries[0].themes), counts(parsed.index));
      assert.strictEqual(first.entries[0].themesUri?.toString(), themesUri.toString());
      release();
      const whole = await library.snapshot();
      assert.deepStrictEqual(ids(whole), ['northeast-revitalization', 'bom']);
      assert.deepStrictEqual(published, [['northeast-revitalization', 'bom']]);
      assert.strictEqual(await library.available(), whole);
      await library.reload();
      assert.deepStrictEqual(published, [['northeast-revitalization', 'bom'], ['northeast-revitalization', 'bom']]);
    } finally {
      library.dispose();
      diagnostics.dispose();
    }
  });

});
