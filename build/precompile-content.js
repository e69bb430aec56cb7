// Writes dist/content.json: every article of content/ parsed by the engine just built (dist/engine.js), with its
// theme file's taxonomy for each display language the extension is translated into (en, and each
// package.nls.<language>.json), in the form of src/core/precompiled.ts. The Themes view's first items come from it
// without loading the engine; the library uses an entry only while the hashes of both files match what it reads.
// An article whose parse gives any problem is left out (the library then parses it and shows the problems).
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');

/** The display languages: `en` and those of package.nls.<language>.json, lower case as VS Code's env.language. */
function languages() {
  const found = fs.readdirSync(root).map(f => /^package\.nls\.(.+)\.json$/.exec(f)?.[1]).filter(Boolean).map(l => l.toLowerCase());
  return ['en', ...found.sort()];
}

/** Builds dist/content.json from content/*.md and returns what it wrote: { file, skipped: [file, problems][] }. */
function precompileContent() {
  const enginePath = path.join(root, 'dist', 'engine.js');
  delete require.cache[require.resolve(enginePath)];
  const engine = require(enginePath);
  const dir = path.join(root, 'content');
  const articles = [];
  const skipped = [];
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.md')).sort()) {
    const source = `content/${file}`;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const parsed = engine.parseArticle(source, text);
    const themesSource = parsed.value ? engine.themesSourceFor(source, parsed.value) : undefined;
    const problems = [...parsed.problems];
    let themes;
    if (parsed.value && themesSource) {
      const themesText = fs.readFileSync(path.join(root, themesSource), 'utf8');
      const byLanguage = {};
      for (const language of languages()) {
        const loaded = engine.withThemes(parsed, themesSource, themesText, language);
        problems.push(...loaded.problems);
        byLanguage[language] = loaded.taxonomy;
      }
      themes = { file: path.basename(themesSource), text: themesText, byLanguage };
    }
    if (!parsed.value || problems.length) {
      skipped.push([file, problems.map(p => `${p.file}:${p.line + 1}: ${p.message}`)]);
      continue;
    }
    articles.push(engine.precompileArticle(file, text, parsed.value, themes));
  }
  const out = path.join(root, 'dist', 'content.json');
  fs.writeFileSync(out, JSON.stringify({ version: engine.PRECOMPILED_VERSION, articles }));
  for (const [file, problems] of skipped) console.warn(`[precompile] content/${file} left out: ${problems.join('; ')}`);
  return { file: out, skipped };
}

module.exports = { precompileContent };
