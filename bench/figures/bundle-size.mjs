// Sizes of what users download: the production bundles and the packaged .vsix.
import fs from 'node:fs';
import path from 'node:path';

/** @param {import('../run.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const kib = file => Number((fs.statSync(file).size / 1024).toFixed(1));
  return [
    { name: 'extension bundle (dist/extension.js, minified)', value: kib(path.join(ctx.root, 'dist', 'extension.js')), unit: 'KiB', target: '<= 512' },
    { name: 'webview bundle (dist/webview.js, minified)', value: kib(path.join(ctx.root, 'dist', 'webview.js')), unit: 'KiB', target: '<= 256' },
    { name: 'packaged .vsix', value: kib(ctx.vsix()), unit: 'KiB', target: '<= 2048' },
  ];
}
