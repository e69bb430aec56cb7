// Sizes of what users download: the production bundles and the packaged .vsix, in KB of 1,000 bytes. The issue
// "The editor" sets one target, dist/extension.js (what the host loads before activate()) under 300 KB; the bundles
// loaded later (engine.js right after activation, citations.js on first use or when idle, webview.js by the reader)
// and the .vsix are given for information.
import fs from 'node:fs';
import path from 'node:path';

/** @param {import('../run.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const kb = file => Number((fs.statSync(file).size / 1000).toFixed(1));
  const dist = name => path.join(ctx.root, 'dist', name);
  return [
    { name: 'extension bundle (dist/extension.js, minified)', value: kb(dist('extension.js')), unit: 'KB', target: '<= 300' },
    { name: 'engine bundle, loaded after activation (dist/engine.js, minified)', value: kb(dist('engine.js')), unit: 'KB', target: '—' },
    { name: 'citations bundle, loaded on first use (dist/citations.js, minified)', value: kb(dist('citations.js')), unit: 'KB', target: '—' },
    { name: 'webview bundle (dist/webview.js, minified)', value: kb(dist('webview.js')), unit: 'KB', target: '—' },
    { name: 'packaged .vsix', value: kb(ctx.vsix()), unit: 'KB', target: '—' },
  ];
}
