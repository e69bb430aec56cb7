/**
 * What the commands share: the library, the Themes view, the reader, the editor tracker and the
 * quoter; and how a command's argument names a passage.
 */
import type { Timings } from '../api';
import type { InputActivity } from '../inputActivity';
import type { ArticleLibrary } from '../library';
import type { ReaderController } from '../reader';
import type { AtlasNode } from '../themesModel';
import type { ThemesTree } from '../themesTree';
import type { EditorTracker } from './editors';
import type { Quoter } from './quote';

/** What the commands use of the reader. */
export type ReaderPort = Pick<ReaderController, 'show' | 'quoteSelection' | 'current'>;

/** The extension's parts, as the commands see them. */
export interface AtlasServices {
  readonly library: ArticleLibrary;
  readonly tree: ThemesTree;
  readonly reader: ReaderPort;
  readonly editors: EditorTracker;
  readonly quoter: Quoter;
  /** The session's timings (`api.timings`), which the search QuickPick adds its updates to. */
  readonly timings: Timings;
  /** Told when the search QuickPick opens, closes and changes, so that background work waits for a pause in the typing. */
  readonly activity: InputActivity;
}

/** A passage by article and passage id (`p6`, `p6.s2`). */
export interface PassageRef {
  readonly articleId: string;
  readonly passageId: string;
}

/** Whether `value` is a node of the Themes view. */
export function isAtlasNode(value: unknown): value is AtlasNode {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, id, articleId } = value as Partial<AtlasNode>;
  return (kind === 'article' || kind === 'theme' || kind === 'passage') && typeof id === 'string' && typeof articleId === 'string';
}

/**
 * The passage a command argument names: a passage node of the Themes view, or any object with
 * string `articleId` and `passageId` (as tests and other extensions pass). Undefined otherwise.
 */
export function passageRefOf(arg: unknown): PassageRef | undefined {
  if (isAtlasNode(arg)) return arg.kind === 'passage' ? { articleId: arg.articleId, passageId: arg.passage.id } : undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { articleId, passageId } = arg as Partial<PassageRef>;
  return typeof articleId === 'string' && typeof passageId === 'string' ? { articleId, passageId } : undefined;
}

/** One command: a small class per command, registered in one place (src/commands/index.ts). */
export interface Command {
  /** The command id, as contributed in package.json. */
  readonly id: string;
  execute(...args: unknown[]): unknown;
}
