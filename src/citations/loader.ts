/**
 * Loads the citations bundle (`dist/citations.js`: citeproc-js and the CSL styles, about 600 KB)
 * on first use, never during activation, and warms it when the extension is idle.
 */
import type * as vscode from 'vscode';
import { loadBundle } from '../bundles';
import type { CitationEngine } from '../core/citation/engine';
import type { CitationStyleKey } from '../core/citation/styles';

/** What `dist/citations.js` exports (see src/citations/bundle.ts). */
export interface CitationsBundle {
  createCitationEngine(): CitationEngine;
}

/**
 * Loads `dist/citations.js` ({@link loadBundle}: `require` in the desktop host, evaluated in the web worker host).
 * @throws the file system's error when the bundle cannot be read.
 */
export function loadCitationsBundle(extensionUri: vscode.Uri, fs: Pick<vscode.FileSystem, 'readFile'>): Promise<CitationsBundle> {
  return loadBundle<CitationsBundle>(extensionUri, fs, 'citations.js');
}

/** The engine, created on first {@link engine} call and kept; {@link warmWhenIdle} starts it early. */
export class CitationEngineHost implements vscode.Disposable {
  private loading: Promise<CitationEngine> | undefined;
  private loaded: CitationEngine | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  /** @param load loads the bundle (default {@link loadCitationsBundle}; a fake in tests). */
  constructor(private readonly load: () => Promise<CitationsBundle>, private readonly log?: Pick<vscode.LogOutputChannel, 'info' | 'error'>) {}

  /** The engine if it is loaded already, without loading it. */
  get ready(): CitationEngine | undefined {
    return this.loaded;
  }

  /** The engine, loading the bundle on first call. Rejects when the bundle cannot be loaded (and retries next time). */
  engine(): Promise<CitationEngine> {
    this.loading ??= this.load().then(bundle => {
      this.loaded = bundle.createCitationEngine();
      return this.loaded;
    }, e => {
      this.loading = undefined;
      throw e;
    });
    return this.loading;
  }

  /**
   * After `delayMs` milliseconds (the caller waits until the views are drawn and the library
   * loaded), loads the bundle and builds `style`'s processor, so the first citation does not wait
   * for them. Nothing happens once disposed.
   */
  warmWhenIdle(style: () => CitationStyleKey, delayMs = 1000): void {
    if (this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const t0 = Date.now();
      this.engine().then(engine => {
        // One step a task: a request of the Themes view or a keystroke in a QuickPick is served between them.
        const steps = engine.warmSteps(style());
        const next = (): void => {
          const step = steps.shift();
          if (this.disposed) return;
          if (!step) {
            this.log?.info(`Citation engine ready (${style()}) in ${Date.now() - t0} ms.`);
            return;
          }
          try {
            step();
          } catch (e) {
            this.log?.error(`The citation engine could not be warmed: ${e instanceof Error ? e.message : String(e)}`);
            return;
          }
          this.timer = setTimeout(next, 0);
        };
        next();
      }, e => this.log?.error(`The citation engine could not be loaded: ${e instanceof Error ? e.message : String(e)}`));
    }, delayMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
