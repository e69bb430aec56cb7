// `npm run l10n`: extracts every vscode.l10n.t() string of src/ into l10n/bundle.l10n.json (with @vscode/l10n-dev,
// the tool VS Code's own extensions use), then lists the strings l10n/bundle.l10n.zh-cn.json lacks or no longer
// needs. Translations are kept by hand in the zh-cn bundle; test/unit/l10n.test.ts fails when one is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
const r = spawnSync(process.execPath, [cli, 'export', '-o', path.join(root, 'l10n'), path.join(root, 'src')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
const read = f => JSON.parse(fs.readFileSync(path.join(root, 'l10n', f), 'utf8'));
const en = read('bundle.l10n.json');
const zh = read('bundle.l10n.zh-cn.json');
const missing = Object.keys(en).filter(k => !(k in zh));
const stale = Object.keys(zh).filter(k => !(k in en));
for (const k of missing) console.log(`to translate: ${JSON.stringify(k)}`);
for (const k of stale) console.log(`no longer used: ${JSON.stringify(k)}`);
process.exit(missing.length || stale.length ? 1 : 0);
