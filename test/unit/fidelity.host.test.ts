import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { QuotedPassages } from '../../src/fidelity/quoted';
import { type ConfigurationPort, DEFAULT_DELAY_MS, fidelitySettings, languageOfFile } from '../../src/fidelity/settings';
import type { QuotationReport } from '../../src/core/fidelity/types';

/** A fake `workspace.getConfiguration` holding `values`, recording the scopes asked for. */
function fakeWorkspace(values: Record<string, unknown>, scopes: unknown[] = []): ConfigurationPort {
  return {
    getConfiguration: (section?: string, scope?: vscode.ConfigurationScope | null) => {
      assert.equal(section, 'articleAtlas.fidelity');
      scopes.push(scope);
      return { get: (name: string) => values[name] } as unknown as vscode.WorkspaceConfiguration;
    },
  };
}

describe('fidelitySettings', () => {
  it('defaults: enabled, every normalization on, CodeLens on, 300 ms', () => {
    assert.deepEqual(fidelitySettings(fakeWorkspace({})), {
      enabled: true,
      normalization: { whitespace: true, lineBreaks: true, quoteForms: true, width: true, dashes: true },
      codeLens: true,
      delayMs: DEFAULT_DELAY_MS,
    });
  });

  it('reads each setting, for the document\'s language (so "[latex]" overrides apply)', () => {
    const scopes: unknown[] = [];
    const s = fidelitySettings(fakeWorkspace({
      enabled: false, ignoreWhitespace: false, ignoreLineBreaks: false, ignoreQuoteForms: false, ignoreWidth: false, ignoreDashes: false, codeLens: false, delay: 50,
    }, scopes), 'latex');
    assert.deepEqual(s, {
      enabled: false,
      normalization: { whitespace: false, lineBreaks: false, quoteForms: false, width: false, dashes: false },
      codeLens: false,
      delayMs: 50,
    });
    assert.deepEqual(scopes, [{ uri: undefined, languageId: 'latex' }]);
  });

  it('falls back to the defaults for values of the wrong type, and clamps the delay to 0–5000 ms', () => {
    const s = fidelitySettings(fakeWorkspace({ enabled: 'no', ignoreDashes: 0, delay: 99999 }));
    assert.equal(s.enabled, true);
    assert.equal(s.normalization.dashes, true);
    assert.equal(s.delayMs, 5000);
    assert.equal(fidelitySettings(fakeWorkspace({ delay: -1 })).delayMs, 0);
    assert.equal(fidelitySettings(fakeWorkspace({ delay: Number.NaN })).delayMs, DEFAULT_DELAY_MS);
  });
});

describe('languageOfFile', () => {
  it('maps the writing languages\' file extensions, case-insensitively', () => {
    assert.deepEqual(['a.md', 'b.MARKDOWN', 'c.tex', 'd.ltx', 'e.html', 'f.htm', 'g.txt', 'h.ts', 'README'].map(languageOfFile),
      ['markdown', 'markdown', 'latex', 'latex', 'html', 'html', 'plaintext', undefined, undefined]);
  });
});

describe('QuotedPassages', () => {
  const report = (articleId: string, highlights: [number, number][]): QuotationReport => ({
    kind: 'inline', range: { start: 0, end: 1 }, outer: { start: 0, end: 1 }, status: 'exact',
    source: { articleId, passageId: 'p1', range: { start: highlights[0][0], end: highlights[highlights.length - 1][1] }, highlights: highlights.map(([start, end]) => ({ start, end })) },
  });
  const quoted = new QuotedPassages('file:///d.md', [
    report('a', [[50, 60]]), report('a', [[10, 20], [30, 40]]), report('b', [[0, 5]]),
    { kind: 'block', range: { start: 5, end: 9 }, outer: { start: 5, end: 9 }, status: 'unsourced' },
  ]);

  it('keeps each article\'s quoted ranges, sorted', () => {
    assert.deepEqual(quoted.articleIds, ['a', 'b']);
    assert.deepEqual(quoted.ranges('a'), [{ start: 10, end: 20 }, { start: 30, end: 40 }, { start: 50, end: 60 }]);
    assert.deepEqual(quoted.ranges('c'), []);
  });

  it('says whether a passage is quoted (a non-empty overlap) and counts a theme\'s quoted passages', () => {
    assert.equal(quoted.has('a', { start: 19, end: 25 }), true);
    assert.equal(quoted.has('a', { start: 20, end: 30 }), false);
    assert.equal(quoted.count('a', [{ start: 0, end: 10 }, { start: 0, end: 11 }, { start: 35, end: 36 }, { start: 60, end: 70 }]), 2);
    assert.equal(QuotedPassages.none.count('a', [{ start: 0, end: 100 }]), 0);
  });
});
