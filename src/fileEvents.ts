/**
 * When the library re-reads the files that file events name, and when it lists its folders again
 * instead: the decision logic of src/libraryWorkspace.ts's watcher, without `vscode` at run time,
 * so that test/unit/fileEvents.test.ts drives it with a fake clock and a fake library.
 *
 * A few events (a file saved, renamed, deleted) are applied file by file once they have settled for
 * {@link SETTLE_MS}. A burst of many (a folder copied in, a checkout) is not: the workbench's file
 * watcher drops events in bursts (seen: 54 of 10,000 new files never reported, and 2,000 files copied in
 * over a few seconds never all reached the tree), so once a burst names more than
 * {@link RELIST_AFTER_FILES} files the library lists its folders again, once the burst is over.
 */

/** How long events are gathered before the files they name are re-read, in ms (editors save in bursts). */
export const SETTLE_MS = 100;
/**
 * Longest wait for events to settle, in ms from the first event waiting: a file written without
 * pause (a log) is still re-read about once a second.
 */
export const MAX_SETTLE_MS = 1000;
/** Events less than this many ms apart belong to one burst; so long without an event ends it. */
export const BURST_GAP_MS = 1000;
/** A burst naming more distinct files than this re-lists the library instead of re-reading them one by one. */
export const RELIST_AFTER_FILES = 200;
/** Longest a burst may go on before the library is listed anyway, in ms from the event that made it one to re-list. */
export const MAX_RELIST_WAIT_MS = 10000;
/**
 * After a burst the library is listed once more when no event has come for this many ms: the
 * files written after the last event reported, whose events were all dropped (seen in a test that
 * hid half of a copy from the watcher), are listed then.
 */
export const CONFIRM_AFTER_MS = 5000;

/** What the batcher tells the library: a port that `ArticleLibrary` fits. */
export interface FileEventTarget<U> {
  /** Re-reads the files (created, changed or deleted) at `uris`. */
  update(uris: readonly U[]): unknown;
  /** Lists every folder again and re-reads what changed; settles when done. */
  reload(): Promise<unknown>;
}

/** The timers the batcher uses: `globalThis`'s, or a fake clock in tests. */
export interface Clock {
  /** Now, in ms. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Gathers file events and tells the library, after they settle, which files to re-read
 * ({@link FileEventTarget.update}); after a burst of more than {@link RELIST_AFTER_FILES} distinct
 * files, stops doing so for that burst and re-lists the library ({@link FileEventTarget.reload}) once
 * no event has come for {@link BURST_GAP_MS}. Events that come while that reload runs (the workbench
 * reports late in a burst) are part of the same burst: the library is listed again after them. Once
 * {@link CONFIRM_AFTER_MS} have passed without an event, it is listed a last time, and the burst is over.
 */
export class FileEventBatcher<U> {
  private readonly pending = new Map<string, U>();
  /** Distinct files of the current burst, while it is applied file by file. */
  private readonly burst = new Set<string>();
  private lastEventAt = Number.NEGATIVE_INFINITY;
  /** When the first event now pending came; the settle timer fires no later than {@link MAX_SETTLE_MS} after it. */
  private pendingSince = 0;
  /** Events seen so far; a reload knows from it whether any came while it ran. */
  private events = 0;
  /** Since the burst grew too large, until a reload has started {@link CONFIRM_AFTER_MS} after the last event and finished. */
  private relisting = false;
  private relistSince = 0;
  private timer: unknown;
  private disposed = false;

  /**
   * @param target the library.
   * @param key identifies a file (its URI string): events for one file count once.
   * @param clock default {@link systemClock}.
   */
  constructor(private readonly target: FileEventTarget<U>, private readonly key: (uri: U) => string, private readonly clock: Clock = systemClock) {}

  /** One file event (created, changed or deleted) for `uri`. */
  event(uri: U): void {
    if (this.disposed) return;
    const now = this.clock.now();
    if (now - this.lastEventAt >= BURST_GAP_MS && !this.relisting) this.burst.clear();
    this.lastEventAt = now;
    this.events++;
    if (this.relisting) {
      this.arm(BURST_GAP_MS, this.relistSince + MAX_RELIST_WAIT_MS, () => this.relist());
      return;
    }
    const key = this.key(uri);
    if (this.pending.size === 0) this.pendingSince = now;
    this.pending.set(key, uri);
    this.burst.add(key);
    if (this.burst.size > RELIST_AFTER_FILES) {
      this.relisting = true;
      this.relistSince = now;
      this.pending.clear();
      this.burst.clear();
      this.arm(BURST_GAP_MS, now + MAX_RELIST_WAIT_MS, () => this.relist());
      return;
    }
    this.arm(SETTLE_MS, this.pendingSince + MAX_SETTLE_MS, () => this.flush());
  }

  /** Whether a burst is being waited out to re-list the library (for tests and logs). */
  get isRelisting(): boolean {
    return this.relisting;
  }

  /** (Re)starts the one timer: `callback` after `delay` ms from now, but not after the time `deadline`. */
  private arm(delay: number, deadline: number, callback: () => void): void {
    this.clock.clearTimeout(this.timer);
    const now = this.clock.now();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      callback();
    }, Math.max(0, Math.min(now + delay, deadline) - now));
  }

  private flush(): void {
    const uris = [...this.pending.values()];
    this.pending.clear();
    if (uris.length > 0) this.target.update(uris);
  }

  private relist(): void {
    const seen = this.events;
    this.relistSince = this.clock.now();
    const quietFor = this.clock.now() - this.lastEventAt;
    const done = (): void => {
      // An event after the reload started may name a file it did not list: the timer it armed lists again.
      if (this.events !== seen || this.disposed) return;
      if (quietFor < CONFIRM_AFTER_MS) {
        this.arm(CONFIRM_AFTER_MS - (this.clock.now() - this.lastEventAt), Number.POSITIVE_INFINITY, () => this.relist());
        return;
      }
      this.relisting = false;
      this.burst.clear();
    };
    this.target.reload().then(done, done);
  }

  /** Drops what is pending; nothing is called after this. */
  dispose(): void {
    this.disposed = true;
    this.clock.clearTimeout(this.timer);
    this.pending.clear();
  }
}
