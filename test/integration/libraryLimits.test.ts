// Hostile sizes and shapes in the user's library, in a real extension host on test/fixtures/library (run by
// `node scripts/test-integration.mjs --workspace=library`; issue #9, item 5): a 50 MB article, 10,000 small files,
// a theme file nested 10,000 levels deep or cyclic, and a theme file naming 100,000 passages each finish within a
// generous bound and say exactly what they skipped; the figures are benchmarks (bench/figures/limits.mjs).
// The files are written with Node's fs (the host here is Node; the product reads them through vscode.workspace.fs).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ArticleAtlasApi } from '../../src/api';
import { atlas, until } from './atlasApi';

/** Generous bounds: these machines are loaded by other work; the benchmark gives the real figures. */
const BOUND_MS = 120000;
/** For 10,000 files: 73 s and 127 s (both phases) were seen here under a load average of 6 to 9 before the burst fix. */
const BULK_BOUND_MS = 300000;
/** For the 2,000 files copied in over a few seconds: under 10 s here at a load average of 7; generous for a loaded CI machine. */
const BURST_BOUND_MS = 60000;

suite('Library limits', function () {
  this.timeout(2 * BULK_BOUND_MS);
  let api: ArticleAtlasApi;
  const folder = () => {
    const f = vscode.workspace.workspaceFolders?.[0];
    assert.ok(f, 'no workspace folder is open');
    return f.uri;
  };
  const file = (p: string) => vscode.Uri.joinPath(folder(), p);
  const onDisk = (p: string) => path.join(folder().fsPath, p);
  const write = (p: string, text: string) => vscode.workspace.fs.writeFile(file(p), new TextEncoder().encode(text));
  const rootIds = async () => (await api.testing.themes.provider.getChildren()).map(n => n.id);
  const diagnostics = (p: string) => vscode.languages.getDiagnostics(file(p)).map(d =>
    [d.range.start.line, d.range.start.character, vscode.DiagnosticSeverity[d.severity], d.code, d.message]);
  const config = () => vscode.workspace.getConfiguration('articleAtlas.library');

  suiteSetup(async () => {
    api = await atlas();
    await api.snapshot();
  });

  test('a 50 MB article is skipped with its size in a warning; a limit raised over 4096 KB still skips it, saying why', async () => {
    const paragraph = 'The quick brown fox jumps over the lazy dog near the river bank. '.repeat(8);
    fs.writeFileSync(onDisk('articles/huge.md'), `# Huge\n\n${`${paragraph}\n\n`.repeat(Math.ceil(50 * 1024 * 1024 / (paragraph.length + 2)))}`);
    try {
      const t0 = Date.now();
      await until(() => diagnostics('articles/huge.md').length > 0, 'the huge file\'s warning', BOUND_MS);
      assert.ok(Date.now() - t0 < BOUND_MS);
      assert.deepStrictEqual(diagnostics('articles/huge.md'), [
        [0, 0, 'Warning', 'too-large', 'The file is larger than the 1024 KB of the setting articleAtlas.library.maxFileSizeKB (51201 KB): it is not loaded.'],
      ]);
      assert.ok(!(await rootIds()).includes('a:huge'));

      await config().update('maxFileSizeKB', 100000, vscode.ConfigurationTarget.Workspace);
      await until(() => String(diagnostics('articles/huge.md')[0]?.[4]).includes('whatever'), 'the ceiling\'s warning', BOUND_MS);
      assert.deepStrictEqual(diagnostics('articles/huge.md'), [
        [0, 0, 'Warning', 'too-large', 'The file is larger than 4096 KB, the most Article Atlas loads whatever the setting articleAtlas.library.maxFileSizeKB says (51201 KB): it is not loaded.'],
      ]);
      assert.ok(!(await rootIds()).includes('a:huge'));
    } finally {
      await config().update('maxFileSizeKB', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(file('articles/huge.md'));
    }
    await until(() => diagnostics('articles/huge.md').length === 0, 'the warning gone with the file', BOUND_MS);
  });

  test('a theme file over the size limit is not read: one warning on it, and its article has automatic themes', async () => {
    // 5 MB of valid YAML: over the 1024 KB default (and the 4096 KB ceiling).
    const themes = `themes:\n${'  - id: padding\n    label: Padding\n    passages: [p1]\n'.repeat(100000)}`;
    fs.writeFileSync(onDisk('articles/big-themes.themes.yaml'), themes);
    await write('articles/big-themes.md', '# Big themes\n\nThe lighthouse keeper counted the lighthouse lamps. The lighthouse stood tall.\n');
    try {
      await until(() => diagnostics('articles/big-themes.themes.yaml').length > 0, 'the theme file\'s warning', BOUND_MS);
      assert.deepStrictEqual(diagnostics('articles/big-themes.themes.yaml'), [
        [0, 0, 'Warning', 'too-large', `The theme file is larger than 1024 KB (${Math.ceil(themes.length / 1024)} KB): it is not read, and the article has automatic themes.`],
      ]);
      const entry = (await api.snapshot()).entry('big-themes');
      assert.deepStrictEqual([entry?.themesUri, entry?.themes.roots.map(t => [t.id, t.automatic])], [undefined, [['auto.lighthouse', true]]]);
    } finally {
      await vscode.workspace.fs.delete(file('articles/big-themes.md'));
      await vscode.workspace.fs.delete(file('articles/big-themes.themes.yaml'));
    }
    await until(() => diagnostics('articles/big-themes.themes.yaml').length === 0, 'the warning gone with the files', BOUND_MS);
  });

  test('a theme file nested 10,000 levels deep gives one yaml-depth error; its article loads without themes', async () => {
    const open = Array.from({ length: 10000 }, (_, i) => `{id: t${i}, label: T, children: [`).join('');
    fs.writeFileSync(onDisk('articles/deep.themes.yaml'), `article: deep\nthemes: [${open}${']}'.repeat(10000)}]\n`);
    fs.writeFileSync(onDisk('articles/deep.md'), '---\nid: deep\ntitle: Deep\nthemes: deep.themes.yaml\n---\n\nA paragraph.\n');
    try {
      await until(() => diagnostics('articles/deep.themes.yaml').length > 0, 'the depth error', BOUND_MS);
      // The 101st level is the 50th theme's mapping: 9 columns of `themes: [`, then 49 themes before it, of 30
      // columns (`{id: t0, label: T, children: [` to t9) and 31 (t10 to t48).
      assert.deepStrictEqual(diagnostics('articles/deep.themes.yaml'), [
        [1, 9 + 10 * 30 + 39 * 31, 'Error', 'yaml-depth', 'YAML: the document nests lists and mappings more than 100 levels deep; it is not read.'],
      ]);
      assert.ok((await rootIds()).includes('a:deep'));
    } finally {
      await vscode.workspace.fs.delete(file('articles/deep.md'));
      await vscode.workspace.fs.delete(file('articles/deep.themes.yaml'));
    }
    await until(async () => !(await rootIds()).includes('a:deep'), 'the deep article gone', BOUND_MS);
  });

  test('a cyclic theme file gives one yaml-alias error at the alias', async () => {
    fs.writeFileSync(onDisk('articles/cycle.themes.yaml'), 'article: cycle\nthemes: &t\n  - id: x\n    label: X\n    children: *t\n');
    fs.writeFileSync(onDisk('articles/cycle.md'), '---\nid: cycle\ntitle: Cycle\nthemes: cycle.themes.yaml\n---\n\nA paragraph.\n');
    try {
      await until(() => diagnostics('articles/cycle.themes.yaml').length > 0, 'the cycle error', BOUND_MS);
      assert.deepStrictEqual(diagnostics('articles/cycle.themes.yaml'), [
        [4, 14, 'Error', 'yaml-alias', 'YAML: the alias *t is inside the node its anchor &t names, a cycle; the document is not read.'],
      ]);
    } finally {
      await vscode.workspace.fs.delete(file('articles/cycle.md'));
      await vscode.workspace.fs.delete(file('articles/cycle.themes.yaml'));
    }
    await until(async () => !(await rootIds()).includes('a:cycle'), 'the cyclic article gone', BOUND_MS);
  });

  test('a theme naming 100,000 passages loads; its 99,999 unknown passages are 200 diagnostics and one summary', async () => {
    const passages = Array.from({ length: 100000 }, (_, i) => `      - p${i + 1}`).join('\n');
    // 1.5 MB: over the 1024 KB default of maxFileSizeKB, which theme files are held to too; raised so that it is read.
    await config().update('maxFileSizeKB', 4096, vscode.ConfigurationTarget.Workspace);
    fs.writeFileSync(onDisk('articles/many.themes.yaml'), `article: many\nthemes:\n  - id: all\n    label: All\n    passages:\n${passages}\n`);
    fs.writeFileSync(onDisk('articles/many.md'), '---\nid: many\ntitle: Many\nthemes: many.themes.yaml\n---\n\nThe only paragraph.\n');
    try {
      await until(() => diagnostics('articles/many.themes.yaml').length > 0, 'the unknown passages', BOUND_MS);
      const list = diagnostics('articles/many.themes.yaml');
      assert.strictEqual(list.length, 201);
      assert.deepStrictEqual(list[0], [6, 8, 'Error', 'unknown-passage', 'Theme "all" lists passage "p2", but the article has 1 paragraph.']);
      assert.deepStrictEqual(list[200], [205, 8, 'Warning', 'too-many-problems', '99799 more problems in this file are not listed: only the first 200 of 99999 are shown.']);
      const snapshot = await api.snapshot();
      assert.strictEqual(snapshot.entry('many')?.themes.passageCount('all'), 1);
    } finally {
      await vscode.workspace.fs.delete(file('articles/many.md'));
      await vscode.workspace.fs.delete(file('articles/many.themes.yaml'));
      await config().update('maxFileSizeKB', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until(async () => !(await rootIds()).includes('a:many'), 'the article gone', BOUND_MS);
  });

  // A copy into the workspace as the workbench's watcher may report it: 2,000 files over a few seconds, in ten batches
  // of 200 with 300 ms between them, so the events come in many settle windows, and the events of the second half never
  // come at all (`files.watcherExclude` hides them, as a watcher that drops events in a burst would). Before the burst
  // fix, the events were applied window by window and the unreported files never reached the tree (timed out here);
  // with a single re-list a second after the last event, the files written after it were still missing.
  test('2,000 small articles written in batches over a few seconds all reach the tree and the search, and all leave again', async () => {
    const before = (await rootIds()).length;
    const files = vscode.workspace.getConfiguration('files');
    await files.update('watcherExclude', { '**/articles/burst/b1[0-9][0-9][0-9].md': true }, vscode.ConfigurationTarget.Workspace);
    try {
      // The workbench restarts its watcher for the new setting: a file seen coming and going says it watches again.
      await write('articles/probe.md', '# Probe\n\nA probe.\n');
      await until(async () => (await rootIds()).includes('a:probe'), 'the probe in the tree', BURST_BOUND_MS);
      await vscode.workspace.fs.delete(file('articles/probe.md'));
      await until(async () => !(await rootIds()).includes('a:probe'), 'the probe gone', BURST_BOUND_MS);

      fs.mkdirSync(onDisk('articles/burst'));
      for (let batch = 0; batch < 10; batch++) {
        for (let i = batch * 200; i < (batch + 1) * 200; i++) {
          const last = i === 1999 ? ' The last one mentions a quetzalcoatlus.' : '';
          fs.writeFileSync(onDisk(`articles/burst/b${String(i).padStart(4, '0')}.md`), `# Burst ${i}\n\nA small note of the burst, numbered ${i}.${last}\n`);
        }
        await new Promise(resolve => setTimeout(resolve, 300));
      }
      await until(async () => (await rootIds()).length === before + 2000, 'the 2,000 articles in the tree', BURST_BOUND_MS);
      const ids = await rootIds();
      assert.deepStrictEqual([ids.filter(id => /^a:b\d{4}$/.test(id)).length, ids.includes('a:b0000'), ids.includes('a:b1999')], [2000, true, true]);
      const hits = await api.search('quetzalcoatlus');
      assert.deepStrictEqual(hits.map(h => [h.articleId, h.passageId, h.text]), [['b1999', 'p1.s2', 'The last one mentions a quetzalcoatlus.']]);

      // Deleted while the watcher still hides half of them.
      await vscode.workspace.fs.delete(file('articles/burst'), { recursive: true });
      await until(async () => (await rootIds()).length === before, 'the 2,000 articles gone', BURST_BOUND_MS);
      assert.deepStrictEqual(await api.search('quetzalcoatlus'), []);
    } finally {
      fs.rmSync(onDisk('articles/burst'), { recursive: true, force: true });
      fs.rmSync(onDisk('articles/probe.md'), { force: true });
      // Only now: the watcher's restart for the setting loses the events of files deleted meanwhile (seen: parcel's
      // "inotify_add_watch … No such file or directory", and the deletion never reported).
      await files.update('watcherExclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  // It took from 73 s to over 190 s in CI runs under load before the burst fix (it ran only on request then), 18.6 s
  // after it at a load average of 5 to 7. The limits bench times the same case.
  test('10,000 small articles all load, and all leave again', async () => {
    const before = (await rootIds()).length;
    fs.mkdirSync(onDisk('articles/bulk'));
    for (let i = 0; i < 10000; i++) {
      fs.writeFileSync(onDisk(`articles/bulk/n${String(i).padStart(5, '0')}.md`), `# Note ${i}\n\nA small note numbered ${i}. It has two sentences.\n`);
    }
    try {
      const t0 = Date.now();
      await until(async () => (await rootIds()).length === before + 10000, 'the 10,000 articles in the tree', BULK_BOUND_MS);
      assert.ok(Date.now() - t0 < BULK_BOUND_MS);
      const hits = await api.search('numbered 9876');
      assert.deepStrictEqual(hits.map(h => `${h.articleId}#${h.passageId}`).slice(0, 1), ['n09876#p1.s1']);
    } finally {
      await vscode.workspace.fs.delete(file('articles/bulk'), { recursive: true });
    }
    await until(async () => (await rootIds()).length === before, 'the 10,000 articles gone', BULK_BOUND_MS);
  });
});
