// `npm start`: installs what is missing, builds and packages the extension, installs the .vsix into a private
// profile and serves a real VS Code workbench (code-server) on 127.0.0.1 with a copy of samples/workspace open.
// Runs until Ctrl-C, then stops the server's process group and removes the profile. PORT picks the port.
import path from 'node:path';
import {
  ROOT, createProfile, ensureHarness, ensureNodeModules, freePort, installExtension, log, packageVsix, startServer,
} from './lib/harness.mjs';

try {
  ensureNodeModules();
  await ensureHarness();
} catch (e) {
  console.error(e.message ?? e);
  process.exit(1);
}
const vsix = packageVsix();
const profile = createProfile({ workspace: path.join(ROOT, 'samples', 'workspace'), prefix: 'article-atlas-start-' });
let server;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await server?.stop();
  profile.remove();
  log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));

try {
  installExtension(profile, vsix);
  const port = process.env.PORT ? Number(process.env.PORT) : await freePort();
  server = await startServer(profile, { port });
  server.child.once('exit', c => {
    if (stopping) return;
    console.error(`code-server exited (${c}):\n${server.logTail(4000)}`);
    stop(1);
  });
  const url = `${server.url}/?folder=${encodeURIComponent(profile.workspace)}`;
  console.log(`
Article Atlas is running in VS Code (code-server) at

  ${url}

Workspace: ${profile.workspace} (a copy of samples/workspace; it is removed on exit)
Press Ctrl-C to stop.
`);
} catch (e) {
  console.error(e.message ?? e);
  await stop(1);
}
