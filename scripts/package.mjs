// `npm run package`: builds the .vsix (out/article-atlas.vsix) with vsce, then lists it and fails if it holds
// anything but what scripts/lib/vsix.mjs allows.
// `npm run package:ovsx`: the same package as Open VSX builds it when publishing (`ovsx publish` packages with
// vsce's createVSIX after its own manifest and licence checks) into out/article-atlas-ovsx.vsix, read back with
// ovsx's own reader — everything `ovsx publish` does before the upload, without uploading.
// `--check-only` lists and checks an existing out/article-atlas.vsix.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, packageVsix } from './lib/harness.mjs';
import { checkVsix } from './lib/vsix.mjs';

const ovsx = process.argv.includes('--ovsx');
let file = path.join(ROOT, 'out', 'article-atlas.vsix');
if (ovsx) {
  const { readManifest, validateManifest, isLicenseOk } = await import('ovsx');
  const { createVSIX } = await import('@vscode/vsce');
  const { readVSIXPackage } = await import('ovsx/lib/zip.js');
  const manifest = await readManifest(ROOT);
  validateManifest(manifest);
  if (!await isLicenseOk(ROOT, manifest)) throw new Error('Open VSX needs a licence: package.json "license" or a LICENSE file.');
  file = path.join(ROOT, 'out', 'article-atlas-ovsx.vsix');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await createVSIX({ cwd: ROOT, packagePath: file, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false });
  const read = await readVSIXPackage(file);
  console.log(`Open VSX reads ${read.publisher}.${read.name} ${read.version}`);
} else if (!process.argv.includes('--check-only')) {
  packageVsix();
}
process.exit(await checkVsix(file) ? 0 : 1);
