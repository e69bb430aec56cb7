// One measurement of the library core on the Brown Corpus articles, in a fresh Node process (run by
// bench/figures/library.mjs as `node --expose-gc bench/lib/library-worker.cjs <mode> <dir> <engine.js>`); prints JSON.
//   cold     read, parse and index every article: { ms, heapMB }
//   search   every prefix of each query, as typed: core search (top 50 with highlight ranges), a linear scan of
//            lower-cased paragraphs, and ripgrep (one process per query, as VS Code runs it): per-query ms
//   reindex  one changed article re-parsed and re-indexed in place, for 10 articles: ms each
//   themes   the automatic themes of one article, the first time (every article's phrases counted): ms
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { performance } = require('perf_hooks');

const [mode, dir, enginePath] = process.argv.slice(2);
const engine = require(enginePath);
const files = fs.readdirSync(dir).filter(f => f.endsWith('.md')).sort().map(f => path.join(dir, f));
const now = () => performance.now();
const gc = () => { globalThis.gc?.(); globalThis.gc?.(); };

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
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = now();
  const lib = load();
  out.ms = now() - t0;
  gc();
  out.heapMB = (process.memoryUsage().heapUsed - heap0) / 1e6;
  out.articles = lib.articles.length;
  out.paragraphs = lib.articles.reduce((n, a) => n + a.paragraphs.length, 0);
  out.sentences = lib.articles.reduce((n, a) => n + a.sentences.length, 0);
} else if (mode === 'search') {
  const { articles, index } = load();
  for (const p of prefixes.slice(0, 20)) index.search(p, { limit: 50 }); // warm the JIT, as a session's first queries do
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
