import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { type ConfigurationPort, quotationOptions } from '../../src/config';

/** A fake `workspace.getConfiguration` holding `values` for the section it records. */
function fakeWorkspace(values: Record<string, unknown>): ConfigurationPort & { sections: unknown[] } {
  const sections: unknown[] = [];
  return {
    sections,
    getConfiguration: ((section?: string, scope?: vscode.ConfigurationScope | null) => {
      sections.push([section, scope]);
      return { get: (key: string) => values[key] } as unknown as vscode.WorkspaceConfiguration;
    }) as typeof vscode.workspace.getConfiguration,
  };
}

describe('quotationOptions', () => {
  it('reads the four settings of articleAtlas.quotation for the given scope', () => {
    const ws = fakeWorkspace({ inlineThreshold: 100, attributionTemplate: '({title})', locatorForm: '¶', latexEnvironment: 'csquotes' });
    assert.deepEqual(quotationOptions(ws, undefined, '\r\n'), {
      inlineThreshold: 100, attributionTemplate: '({title})', locatorForm: '¶', latexEnvironment: 'csquotes', eol: '\r\n',
    });
    assert.deepEqual(ws.sections, [['articleAtlas.quotation', undefined]]);
  });

  it('falls back to the defaults for missing, mistyped or unknown values', () => {
    const expected = { inlineThreshold: 240, attributionTemplate: '— {author}, {title}, {container}, {date}, {locator}', locatorForm: 'para', latexEnvironment: 'quote', eol: '\n' };
    assert.deepEqual(quotationOptions(fakeWorkspace({})), expected);
    assert.deepEqual(quotationOptions(fakeWorkspace({ inlineThreshold: '12', attributionTemplate: 3, locatorForm: 'page', latexEnvironment: 'QUOTE' })), expected);
    assert.deepEqual(quotationOptions(fakeWorkspace({ inlineThreshold: -1 })), expected);
    assert.deepEqual(quotationOptions(fakeWorkspace({ inlineThreshold: Number.NaN })), expected);
  });

  it('keeps an empty template (no attribution) and a threshold of 0 (always a block)', () => {
    const o = quotationOptions(fakeWorkspace({ attributionTemplate: '', inlineThreshold: 0 }));
    assert.equal(o.attributionTemplate, '');
    assert.equal(o.inlineThreshold, 0);
  });
});
