/**
 * Include globs of the library (`articleAtlas.library.include`), matched with picomatch: pure, for
 * the engine bundle (picomatch is 30 KB minified; the activation bundle stays without it).
 */
import picomatch from 'picomatch/posix';

/** A glob split as the library lists its files: see {@link globPlan}. */
export interface GlobPlan {
  /** The folder segments the glob begins with (none when it begins with a pattern); `.` segments dropped. */
  readonly base: readonly string[];
  /** Whether the glob begins outside the folder: at `/`, or with a `..` segment. */
  readonly outside: boolean;
  /** False when the glob has no pattern at all: it names the one file at `base`. */
  readonly isGlob: boolean;
  /** Whether a path relative to the workspace folder (`/`-separated, no leading `./`) matches the glob. */
  readonly matches: (path: string) => boolean;
}

/**
 * The literal folder a glob (VS Code's glob syntax: `*`, `**`, `?`, `[…]`, `{a,b}`) begins with,
 * and its matcher (picomatch, `dot: true`: VS Code's globs match names that begin with a dot).
 * `articles/**\/*.md` → base `['articles']`; `**\/*.md` → base `[]`.
 */
export function globPlan(glob: string): GlobPlan {
  const { base, isGlob } = picomatch.scan(glob);
  const matcher = picomatch(glob, { dot: true });
  const segments = base.split('/').filter(s => s !== '' && s !== '.');
  return { base: segments, outside: base.startsWith('/') || segments.includes('..'), isGlob, matches: path => matcher(path) };
}
