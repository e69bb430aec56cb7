import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BURST_GAP_MS, type Clock, CONFIRM_AFTER_MS, FileEventBatcher, MAX_RELIST_WAIT_MS, MAX_SETTLE_MS, RELIST_AFTER_FILES, SETTLE_MS } from '../../src/fileEvents';

/** A clock whose time moves only by {@link advance}, running the timers that fall due in order. */
class FakeClock implements Clock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time on by `ms`, running each timer at its time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

/** A library that records what it is told, at what time; each reload settles when the test says. */
class FakeLibrary {
  readonly calls: string[] = [];
  private readonly reloads: (() => void)[] = [];

  constructor(private readonly clock: FakeClock) {}

  update(uris: readonly string[]): void {
    this.calls.push(`${this.clock.now()} update ${uris.join(',')}`);
  }

  reload(): Promise<void> {
    this.calls.push(`${this.clock.now()} reload`);
    return new Promise(resolve => this.reloads.push(resolve));
  }

  /** Settles the oldest pending reload and lets its continuation run. */
  async finishReload(): Promise<void> {
    this.reloads.shift()?.();
    await new Promise(resolve => setImmediate(resolve));
  }
}

function setup(): { clock: FakeClock; library: FakeLibrary; events: FileEventBatcher<string> } {
  const clock = new FakeClock();
  const library = new FakeLibrary(clock);
  return { clock, library, events: new FileEventBatcher<string>(library, uri => uri, clock) };
}

/** `n` events for files f0, f1, … (from `from`), `gap` ms apart, the first at once. */
function burst(clock: FakeClock, events: FileEventBatcher<string>, n: number, gap: number, from = 0): void {
  for (let i = 0; i < n; i++) {
    if (i > 0) clock.advance(gap);
    events.event(`f${from + i}`);
  }
}

