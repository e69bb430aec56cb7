// One measurement of the core parsers on a hostile input, in a fresh Node process (run by bench/figures/limits.mjs as
// `node --expose-gc bench/lib/limits-worker.cjs <case> <dir> <engine.js>`); the input is written to <dir> (git-ignored
// bench/corpus/limits/) and read back, as the host would; prints JSON { ms, heapMB, ... }.
//   paragraph  an article of one 100,000-character paragraph of 9,091 short sentences: parse
//   deep       a theme file whose themes nest 10,000 levels deep (flow style): load with its article
//   cyclic     a theme file whose theme list holds an alias to itself: load with its article
//   passages   a theme file naming 100,000 passages (20 known to the article): load with its article
//   ceiling    an article of 4,096 KB (the most the library loads, src/library.ts MAX_FILE_SIZE_KB): parse and index
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const [which, dir, enginePath] = process.argv.slice(2);
const engine = require(enginePath);
fs.mkdirSync(dir, { recursive: true });
const gc = () => { globalThis.gc?.(); globalThis.gc?.(); };
const write = (name, text) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
const read = f => fs.readFileSync(f, 'utf8');
const ARTICLE = `---\nid: a\ntitle: A\n---\n\n${Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1}. Its second sentence.`).join('\n\n')}\n`;

function measure(f) {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const value = f();
  const ms = performance.now() - t0;
  const heapMB = (process.memoryUsage().heapUsed - heap0) / 1e6; // before a collection: what the work held at its end
  return { ms, heapMB, value };
}

const themesCase = (name, themes) => {
  const a = write(`${name}.md`, ARTICLE);
  const t = write(`${name}.themes.yaml`, themes);
  const at = read(a);
  const tt = read(t);
  const r = measure(() => engine.loadArticle(a, at, t, tt));
  const problems = r.value.problems;
  return { ms: r.ms, heapMB: r.heapMB, problems: problems.length, first: problems[0] && `${problems[0].code}: ${problems[0].message}`, last: problems.at(-1) && `${problems.at(-1).code}: ${problems.at(-1).message}` };
};

let out;
if (which === 'paragraph') {
  const f = write('paragraph.md', `# One paragraph\n\n${'Word word. '.repeat(9091).slice(0, 100000)}\n`);
  const text = read(f);
  const r = measure(() => engine.parseArticle(f, text));
  out = { ms: r.ms, heapMB: r.heapMB, paragraphs: r.value.value.paragraphs.length, sentences: r.value.value.sentences.length, problems: r.value.problems.length };
} else if (which === 'deep') {
  const open = Array.from({ length: 10000 }, (_, i) => `{id: t${i}, label: T, children: [`).join('');
  out = themesCase('deep', `article: a\nthemes: [${open}${']}'.repeat(10000)}]\n`);
} else if (which === 'cyclic') {
  out = themesCase('cyclic', 'article: a\nthemes: &t\n  - id: x\n    label: X\n    children: *t\n');
} else if (which === 'passages') {
  out = themesCase('passages', `article: a\nthemes:\n  - id: big\n    label: Big\n    passages:\n${Array.from({ length: 100000 }, (_, i) => `      - p${i + 1}`).join('\n')}\n`);
} else if (which === 'ceiling') {
  const paragraph = 'The quick brown fox jumps over the lazy dog near the river bank. It was a cold morning. '.repeat(5);
  const f = write('ceiling.md', `# At the ceiling\n\n${`${paragraph}\n\n`.repeat(Math.floor(4096 * 1024 / (paragraph.length + 2)))}`);
  const text = read(f);
  const r = measure(() => {
    const article = engine.parseArticle(f, text).value;
    const index = new engine.SearchIndex([{ article }]);
    index.search('fox', { limit: 50 }); // the index is built on first search
    return { article, index };
  });
  out = { ms: r.ms, heapMB: r.heapMB, bytes: Buffer.byteLength(text), paragraphs: r.value.article.paragraphs.length, sentences: r.value.article.sentences.length };
} else {
  throw new Error(`unknown case ${which}`);
}
console.log(JSON.stringify(out));
