/**
 * The `articleAtlas.fidelity.*` settings, read through a narrow port so `test/unit` checks them
 * with a hand-made fake (no `vscode` at run time here).
 */
import type * as vscode from 'vscode';
import { DEFAULT_NORMALIZATION, type NormalizationOptions } from '../core/fidelity/types';

/** What the settings reader needs of `vscode.workspace`. */
export type ConfigurationPort = Pick<typeof vscode.workspace, 'getConfiguration'>;

/** The settings section of the quote fidelity check. */
export const FIDELITY_SECTION = 'articleAtlas.fidelity';

/**
 * The writing languages the check reads (VS Code language ids): Markdown, LaTeX (and its TeX
 * dialects), HTML and plain text.
 */
export const WRITING_LANGUAGES: readonly string[] = ['markdown', 'latex', 'tex', 'doctex', 'latex-expl3', 'html', 'plaintext'];

/** File name extensions Check All Quotations reads, and the language id of each. */
export const WRITING_EXTENSIONS: Readonly<Record<string, string>> = {
  md: 'markdown', markdown: 'markdown', tex: 'latex', ltx: 'latex', html: 'html', htm: 'html', txt: 'plaintext',
};

/** Default delay, in milliseconds, between the last keystroke and the re-check. */
export const DEFAULT_DELAY_MS = 300;

/** The settings that apply to one document. */
export interface FidelitySettings {
  /** `enabled` for the document's language (language-overridable: `"[latex]": { "articleAtlas.fidelity.enabled": false }`). */
  readonly enabled: boolean;
  readonly normalization: NormalizationOptions;
  /** Show a "Reveal in Source" CodeLens above each quotation whose source was found. */
  readonly codeLens: boolean;
  /** Milliseconds between the last keystroke and the re-check; 0 to 5000. */
  readonly delayMs: number;
}

/**
 * The settings for a document of `languageId` (and `uri`, for folder settings). A value of the
 * wrong type falls back to its default (`package.json` declares the same defaults), so a
 * hand-edited `settings.json` cannot break the check.
 */
export function fidelitySettings(workspace: ConfigurationPort, languageId?: string, uri?: vscode.Uri): FidelitySettings {
  const config = workspace.getConfiguration(FIDELITY_SECTION, languageId === undefined ? uri : { uri, languageId });
  const flag = (name: string, fallback: boolean): boolean => {
    const v = config.get<unknown>(name);
    return typeof v === 'boolean' ? v : fallback;
  };
  const delay = config.get<unknown>('delay');
  return {
    enabled: flag('enabled', true),
    normalization: {
      whitespace: flag('ignoreWhitespace', DEFAULT_NORMALIZATION.whitespace),
      lineBreaks: flag('ignoreLineBreaks', DEFAULT_NORMALIZATION.lineBreaks),
      quoteForms: flag('ignoreQuoteForms', DEFAULT_NORMALIZATION.quoteForms),
      width: flag('ignoreWidth', DEFAULT_NORMALIZATION.width),
      dashes: flag('ignoreDashes', DEFAULT_NORMALIZATION.dashes),
    },
    codeLens: flag('codeLens', true),
    delayMs: typeof delay === 'number' && Number.isFinite(delay) ? Math.min(5000, Math.max(0, delay)) : DEFAULT_DELAY_MS,
  };
}

/** The language id Check All Quotations reads a file as, from its name; undefined for other files. */
export function languageOfFile(path: string): string | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? WRITING_EXTENSIONS[m[1].toLowerCase()] : undefined;
}
