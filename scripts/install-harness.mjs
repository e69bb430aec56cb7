// Installs what the harness needs and is missing: Debian packages (as root), node_modules, Node 24 and code-server.
// Usage: node scripts/install-harness.mjs   (ARTICLE_ATLAS_HARNESS_DIR names the cache folder)
import { ensureAptPackages, ensureHarness, ensureNodeModules, HARNESS_DIR, log } from './lib/harness.mjs';

try {
  const started = Date.now();
  ensureAptPackages();
  ensureNodeModules();
  const installed = await ensureHarness();
  log(`${installed ? 'installed' : 'reused'} ${HARNESS_DIR} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} catch (e) {
  console.error(e.message ?? e);
  process.exit(1);
}
