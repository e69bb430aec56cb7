/**
 * The `articleAtlas.quotation.*` settings, read on each use through a narrow port so that
 * `test/unit/config.test.ts` checks them with a hand-made fake (no `vscode` at run time).
 */
import type * as vscode from 'vscode';
import { DEFAULT_ATTRIBUTION_TEMPLATE, DEFAULT_INLINE_THRESHOLD, type LocatorForm, type QuotationOptions } from './core/quote';

/** What the settings reader needs of `vscode.workspace`. */
export type ConfigurationPort = Pick<typeof vscode.workspace, 'getConfiguration'>;

/** The settings section of quotations. */
export const QUOTATION_SECTION = 'articleAtlas.quotation';

const LOCATOR_FORMS: readonly LocatorForm[] = ['para', 'paragraph', '¶'];
const LATEX_ENVIRONMENTS = ['quote', 'csquotes'] as const;

/**
 * The quotation options from the settings (`package.json` `contributes.configuration` declares
 * them and their defaults). A value of the wrong type or outside its enum falls back to the
 * default, so a hand-edited `settings.json` cannot break quoting; a negative or non-finite
 * `inlineThreshold` is the default too.
 *
 * @param workspace `vscode.workspace` or a fake.
 * @param scope the document being quoted into, for language- or folder-specific values.
 * @param eol the document's line break, written between the quotation's lines.
 */
export function quotationOptions(workspace: ConfigurationPort, scope?: vscode.ConfigurationScope, eol: '\n' | '\r\n' = '\n'): QuotationOptions {
  const config = workspace.getConfiguration(QUOTATION_SECTION, scope);
  const threshold = config.get<unknown>('inlineThreshold');
  const template = config.get<unknown>('attributionTemplate');
  const locator = config.get<unknown>('locatorForm');
  const latex = config.get<unknown>('latexEnvironment');
  return {
    inlineThreshold: typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0 ? threshold : DEFAULT_INLINE_THRESHOLD,
    attributionTemplate: typeof template === 'string' ? template : DEFAULT_ATTRIBUTION_TEMPLATE,
    locatorForm: LOCATOR_FORMS.find(f => f === locator) ?? 'para',
    latexEnvironment: LATEX_ENVIRONMENTS.find(e => e === latex) ?? 'quote',
    eol,
  };
}
