// `npm run icon`: renders build/icon.svg to media/icon.png, the 128 × 128 PNG the Marketplace and Open VSX show
// (package.json "icon"; vsce refuses SVG icons). resvg draws the same pixels on every machine, so the committed PNG
// can be regenerated and compared. Run it after changing build/icon.svg and commit both files.
import { Resvg } from '@resvg/resvg-js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'build', 'icon.svg'), 'utf8');
const png = new Resvg(svg, { fitTo: { mode: 'width', value: 128 }, font: { loadSystemFonts: false } }).render().asPng();
fs.writeFileSync(path.join(root, 'media', 'icon.png'), png);
console.log(`media/icon.png: 128 × 128, ${png.length} bytes`);
