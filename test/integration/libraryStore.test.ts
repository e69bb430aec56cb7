// The library kept between sessions (src/indexStore.ts) in a real extension host, on test/fixtures/library (run by
// `node scripts/test-integration.mjs --workspace=library`): a second start takes every unchanged article from the
// store without reading it, answers searches as the first did, and a damaged or truncated store is ignored.
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { loadEngine } from '../../src/engineLoader';
import { IndexStore, STORE_FILE } from '../../src/indexStore';
import { ArticleLibrary, type LibrarySnapshot } from '../../src/library';
import { workspaceArticles } from '../../src/libraryWorkspace';

suite('Library store', function () {
  this.timeout(90000);
  const storage = vscode.Uri.file(path.join(os.tmpdir(), `article-atlas-store-${process.pid}-${Date.now()}`));
  const storeFile = vscode.Uri.joinPath(storage, STORE_FILE);
  const ext = () => {
    const e = vscode.extensions.getExtension('articleatlas.article-atlas');
    assert.ok(e);
    return e;
  };
  const QUERIES = ['冰雪', 'harbour', 'rocket', 'semaphore', 'zeppelin', 'mills article:long', 'the'];

  /** A library of the fixture workspace with the store in `storage`; counts the article files it reads. */
  function open(): { library: ArticleLibrary; store: IndexStore; reads: string[]; dispose(): void } {
    const diagnostics = vscode.languages.createDiagnosticCollection('articleAtlas.store');
    const reads: string[] = [];
    const fs = {
      ...vscode.workspace.fs,
      stat: (uri: vscode.Uri) => vscode.workspace.fs.stat(uri),
      readDirectory: (uri: vscode.Uri) => vscode.workspace.fs.readDirectory(uri),
      readFile: (uri: vscode.Uri) => { reads.push(uri.path.slice(uri.path.lastIndexOf('/') + 1)); return vscode.workspace.fs.readFile(uri); },
    };
    const store = new IndexStore(vscode.workspace.fs, storage, 'test');
    const library = new ArticleLibrary([vscode.Uri.joinPath(ext().extensionUri, 'content')], vscode.workspace.fs, diagnostics, () => undefined,
      loadEngine, workspaceArticles(fs, () => undefined), 'en', vscode.Uri.joinPath(ext().extensionUri, 'dist', 'content.json'), store);
    return { library, store, reads, dispose: () => { library.dispose(); store.dispose(); diagnostics.dispose(); } };
  }
  const answers = async (s: LibrarySnapshot) => { const index = await s.searchIndex(); return QUERIES.map(q => index.search(q).map(h => [h.articleId, h.passage.id, h.score, h.matches])); };
  const articles = (s: LibrarySnapshot) => s.entries.map(e => e.article);

  let first: { articles: unknown; answers: unknown; problems: unknown; unstored: string[] };
  const articleReads = (reads: readonly string[]) => [...new Set(reads.filter(f => /\.(md|txt|html)$/.test(f)))].sort();

  suiteSetup(async () => {
    const { library, store, reads, dispose } = open();
    try {
      const snapshot = await library.snapshot();
      assert.ok(reads.includes('chinese.md'), 'the first load reads the files');
      const { articles: storable, context } = library.storable();
      // Articles with a theme file (crlf.md, and those the other suites gave one) are parsed each time.
      const withThemes = snapshot.entries.filter(e => e.origin === 'workspace' && e.themesUri).map(e => e.article.metadata.id);
      assert.ok(withThemes.includes('crlf-notes'));
      assert.deepStrictEqual(storable.map(a => a.article.metadata.id).sort(),
        snapshot.entries.filter(e => e.origin === 'workspace' && !e.themesUri).map(e => e.article.metadata.id).sort());
      assert.ok(storable.length >= 6);
      const stored = new Set(storable.map(a => a.uri.slice(a.uri.lastIndexOf('/') + 1)));
      first = { articles: articles(snapshot), answers: await answers(snapshot), problems: snapshot.problems, unstored: articleReads(reads).filter(f => !stored.has(f)) };
      assert.ok(first.unstored.includes('crlf.md') && first.unstored.includes('binary.md'));
      await store.save(snapshot, storable, context);
    } finally {
      dispose();
    }
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(storage, { recursive: true }).then(undefined, () => undefined);
  });

  test('a second start takes the unchanged articles from the store, without reading them, and searches alike', async () => {
    const { library, reads, dispose } = open();
    try {
      const snapshot = await library.snapshot();
      // Only the files not stored: those with a theme file, and the skipped binary.md.
      assert.deepStrictEqual(articleReads(reads), first.unstored);
      assert.deepStrictEqual(articles(snapshot), first.articles);
      assert.deepStrictEqual(snapshot.problems, first.problems);
      assert.deepStrictEqual(await answers(snapshot), first.answers);
    } finally {
      dispose();
    }
  });

  for (const [name, damage] of [
    ['a damaged store', (b: Uint8Array) => { const c = b.slice(); c[c.length >> 1] ^= 1; return c; }],
    ['a truncated store', (b: Uint8Array) => b.subarray(0, b.length >> 1)],
    ['a file that is not a store', () => new TextEncoder().encode('{"version":1}')],
  ] as const) {
    test(`${name} is ignored: every file is read and parsed, with the same articles and answers`, async () => {
      const good = await vscode.workspace.fs.readFile(storeFile);
      await vscode.workspace.fs.writeFile(storeFile, damage(good));
      const { library, reads, dispose } = open();
      try {
        const snapshot = await library.snapshot();
        assert.ok(reads.includes('chinese.md') && reads.includes('long.txt'));
        assert.deepStrictEqual(articles(snapshot), first.articles);
        assert.deepStrictEqual(await answers(snapshot), first.answers);
      } finally {
        dispose();
        await vscode.workspace.fs.writeFile(storeFile, good);
      }
    });
  }
});
