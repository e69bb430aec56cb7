// Quote fidelity: checking a generated document of about 50 pages holding 200 quotations of the shipped article
// (Markdown and LaTeX), and re-checking it after a keystroke inside one quotation (DocumentChecker reuses the
// others' results). The core is bundled and minified by esbuild as in the production build, then timed in this
// Node process: median of BENCH_FIDELITY_RUNS runs (default 15) after 5 warm-up runs.
// Standalone: `node bench/figures/fidelity.mjs` prints the figures without building the extension.
import esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundles the pure core the check needs and loads it. */
async function loadCore() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'article-atlas-bench-')), 'fidelity.cjs');
  await esbuild.build({
    stdin: {
      contents: `export { loadArticle } from './src/core/library';
        export { SourceIndex } from './src/core/fidelity/match';
        export { checkDocument, DocumentChecker } from './src/core/fidelity/check';
        export { formatQuotation } from './src/core/quote';`,
      resolveDir: ROOT, loader: 'ts',
    },
    bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node18', outfile: out, logLevel: 'warning',
  });
  const core = createRequire(import.meta.url)(out);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return core;
}

/** A deterministic pseudo-random generator (mulberry32), so every run checks the same document. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t >>> 0) / 4294967296);
  };
}

const FILLER = ('the of and a to in is was it for on that with as by this at from be are were which an or has had have ' +
  'not but its their his they we one all would there been more when who will no if out so said what up about into than ' +
  'them can only other new some could time these two may then do first any my now such like our over man me even most ' +
  'made after also did many before must through back years where much your way well down should because each just ' +
  'those people how too little state good very make world still own see men work long get here between both life being ' +
  'under never day same another know while last might us great old year off come since against go came right used take ' +
  'three county policy grain harvest railway provinces industry winter coastal river planners report committee').split(' ');

/**
 * A Markdown (or LaTeX) document of `pages` pages of about 3,000 characters of prose, with `count` quotations of the
 * article spread through it: inline and block, cited by title or key with a locator, uncited, trimmed with an ellipsis,
 * with a changed word, with a wrong locator, and made up.
 */
function generate(core, article, { pages, count, latex }) {
  const rnd = random(42);
  const pick = xs => xs[Math.floor(rnd() * xs.length)];
  const prose = n => {
    const words = [];
    for (let i = 0; i < n; i++) words.push(pick(FILLER));
    return words.join(' ').replace(/^./, c => c.toUpperCase()) + '.';
  };
  const sentences = article.sentences;
  const quotes = [];
  for (let i = 0; i < count; i++) {
    const s = sentences[i % sentences.length];
    const kind = i % 8;
    const languageId = latex ? 'latex' : 'markdown';
    let text = core.formatQuotation({ article, range: s, languageId, options: { inlineThreshold: kind === 1 ? 0 : 240, forceInline: kind !== 1 } });
    if (kind === 2) text = text.replace(/ the /, ' a ');                     // a changed word
    if (kind === 3) text = text.replace(/(para\.[ ~])(\d+)/, (_, p, n) => p + (Number(n) % 9 + 1)); // a wrong locator
    if (kind === 4) text = text.replace(/ \(.*\)$|^\\textquote\[.*?\]/, latex ? '\\enquote' : '');   // uncited
    if (kind === 5) text = text.replace(/(\S+ \S+ \S+) (\S+ \S+) /, '$1 … ');   // trimmed
    if (kind === 6) text = latex ? `\\enquote{${prose(14)}}~\\cite[para.~3]{xi-northeast-symposium}` : `“${prose(14)}” [@xi-northeast-symposium, para. 3]`;
    quotes.push(text);
  }
  const charsPerPage = 3000;
  const paragraphs = [];
  let q = 0;
  const total = pages * charsPerPage;
  let length = 0;
  const every = Math.floor(total / count);
  while (length < total || q < count) {
    let p = prose(40 + Math.floor(rnd() * 60));
    if (q < count && length + p.length >= (q + 1) * every - every / 2) {
      const quote = quotes[q++];
      p = quote.includes('\n') ? quote : `${prose(8)} ${quote} ${prose(6)}`;
    }
    paragraphs.push(p);
    length += p.length + 2;
  }
  const body = paragraphs.join('\n\n') + '\n';
  return latex ? `\\documentclass{article}\n\\usepackage{csquotes}\n\\begin{document}\n${body}\\end{document}\n` : `# Generated draft\n\n${body}`;
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Times `fn` `runs` times after `warm` warm-up calls; returns the median in milliseconds. */
function time(fn, runs, warm = 5) {
  for (let i = 0; i < warm; i++) fn(i);
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    xs.push(performance.now() - t);
  }
  return median(xs);
}

/** @param {{ log?: (...a: unknown[]) => void }} ctx */
export async function measure(ctx = {}) {
  const log = ctx.log ?? console.log;
  const runs = Number(process.env.BENCH_FIDELITY_RUNS ?? 15);
  const core = await loadCore();
  const file = path.join(ROOT, 'content', 'northeast-revitalization.md');
  const article = core.loadArticle(file, fs.readFileSync(file, 'utf8')).article;
  const index = new core.SourceIndex([article]);
  const figures = [];
  for (const latex of [false, true]) {
    const languageId = latex ? 'latex' : 'markdown';
    const doc = generate(core, article, { pages: 50, count: 200, latex });
    const result = core.checkDocument(doc, languageId, index);
    const found = result.quotations.length;
    const verdicts = ['exact', 'altered', 'not-found', 'unsourced'].map(s => `${result.quotations.filter(x => x.status === s).length} ${s}`).join(', ');
    log(`fidelity: ${languageId} document of ${doc.length} characters, ${found} quotations (${verdicts}), ${result.diagnostics.length} diagnostics`);
    if (found < 190) throw new Error(`the generated ${languageId} document holds ${found} quotations, expected about 200`);
    const whole = time(() => core.checkDocument(doc, languageId, index), runs);
    figures.push({ name: `quote fidelity: check a ${languageId} document of 50 pages and ${found} quotations, median of ${runs}`, value: round(whole), unit: 'ms', target: '<= 200' });
    if (latex) continue;
    // A keystroke inside a quotation near the middle: one quotation re-checked, the others reused.
    const checker = new core.DocumentChecker(index);
    checker.check(doc, languageId);
    const middle = result.quotations[Math.floor(found / 2)].range;
    const at = middle.start + 5;
    const variants = ['x', 'y'].map(c => doc.slice(0, at) + c + doc.slice(at));
    const keystroke = time(i => checker.check(variants[i % 2], languageId), runs);
    figures.push({ name: `quote fidelity: re-check after a keystroke in one quotation (${languageId}, 50 pages), median of ${runs}`, value: round(keystroke), unit: 'ms', target: '<= 20' });
    const prose = doc.indexOf('\n\n', Math.floor(doc.length / 3)) + 5;
    const outside = ['x', 'y'].map(c => doc.slice(0, prose) + c + doc.slice(prose));
    const keystrokeOutside = time(i => checker.check(outside[i % 2], languageId), runs);
    figures.push({ name: `quote fidelity: re-check after a keystroke outside quotations (${languageId}, 50 pages), median of ${runs}`, value: round(keystrokeOutside), unit: 'ms', target: '<= 20' });
  }
  return figures;
}

const round = x => Number(x.toFixed(2));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of await measure()) console.log(`${f.name}: ${f.value} ${f.unit} (target ${f.target})`);
}
