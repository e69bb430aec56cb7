import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ConfigurationPort, citationSettings } from '../../src/citations/settings';

function fake(values: Record<string, unknown>): ConfigurationPort {
  return {
    getConfiguration: (section?: string) => ({ get: (key: string) => values[`${section}.${key}`] }),
  } as unknown as ConfigurationPort;
}

describe('citation settings', () => {
  it('defaults: APA, blockquote, quote environment, biblatex, no templates', () => {
    assert.deepEqual(citationSettings(fake({})), {
      style: 'apa', markdown: 'blockquote', latex: 'quote', latexCitations: 'biblatex', templates: {}, bibliographyFile: '', eol: '\n',
    });
  });
  it('reads every setting and the LaTeX form of the quotation settings', () => {
    assert.deepEqual(citationSettings(fake({
      'articleAtlas.citation.style': 'chicago-note-bibliography', 'articleAtlas.citation.markdownForm': 'pandoc',
      'articleAtlas.citation.latexCitations': 'natbib', 'articleAtlas.citation.bibliographyFile': ' refs/main.bib ',
      'articleAtlas.citation.templates': { typst: '#quote[{text}] {citation}', klingon: 'x', org: 3 },
      'articleAtlas.quotation.latexEnvironment': 'csquotes',
    }), undefined, '\r\n'), {
      style: 'chicago-note-bibliography', markdown: 'pandoc', latex: 'csquotes', latexCitations: 'natbib',
      templates: { typst: '#quote[{text}] {citation}' }, bibliographyFile: 'refs/main.bib', eol: '\r\n',
    });
  });
  it('falls back to the defaults for wrong values', () => {
    const s = citationSettings(fake({ 'articleAtlas.citation.style': 'vancouver', 'articleAtlas.citation.markdownForm': 7, 'articleAtlas.citation.templates': 'x' }));
    assert.equal(s.style, 'apa');
    assert.equal(s.markdown, 'blockquote');
    assert.deepEqual(s.templates, {});
  });
});
