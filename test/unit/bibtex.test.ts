import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bibAppendText, bibAuthors, bibHasKey, bibliographyEntry, escapeBibValue, toBibtex, toBiblatex, toRis } from '../../src/core/citation/bibtex';
import type { ArticleMetadata } from '../../src/core/types';

function meta(fields: Partial<ArticleMetadata>): ArticleMetadata {
  return {
    id: 'fixture', title: '', subtitle: '', citationKey: 'fixture', type: 'article-newspaper', author: [], containerTitle: '',
    publisher: '', issued: '', url: '', language: 'en', themes: '', ...fields,
  };
}
const SHIPPED = meta({
  id: 'northeast-revitalization', citationKey: 'xi-northeast-symposium',
  title: 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China',
  subtitle: 'General Secretary emphasizes the implementation of key strategies for achieving breakthroughs in a new era',
});
const FULL = meta({
  citationKey: 'ndrc-2023', author: ['National Development and Reform Commission', 'Wang, Li'], title: 'R&D at 5% growth: #1 in the #Northeast',
  containerTitle: 'China Daily', issued: '2023-09-10', url: 'https://example.org/a?b=1&c=2',
});

describe('bibliography export', () => {
  it('escapes \\& \\% \\# and the other LaTeX specials', () => {
    assert.equal(escapeBibValue('R&D 5% #1 $x a_b {c} ~ ^ \\'), 'R\\&D 5\\% \\#1 \\$x a\\_b \\{c\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
  });

  it('protects an organization name with braces and keeps persons as Family, Given', () => {
    assert.equal(bibAuthors(['National Development and Reform Commission', 'Wang, Li']), '{National Development and Reform Commission} and Wang, Li');
  });

  it('BibLaTeX of the shipped article: @misc with only what the front matter gives', () => {
    assert.equal(toBiblatex(SHIPPED), [
      '@misc{xi-northeast-symposium,',
      '  title = {President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China},',
      '  langid = {english},',
      '}',
    ].join('\n'));
  });

  it('BibLaTeX of a newspaper article: @article with entrysubtype newspaper', () => {
    assert.equal(toBiblatex(FULL), [
      '@article{ndrc-2023,',
      '  author = {{National Development and Reform Commission} and Wang, Li},',
      '  title = {R\\&D at 5\\% growth: \\#1 in the \\#Northeast},',
      '  journaltitle = {China Daily},',
      '  entrysubtype = {newspaper},',
      '  date = {2023-09-10},',
      '  url = {https://example.org/a?b=1&c=2},',
      '  langid = {english},',
      '}',
    ].join('\n'));
  });

  it('BibTeX: year and month macro', () => {
    assert.equal(toBibtex(FULL), [
      '@article{ndrc-2023,',
      '  author = {{National Development and Reform Commission} and Wang, Li},',
      '  title = {R\\&D at 5\\% growth: \\#1 in the \\#Northeast},',
      '  journal = {China Daily},',
      '  year = {2023},',
      '  month = sep,',
      '  url = {https://example.org/a?b=1&c=2},',
      '}',
    ].join('\n'));
  });

  it('RIS with CRLF line ends', () => {
    assert.equal(toRis(FULL), [
      'TY  - NEWS', 'AU  - National Development and Reform Commission', 'AU  - Wang, Li', 'TI  - R&D at 5% growth: #1 in the #Northeast',
      'T2  - China Daily', 'PY  - 2023', 'DA  - 2023/09/10/', 'UR  - https://example.org/a?b=1&c=2', 'LA  - en', 'ID  - ndrc-2023', 'ER  - ', '',
    ].join('\r\n'));
  });

  it('CSL-JSON as a one-item array', () => {
    assert.deepEqual(JSON.parse(bibliographyEntry(SHIPPED, 'csl-json')), [{
      id: 'xi-northeast-symposium', type: 'article-newspaper', 'citation-key': 'xi-northeast-symposium',
      title: 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China', language: 'en',
    }]);
  });
});

describe('Add to Bibliography', () => {
  const entry = toBiblatex(SHIPPED);
  it('finds an existing key in any entry type, and only that key', () => {
    assert.equal(bibHasKey('@Online{ xi-northeast-symposium ,\n}', 'xi-northeast-symposium'), true);
    assert.equal(bibHasKey('@misc{xi-northeast-symposium-2,\n}', 'xi-northeast-symposium'), false);
  });
  it('appends to an empty file, after a blank line otherwise, and never twice', () => {
    assert.equal(bibAppendText('', entry, 'xi-northeast-symposium'), entry + '\n');
    assert.equal(bibAppendText('@misc{a,\n}\n', entry, 'xi-northeast-symposium'), '\n' + entry + '\n');
    assert.equal(bibAppendText('@misc{a,\n}', entry, 'xi-northeast-symposium'), '\n\n' + entry + '\n');
    assert.equal(bibAppendText('@misc{a,\n}\n\n', entry, 'xi-northeast-symposium'), entry + '\n');
    assert.equal(bibAppendText('@misc{a,\n}\n' + entry + '\n', entry, 'xi-northeast-symposium'), undefined);
  });
  it('keeps the file’s CRLF line ends', () => {
    assert.equal(bibAppendText('@misc{a,\r\n}\r\n', '@misc{b,\n}', 'b', '\r\n'), '\r\n@misc{b,\r\n}\r\n');
  });
});

describe('citation key completion context', () => {
  it('Markdown: after @ at a word start, not in an e-mail address', async () => {
    const { markdownKeyContext } = await import('../../src/core/citation/keyContext');
    assert.deepEqual(markdownKeyContext('As shown [@xi-north'), { prefix: 'xi-north', start: 11 });
    assert.deepEqual(markdownKeyContext('@'), { prefix: '', start: 1 });
    assert.deepEqual(markdownKeyContext('see -@xi'), { prefix: 'xi', start: 6 });
    assert.equal(markdownKeyContext('mail me@xi'), undefined);
  });
  it('LaTeX: inside \\cite{…}, after optional arguments and commas', async () => {
    const { latexKeyContext } = await import('../../src/core/citation/keyContext');
    assert.deepEqual(latexKeyContext('text \\cite{xi'), { prefix: 'xi', start: 11 });
    assert.deepEqual(latexKeyContext('\\parencite[see][para.~6]{a, xi'), { prefix: 'xi', start: 28 });
    assert.deepEqual(latexKeyContext('\\citep*{'), { prefix: '', start: 8 });
    assert.equal(latexKeyContext('\\cite{a} more'), undefined);
    assert.equal(latexKeyContext('\\section{x'), undefined);
  });
});
