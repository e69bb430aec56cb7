/**
 * The host's view of the articles: reads the article and theme files through a file system port
 * (`vscode.workspace.fs`, or src/extensionFiles.ts for the extension's own files; either runs in
 * the web worker host), parses them with the pure core, reports problems as diagnostics, and
 * builds the search index on first use. The parsers and the search index come from the lazily
 * loaded engine bundle ({@link loadEngine}), so nothing here loads them during activation.
 */
import * as vscode from 'vscode';
import type { SearchIndex } from './core/search';
import type { ThemeIndex } from './core/themes';
import type { Article, ContentProblem, Passage } from './core/types';
import { type Engine, loadEngine } from './engineLoader';

/** One usable article: its file, the parsed article and its theme index. */
export interface LibraryEntry {
  readonly uri: vscode.Uri;
  readonly article: Article;
  readonly themes: ThemeIndex;
}

/** The articles loaded at one moment; immutable. A reload makes a new snapshot. */
export class LibrarySnapshot {
  private searchIndex: SearchIndex | undefined;
  private readonly byId = new Map<string, LibraryEntry>();

  /**
   * @param engine the engine that loaded the articles; what works on them (the search index, the
   *   quote fidelity check) takes its code from here.
   * @param entries usable articles in load order.
   * @param problems every problem found while loading, usable articles or not.
   */
  constructor(readonly engine: Engine, readonly entries: readonly LibraryEntry[], readonly problems: readonly ContentProblem[]) {
    for (const e of entries) if (!this.byId.has(e.article.metadata.id)) this.byId.set(e.article.metadata.id, e);
  }

  /** The entry of the article with this front-matter id, or undefined. */
  entry(articleId: string): LibraryEntry | undefined {
    return this.byId.get(articleId);
  }

  /** The passage `passageId` (`p6`, `p6.s2`) of article `articleId`, or undefined. */
  passage(articleId: string, passageId: string): Passage | undefined {
    return this.byId.get(articleId)?.article.passages.get(passageId);
  }

  /** The search index over every article, built on first call (not during activation). */
  get search(): SearchIndex {
    this.searchIndex ??= new this.engine.SearchIndex(this.entries.map(e => ({ article: e.article, themes: e.themes })));
    return this.searchIndex;
  }
}

const severity: Record<ContentProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** Converts core problems to diagnostics grouped by file URI string. */
export function problemsToDiagnostics(problems: readonly ContentProblem[]): Map<string, vscode.Diagnostic[]> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const p of problems) {
    const range = new vscode.Range(p.line, p.column, p.endLine ?? p.line, p.endColumn ?? p.column);
    const d = new vscode.Diagnostic(range, p.message, severity[p.severity]);
    d.source = 'Article Atlas';
    d.code = p.code;
    const list = byFile.get(p.file) ?? [];
    list.push(d);
    byFile.set(p.file, list);
  }
  return byFile;
}

/**
 * Loads the articles under the given content folders (every `*.md` file directly inside) and
 * keeps the current {@link LibrarySnapshot}. Loading starts on the first {@link snapshot} call,
 * never in the constructor, so activation stays cheap.
 */
export class ArticleLibrary implements vscode.Disposable {
  private current: Promise<LibrarySnapshot> | undefined;
  private readonly changed = new vscode.EventEmitter<LibrarySnapshot>();
  /** Fires with the new snapshot after each (re)load. */
  readonly onDidChange = this.changed.event;

  /**
   * @param folders folders whose `*.md` files are articles (the extension's `content/`).
   * @param fs file access (`vscode.workspace.fs`, or `extensionFileSystem` of src/extensionFiles.ts for the extension's own files).
   * @param diagnostics where content problems are shown (Problems panel).
   * @param reportFailure shows a one-line message to the user (a notification).
   * @param engine loads the engine bundle (default {@link loadEngine}, shared by the extension host).
   * @param language the display language whose theme labels are shown (default `vscode.env.language`).
   */
  constructor(
    private readonly folders: readonly vscode.Uri[],
    private readonly fs: Pick<vscode.FileSystem, 'readDirectory' | 'readFile'>,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly reportFailure: (message: string) => void,
    private readonly engine: () => Promise<Engine> = loadEngine,
    private readonly language: string = vscode.env.language,
  ) {}

