// One measurement of the library core on the Brown Corpus articles, in a fresh Node process (run by
// bench/figures/library.mjs as `node --expose-gc bench/lib/library-worker.cjs <mode> <dir> <engine.js>`); prints JSON.
//   cold     read, parse and index every article, until the first query is answered: { ms, heapMB }
//   store    cold, then the stored form of the library (src/core/storedLibrary.ts) written to <store>: { ms, bytes }
//   warm     a start with <store>: every file's modification time and size compared with the stored ones, the
//            store read and decoded, the stored postings taken over, the first query answered: { ms, firstQueryMs }
//   search   every prefix of each query, as typed (after a full collection of the load's garbage): core search (top 50
//            with highlight ranges), a linear scan of lower-cased paragraphs, and ripgrep (one process per query, as
//            VS Code runs it): per-query ms
//   reindex  one changed article re-parsed and re-indexed in place, for 10 articles: ms each
//   themes   the automatic themes of one article, the first time (every article's phrases counted): ms
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { performance } = require('perf_hooks');

const [mode, dir, enginePath, storePath] = process.argv.slice(2);
const engine = require(enginePath);
const files = fs.readdirSync(dir).filter(f => f.endsWith('.md')).sort().map(f => path.join(dir, f));
const now = () => performance.now();
const gc = () => { globalThis.gc?.(); globalThis.gc?.(); };
/** Heap and typed-array memory in use (the index's postings and tokens are typed arrays, outside `heapUsed`). */
const memory = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
/** The library's key of a file: its modification time and size (the theme files' part is left out: none exist here). */
const keyOf = f => { const s = fs.statSync(f); return `${s.mtimeMs}:${s.size}`; };
const CONTEXT = 'bench';

/** The queries of the bench: 20 ordinary queries; each is typed letter by letter. */
const QUERIES = ['election', 'jury said', 'city council', 'foreign policy', 'president kennedy', 'nuclear weapons', 'church',
  'baseball game', 'music', 'students', 'water supply', 'tax', 'family', 'love', 'science', 'hospital', 'atlanta',
  'new york', 'war', 'religion'];
const prefixes = QUERIES.flatMap(q => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1))).filter(p => p.trim() && !p.endsWith(' '));

function load() {
  const articles = files.map(f => engine.parseArticle(f, fs.readFileSync(f, 'utf8')).value);
  const index = new engine.SearchIndex(articles.map(article => ({ article })));
  return { articles, index };
}

const out = {};
if (mode === 'cold') {
  gc();
  const heap0 = memory();
  const t0 = now();
  const lib = load();
  lib.index.search('election', { limit: 50 }); // the first query lays out the postings and sorts the vocabulary
  out.ms = now() - t0;
  gc();
  out.heapMB = (memory() - heap0) / 1e6;
  out.articles = lib.articles.length;
  out.paragraphs = lib.articles.reduce((n, a) => n + a.paragraphs.length, 0);
  out.sentences = lib.articles.reduce((n, a) => n + a.sentences.length, 0);
} else if (mode === 'store') {
  const { articles, index } = load();
  index.search('election', { limit: 50 });
  const t0 = now();
  const bytes = engine.encodeStoredLibrary({
    context: CONTEXT,
    articles: articles.map((article, i) => ({ uri: files[i], key: keyOf(files[i]), article, problems: [], terms: index.sentenceTerms(article) })),
  });
  fs.writeFileSync(storePath, bytes);
  out.ms = now() - t0;
  out.bytes = bytes.length;
} else if (mode === 'warm') {
  const t0 = now();
  const keys = new Map(files.map(f => [f, keyOf(f)]));
  const stored = engine.decodeStoredLibrary(fs.readFileSync(storePath), CONTEXT);
  if (!stored) throw new Error(`${storePath} is not a usable store`);
  const sources = stored.articles.filter(a => keys.get(a.uri) === a.key).map(a => ({ article: a.article, terms: a.terms }));
  if (sources.length !== files.length) throw new Error(`${sources.length} of ${files.length} articles in the store`);
  const index = new engine.SearchIndex(sources);
  const tq = now();
  index.search('election', { limit: 50 });
  out.ms = now() - t0;
  out.firstQueryMs = now() - tq;
} else if (mode === 'search') {
  const { articles, index } = load();
  for (const p of prefixes.slice(0, 20)) index.search(p, { limit: 50 }); // warm the JIT, as a session's first queries do
  // The load's garbage collected first, as the extension host's idle-time collection has done by the time someone
  // types (without this, a full collection of the load's 60 MB fell into whichever query came next: 10–25 ms).
  gc();
  out.queries = prefixes.length;
  out.core = prefixes.map(p => { const t = now(); index.search(p, { limit: 50 }); return now() - t; });
  const paragraphs = articles.flatMap(a => a.paragraphs.map(p => p.text.toLowerCase()));
  out.linear = prefixes.map(p => {
    const t = now();
    const words = p.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const text of paragraphs) if (words.every(w => text.includes(w))) n++;
    return n >= 0 ? now() - t : 0;
  });
  const rg = spawnSync('rg', ['--version']);
  if (rg.status === 0) {
    out.ripgrep = prefixes.map(p => { const t = now(); spawnSync('rg', ['-i', '-F', '-l', '--', p, dir]); return now() - t; });
  }
} else if (mode === 'reindex') {
  const { articles, index } = load();
  out.ms = [];
  for (let i = 0; i < 10; i++) {
    const k = i * 50;
    const text = fs.readFileSync(files[k], 'utf8') + '\nAn added paragraph about a zeppelin.\n';
    const t = now();
    const changed = engine.parseArticle(files[k], text).value;
    index.update([articles[k]], [{ article: changed }]);
    index.search('zeppelin', { limit: 50 }); // the index is current: the next query sees the change
    out.ms.push(now() - t);
    articles[k] = changed;
  }
} else if (mode === 'themes') {
  const { articles } = load();
  const t = now();
  const themes = new engine.AutomaticThemes(articles).themes(articles[0]);
  out.ms = now() - t;
  out.labels = themes.map(x => x.label);
  const t2 = now();
  new engine.AutomaticThemes(articles).themes(articles[1]);
  out.nextMs = now() - t2;
}
console.log(JSON.stringify(out));
