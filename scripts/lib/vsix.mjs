// What a published .vsix may hold, and a reader of its contents. Used by scripts/package.mjs (`npm run package`,
// `npm run package:ovsx`) and by the `package` stage of `npm test`.
import yauzl from 'yauzl';

/**
 * The files a .vsix may hold, as paths inside the zip: vsce's own manifest files, and under `extension/` the bundles
 * (`dist/`), `media/`, `content/`, `l10n/`, the nls files, package.json, README, CHANGELOG, LICENSE and the third-party
 * notices (vsce renames README.md and CHANGELOG.md to lower case and LICENSE to LICENSE.txt). The allow-list of
 * .vscodeignore decides what goes in; this list checks the result.
 */
export const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z]{2}(-[a-z]{2,4})?)?\.json$/,
  /^extension\/(readme|changelog)\.md$/,
  /^extension\/LICENSE(\.txt)?$/,
  /^extension\/THIRD_PARTY_NOTICES\.md$/,
  /^extension\/(dist|media|content|l10n)\/.+[^/]$/,
];

/** Files that never belong in a published package even inside an allowed folder: source maps, TypeScript sources. */
export const FORBIDDEN = [/\.map$/, /\.tsx?$/, /(^|\/)node_modules\//, /(^|\/)\.[^/]+$/];

/**
 * The entries of the zip file at `file` that are not allowed: not matched by {@link ALLOWED}, or matched by
 * {@link FORBIDDEN}.
 * @param {string[]} entries paths inside the zip, `/`-separated.
 * @returns {string[]}
 */
export function unexpectedEntries(entries) {
  return entries.filter(e => !ALLOWED.some(re => re.test(e)) || FORBIDDEN.some(re => re.test(e)));
}

/**
 * The file paths inside the zip file at `file` (folders left out), in the zip's order.
 * @param {string} file a .vsix (zip) file.
 * @returns {Promise<{ path: string, size: number }[]>} `size` in bytes, uncompressed.
 * @throws (rejects) when the file cannot be read as a zip.
 */
export function vsixEntries(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) { reject(err); return; }
      const entries = [];
      zip.on('entry', entry => {
        if (!entry.fileName.endsWith('/')) entries.push({ path: entry.fileName, size: entry.uncompressedSize });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Lists the .vsix at `file` and checks it against the allow-list; prints the listing and any unexpected file.
 * @returns {Promise<boolean>} true when every entry is allowed.
 */
export async function checkVsix(file) {
  const entries = await vsixEntries(file);
  const bad = unexpectedEntries(entries.map(e => e.path));
  const total = entries.reduce((s, e) => s + e.size, 0);
  console.log(`${file}: ${entries.length} files, ${(total / 1000).toFixed(1)} KB uncompressed`);
  for (const e of entries) console.log(`  ${bad.includes(e.path) ? '✘' : ' '} ${e.path}  (${e.size} B)`);
  if (bad.length) console.error(`${bad.length} file(s) not allowed in the .vsix (see scripts/lib/vsix.mjs):\n${bad.map(b => `  ${b}`).join('\n')}`);
  return bad.length === 0;
}