  /**
   * The current snapshot, loading it on first use. Content failures become problems; it rejects
   * only when the engine bundle cannot be loaded (a broken installation, reported to the user),
   * and the next call then tries again.
   */
  snapshot(): Promise<LibrarySnapshot> {
    this.current ??= this.start();
    return this.current;
  }

  /** Reloads every file and fires {@link onDidChange}. */
  reload(): Promise<LibrarySnapshot> {
    this.current = this.start();
    return this.current;
  }

  /** {@link load}, forgotten when it fails so that the next call tries again. */
  private start(): Promise<LibrarySnapshot> {
    const loading: Promise<LibrarySnapshot> = this.load().catch((e: unknown) => {
      if (this.current === loading) this.current = undefined;
      this.reportFailure(vscode.l10n.t('Article Atlas could not load the articles: {0}', messageOf(e)));
      throw e;
    });
    return loading;
  }

  private async load(): Promise<LibrarySnapshot> {
    const engine = await this.engine();
    const entries: LibraryEntry[] = [];
    const problems: ContentProblem[] = [];
    for (const folder of this.folders) {
      let names: [string, vscode.FileType][];
      try {
        names = await this.fs.readDirectory(folder);
      } catch (e) {
        problems.push(fileProblem(folder.toString(), vscode.l10n.t('The folder could not be read: {0}', messageOf(e))));
        continue;
      }
      for (const [name, type] of names.sort(([a], [b]) => a.localeCompare(b))) {
        if (type !== vscode.FileType.File || !name.endsWith('.md')) continue;
        const uri = vscode.Uri.joinPath(folder, name);
        const entry = await this.loadOne(engine, uri, problems);
        if (entry) entries.push(entry);
      }
    }
    this.diagnostics.clear();
    for (const [file, list] of problemsToDiagnostics(problems)) this.diagnostics.set(vscode.Uri.parse(file), list);
    const errors = problems.filter(p => p.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0];
      this.reportFailure(
        errors.length === 1
          ? vscode.l10n.t('Article Atlas: 1 problem in the article files ({0}, line {1}: {2}). See the Problems panel.', displayName(first.file), first.line + 1, first.message)
          : vscode.l10n.t('Article Atlas: {0} problems in the article files (first: {1}, line {2}: {3}). See the Problems panel.', errors.length, displayName(first.file), first.line + 1, first.message),
      );
    }
    const snapshot = new LibrarySnapshot(engine, entries, problems);
    this.changed.fire(snapshot);
    return snapshot;
  }

  private async loadOne(engine: Engine, uri: vscode.Uri, problems: ContentProblem[]): Promise<LibraryEntry | undefined> {
    const source = uri.toString();
    const text = await this.readText(uri, problems);
    if (text === undefined) return undefined;
    const parsed = engine.parseArticle(source, text);
    if (!parsed.value) {
      problems.push(...parsed.problems);
      return undefined;
    }
    const themesSource = engine.themesSourceFor(source, parsed.value);
    if (!themesSource) {
      const first = engine.withThemes(parsed);
      problems.push(...first.problems);
      return first.article && first.index ? { uri, article: first.article, themes: first.index } : undefined;
    }
    const themesText = await this.readText(vscode.Uri.parse(themesSource), problems);
    const loaded = engine.withThemes(parsed, themesSource, themesText ?? '', this.language);
    problems.push(...loaded.problems);
    return loaded.article && loaded.index ? { uri, article: loaded.article, themes: loaded.index } : undefined;
  }

  private async readText(uri: vscode.Uri, problems: ContentProblem[]): Promise<string | undefined> {
    try {
      return new TextDecoder('utf-8').decode(await this.fs.readFile(uri));
    } catch (e) {
      problems.push(fileProblem(uri.toString(), vscode.l10n.t('The file could not be read: {0}', messageOf(e))));
      return undefined;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function fileProblem(file: string, message: string): ContentProblem {
  return { file, line: 0, column: 0, severity: 'error', code: 'read', message };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function displayName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
