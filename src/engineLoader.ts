/**
 * Loads the engine bundle (`dist/engine.js`, see src/engine.ts) once per extension host, on first
 * use: the library's first load, or the warm-up that activation schedules right after it returns.
 */
import * as vscode from 'vscode';
import { loadBundle } from './bundles';
import type * as EngineModule from './engine';

/** What `dist/engine.js` exports. */
export type Engine = typeof EngineModule;

/** This extension's id (`publisher.name` of package.json), whose `dist/engine.js` is loaded. */
const EXTENSION_ID = 'articleatlas.article-atlas';

let loading: Promise<Engine> | undefined;

/**
 * The engine, loading `dist/engine.js` on the first call ({@link loadBundle}: `require` in the
 * desktop host, evaluated in the web worker host); later calls share the same promise.
 * @throws (rejects) when the bundle cannot be read or evaluated; the next call tries again.
 */
export function loadEngine(): Promise<Engine> {
  loading ??= (async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(vscode.l10n.t('The extension {0} is not installed in this extension host.', EXTENSION_ID));
    return loadBundle<Engine>(extension.extensionUri, vscode.workspace.fs, 'engine.js');
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}