describe('FileEventBatcher', () => {
  it('the constants it is tuned with', () => {
    assert.deepEqual([SETTLE_MS, MAX_SETTLE_MS, BURST_GAP_MS, RELIST_AFTER_FILES, MAX_RELIST_WAIT_MS, CONFIRM_AFTER_MS], [100, 1000, 1000, 200, 10000, 5000]);
  });

  it('a saved file is re-read 100 ms after its event', () => {
    const { clock, library, events } = setup();
    events.event('a.md');
    clock.advance(99);
    assert.deepEqual(library.calls, []);
    clock.advance(1);
    assert.deepEqual(library.calls, ['100 update a.md']);
  });

  it('events of one save settle together, each file once', () => {
    const { clock, library, events } = setup();
    events.event('a.md');
    clock.advance(50);
    events.event('a.themes.yaml');
    clock.advance(50);
    events.event('a.md');
    clock.advance(1000);
    assert.deepEqual(library.calls, ['200 update a.md,a.themes.yaml']);
  });

  it('a file written without pause is still re-read once a second', () => {
    const { clock, library, events } = setup();
    for (let t = 0; t <= 2500; t += 50) {
      events.event('log.md');
      clock.advance(50);
    }
    clock.advance(1000);
    assert.deepEqual(library.calls, ['1000 update log.md', '2000 update log.md', '2600 update log.md']);
  });

  it(`a burst of ${RELIST_AFTER_FILES} files is applied file by file, window by window`, () => {
    const { clock, library, events } = setup();
    burst(clock, events, RELIST_AFTER_FILES, 150);
    clock.advance(5000);
    // Events 150 ms apart: each settles before the next (the burst goes on: 150 ms < 1 s).
    assert.equal(library.calls.length, RELIST_AFTER_FILES);
    assert.deepEqual(library.calls.slice(0, 2), ['100 update f0', '250 update f1']);
    assert.equal(library.calls.at(-1), `${199 * 150 + 100} update f199`);
  });

  it('one file more in the burst, and the rest of it is not applied: the library is listed again once it is quiet for a second, and 5 s after the last event', async () => {
    const { clock, library, events } = setup();
    // 300 files, 150 ms apart: the first 200 are re-read one by one, the 201st (at 30,000 ms) makes it a burst to re-list.
    burst(clock, events, 300, 150);
    assert.equal(library.calls.length, RELIST_AFTER_FILES + 1);
    assert.deepEqual(library.calls.slice(-2), ['29950 update f199', '40000 reload']);
    assert.equal(events.isRelisting, true);
    // Events go on until 44,850 ms: the reload at 40,000 (10 s after the burst became one) does not end the burst.
    await library.finishReload();
    assert.equal(events.isRelisting, true);
    clock.advance(BURST_GAP_MS - 1);
    assert.equal(library.calls.length, RELIST_AFTER_FILES + 1);
    clock.advance(1);
    assert.deepEqual(library.calls.slice(-1), ['45850 reload']);
    await library.finishReload();
    // Files written after the last event reported, their events all dropped, are listed 5 s after it.
    assert.equal(events.isRelisting, true);
    clock.advance(CONFIRM_AFTER_MS - BURST_GAP_MS - 1);
    assert.deepEqual(library.calls.slice(-1), ['45850 reload']);
    clock.advance(1);
    assert.deepEqual(library.calls.slice(-1), ['49850 reload']);
    await library.finishReload();
    assert.equal(events.isRelisting, false);
    clock.advance(60000);
    assert.equal(library.calls.length, RELIST_AFTER_FILES + 3);
  });

  it('2,000 files copied in a second: none re-read one by one, a reload a second after the last event and one 5 s after it', async () => {
    const { clock, library, events } = setup();
    // 2,000 events 0.5 ms apart: the 201st comes at 100 ms, before the first ones have settled.
    burst(clock, events, 2000, 0.5);
    clock.advance(BURST_GAP_MS);
    assert.deepEqual(library.calls, ['1999.5 reload']);
    await library.finishReload();
    clock.advance(60000);
    assert.deepEqual(library.calls, ['1999.5 reload', '5999.5 reload']);
    await library.finishReload();
    assert.equal(events.isRelisting, false);
  });

  it('events while the reload runs: it is listed again after them, and a later single save is applied at once', async () => {
    const { clock, library, events } = setup();
    burst(clock, events, 300, 1);
    clock.advance(BURST_GAP_MS);
    assert.deepEqual(library.calls, [`${299 + BURST_GAP_MS} reload`]);
    // The workbench reports the last few files while the library lists the folders.
    clock.advance(500);
    burst(clock, events, 3, 10, 300);
    await library.finishReload();
    assert.equal(events.isRelisting, true);
    clock.advance(BURST_GAP_MS);
    assert.deepEqual(library.calls, ['1299 reload', '2819 reload']);
    await library.finishReload();
    clock.advance(CONFIRM_AFTER_MS);
    assert.deepEqual(library.calls, ['1299 reload', '2819 reload', '6819 reload']);
    await library.finishReload();
    assert.equal(events.isRelisting, false);
    events.event('a.md');
    clock.advance(SETTLE_MS);
    assert.deepEqual(library.calls, ['1299 reload', '2819 reload', '6819 reload', '7919 update a.md']);
  });

  it('a new burst after a quiet second counts from zero', () => {
    const { clock, library, events } = setup();
    burst(clock, events, RELIST_AFTER_FILES, 1);
    clock.advance(BURST_GAP_MS);
    burst(clock, events, RELIST_AFTER_FILES, 1, RELIST_AFTER_FILES);
    clock.advance(BURST_GAP_MS);
    assert.deepEqual(library.calls.map(c => c.split(' ').slice(0, 2).join(' ') + ` ${c.split(',').length}`), ['299 update 200', '1498 update 200']);
  });

  it('the same file over and over is one file of the burst', () => {
    const { clock, library, events } = setup();
    for (let i = 0; i < 1000; i++) {
      events.event(i % 2 === 0 ? 'a.md' : 'b.md');
      clock.advance(5);
    }
    clock.advance(BURST_GAP_MS);
    assert.equal(events.isRelisting, false);
    assert.deepEqual(library.calls, ['1000 update a.md,b.md', '2000 update a.md,b.md', '3000 update a.md,b.md', '4000 update a.md,b.md', '5000 update a.md,b.md']);
  });

  it('after dispose, nothing is called', () => {
    const { clock, library, events } = setup();
    events.event('a.md');
    events.dispose();
    events.event('b.md');
    clock.advance(5000);
    assert.deepEqual(library.calls, []);
  });
});
