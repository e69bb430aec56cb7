/**
 * Whether the user is typing into one of the extension's inputs (the search QuickPick), for the
 * background work that would otherwise run between two keystrokes and hold up the second one's
 * results: the automatic themes' slices (15 ms each) and the stored library's encoding (about 0.4 s
 * at once on the Brown Corpus, src/indexStore.ts). No `vscode` at run time, so unit tests run it.
 */

/** How long after a keystroke the user counts as typing, in ms. */
export const TYPING_PAUSE_MS = 500;

/** What background work asks before it runs: see {@link InputActivity.delay}. */
export type BackgroundWork = 'slice' | 'long';

/** The extension's inputs: how many are open and when the last keystroke came. */
export class InputActivity {
  private open = 0;
  private lastKeystroke = Number.NEGATIVE_INFINITY;

  /** @param now the clock, in ms (`performance.now()`; a fake in tests). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Notes that an input opened; call the function returned when it closes (again: no effect). */
  opened(): () => void {
    this.open++;
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.open--;
    };
  }

  /** Notes a keystroke (a change of an input's value). */
  keystroke(): void {
    this.lastKeystroke = this.now();
  }

  /**
   * How long background work should wait before it runs, in ms; 0: it may run now. A `slice`
   * (work of at most a few tens of ms) waits until {@link TYPING_PAUSE_MS} after the last keystroke;
   * `long` work (hundreds of ms at once) also waits until every input has closed, and is told to ask
   * again after {@link TYPING_PAUSE_MS} while one is open.
   */
  delay(work: BackgroundWork): number {
    const typing = Math.max(0, TYPING_PAUSE_MS - (this.now() - this.lastKeystroke));
    return work === 'long' && this.open > 0 ? Math.max(typing, TYPING_PAUSE_MS) : typing;
  }
}
