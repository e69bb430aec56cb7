// A copy of the packaged .vsix whose package.json has no "main": VS Code can then run the extension only from its
// "browser" entry, in the web worker extension host (as in vscode.dev), never in the Node one.
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** Reads every file of the zip at `file` into memory: [{ name, data }]. */
function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) { reject(err); return; }
      const files = [];
      zip.on('entry', entry => {
        if (entry.fileName.endsWith('/')) { zip.readEntry(); return; }
        zip.openReadStream(entry, (e, stream) => {
          if (e) { reject(e); return; }
          const chunks = [];
          stream.on('data', c => chunks.push(c));
          stream.on('end', () => { files.push({ name: entry.fileName, data: Buffer.concat(chunks) }); zip.readEntry(); });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Writes `<vsix without .vsix>-web.vsix` beside `vsix`: the same files, with "main" removed from
 * extension/package.json. Resolves with its path.
 */
export async function webOnlyVsix(vsix) {
  const out = vsix.replace(/\.vsix$/, '-web.vsix');
  const zip = new yazl.ZipFile();
  for (const { name, data } of await readZip(vsix)) {
    if (name === 'extension/package.json') {
      const manifest = JSON.parse(data.toString('utf8'));
      if (!manifest.browser) throw new Error(`${vsix} has no "browser" entry`);
      delete manifest.main;
      zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), name);
    } else {
      zip.addBuffer(data, name);
    }
  }
  zip.end();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await new Promise((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(out)).on('close', resolve).on('error', reject));
  return out;
}
