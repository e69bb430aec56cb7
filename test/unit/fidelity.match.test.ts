import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import { splitAlterations } from '../../src/core/fidelity/alterations';
import { checkDocument } from '../../src/core/fidelity/check';
import type { CitationRef } from '../../src/core/fidelity/extract';
import { unescapeMarkdown } from '../../src/core/fidelity/extractMarkdown';
import { alignFragments, candidateArticles, keyText, resolveCitation, SourceIndex } from '../../src/core/fidelity/match';
import { DEFAULT_NORMALIZATION, type NormalizationOptions } from '../../src/core/fidelity/types';
import { normalizeWord, rewriteLocator, words } from '../../src/core/fidelity/verify';
import { loadArticle } from '../../src/core/library';
import type { Article } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const article = parseArticle('a.md', fs.readFileSync(path.join(root, 'content/northeast-revitalization.md'), 'utf8')).value as Article;
const index = new SourceIndex([article]);
const plain = (s: string) => unescapeMarkdown(s, 0, s.length);

describe('splitAlterations', () => {
  const split = (s: string) => {
    const a = splitAlterations(plain(s));
    const t = plain(s).text;
    return {
      fragments: a.fragments.map(f => t.slice(f.start, f.end)),
      marks: a.marks.map(m => [m.kind, t.slice(m.start, m.end), m.attachedBefore, m.attachedAfter]),
      leading: a.leading.map(m => m.kind),
      trailing: a.trailing.map(m => m.kind),
    };
  };

  it('recognizes every ellipsis form', () => {
    assert.deepEqual(split('a … b ... c [...] d […] e . . . f [. . .] g').marks.map(m => m[0]), Array(6).fill('ellipsis'));
    assert.deepEqual(split('a … b ... c [...] d […] e . . . f [. . .] g').fragments, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('tells insertions, [sic] and attached marks apart', () => {
    assert.deepEqual(split('[T]he plan [of 2023] works [sic] well[s]'), {
      fragments: ['he plan', 'works', 'well'],
      marks: [['insertion', '[of 2023]', false, false], ['sic', '[sic]', false, false]],
      leading: ['insertion'],
      trailing: ['insertion'],
    });
  });

  it('merges adjacent marks, and keeps escaped brackets as source text', () => {
    assert.deepEqual(split('[…] a […] [sic] b \\[c\\] d').fragments, ['a', 'b [c] d']);
    assert.deepEqual(split('[…] a […] [sic] b').marks.map(m => m[0]), ['ellipsis']);
  });
});

describe('keyText', () => {
  it('folds and collapses white space, mapping each unit to the original', () => {
    const source = '  Northeast  China‘s\n“Role” – É ';
    const k = keyText(source);
    assert.equal(k.text, 'northeast china\'s "role" - e');
    const at = (i: number) => source.slice(k.starts[i], k.ends[i]);
    assert.deepEqual([at(0), at(9), at(15), at(16), at(25), at(27)], ['N', '  ', '‘', 's', '–', 'É']);
  });
});

describe('resolveCitation', () => {
  const other = loadArticle('o.md', '---\nid: other\ntitle: Black Soil\ncitationKey: soil\nurl: https://example.org/soil\n---\n\nText.\n').article as Article;
  const library = new SourceIndex([article, other]);
  const cite = (text: string, keys: string[] = []): string => {
    const c: CitationRef = { range: { start: 0, end: 0 }, text, keys, ...(/para/.test(text) ? { locator: { first: 1, last: 1, range: { start: 0, end: 0 }, written: 'para. 1' } } : {}) };
    const r = resolveCitation(library, c);
    return r.kind === 'article' ? r.source.article.metadata.id : r.kind;
  };

  it('by citation key, id or URL', () => {
    assert.equal(cite('@soil', ['soil']), 'other');
    assert.equal(cite('', ['northeast-revitalization']), 'northeast-revitalization');
    assert.equal(cite('', ['https://example.org/soil']), 'other');
  });

  it('by the whole title, or a short title of eight characters or more, folded', () => {
    assert.equal(cite('President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2'), 'northeast-revitalization');
    assert.equal(cite('PRESIDENT XI JINPING HOSTS SYMPOSIUM, para. 2'), 'northeast-revitalization');
    assert.equal(cite('“Black Soil,” para. 1'), 'other');
    assert.equal(cite('Black, para. 1'), 'other');
  });

  it('another work, a bare locator, or no citation at all', () => {
    assert.equal(cite('Smith 2021, p. 4'), 'other');
    assert.equal(cite('', ['smith2021']), 'other');
    assert.equal(cite('para. 1'), 'locator');
    assert.equal(cite('a remark'), 'none');
  });
});

describe('alignFragments', () => {
  const source = index.articles[0];
  const align = (s: string) => {
    const t = plain(s);
    const alt = splitAlterations(t);
    const a = alignFragments(source, alt.fragments.map(f => keyText(t.text.slice(f.start, f.end)).text), alt);
    return a && { errors: a.errors, length: a.length, matched: a.matches.map(m => source.key.text.slice(m.start, m.end)) };
  };

  it('finds an exact quotation, and one with a changed word at one error per changed character', () => {
    assert.deepEqual(align('The aim is to facilitate'), { errors: 0, length: 24, matched: ['the aim is to facilitate'] });
    assert.deepEqual(align('held in Shenyang in 2016'), { errors: 1, length: 24, matched: ['held in shenyang in 2018'] });
  });

  it('aligns the parts around an ellipsis and an insertion in order', () => {
    assert.deepEqual(align('President Xi concluded … the nation.'), { errors: 0, length: 33, matched: ['president xi concluded', 'the nation.'] });
    assert.deepEqual(align('expansion of [the region’s] industrial chains'), { errors: 0, length: 29, matched: ['expansion of', 'industrial chains'] });
  });

  it('gives up on text that is not there', () => {
    assert.equal(align('A high-speed railway linking Harbin with Vladivostok'), undefined);
  });

  it('filters candidate articles by their words before matching', () => {
    assert.equal(candidateArticles(index, ['the strategic position of northeast china']).length, 1);
    assert.equal(candidateArticles(index, ['the only thing we have to fear']).length, 0);
  });
});

describe('normalization', () => {
  const off = (k: keyof NormalizationOptions): NormalizationOptions => ({ ...DEFAULT_NORMALIZATION, [k]: false });

  it('normalizeWord folds width, quote forms and dashes as configured', () => {
    assert.equal(normalizeWord('“Ａ’b—c”', DEFAULT_NORMALIZATION, false), '"A\'b-c"');
    assert.equal(normalizeWord('“Ａ’b—c”', DEFAULT_NORMALIZATION, true), "'A'b-c'");
    assert.equal(normalizeWord('“Ａ’b—c”', off('width'), false), '"Ａ\'b-c"');
    assert.equal(normalizeWord('“Ａ’b—c”', off('quoteForms'), false), '“A’b-c”');
    assert.equal(normalizeWord('“Ａ’b—c”', off('dashes'), false), '"A\'b—c"');
  });

  it('words splits words from punctuation, keeping inner apostrophes, hyphens and number punctuation', () => {
    assert.deepEqual(words('“China’s high-quality 1,000.5 areas,” he', 0, 40).map(w => [w.text, w.before]), [
      ['“', ''], ['China’s', ''], ['high-quality', ' '], ['1,000.5', ' '], ['areas', ' '], [',', ''], ['”', ''], ['he', ' '],
    ]);
  });

  const statuses = (text: string, normalization: NormalizationOptions) =>
    checkDocument(text, 'markdown', index, { normalization }).quotations.map(q => q.status);
  const straight = '"He highlighted the primary task of high-quality development" [@xi-northeast-symposium]\n';
  const inner = '“safeguarding the country’s “five major security” areas” [@xi-northeast-symposium]\n';
  const rewrapped = '> President Xi concluded his speech by expressing his confidence in\n> Northeast China‘s ability to regain its glory\n\n— President Xi Jinping Hosts Symposium\n';
  const spaced = '“He highlighted  the primary task” [@xi-northeast-symposium]\n';
  const wide = '“President Ｘｉ emphasized the importance of completely，accurately” [@xi-northeast-symposium]\n';
  const hyphen = '“Harbin City, Heilongjiang Province - President Xi Jinping” [@xi-northeast-symposium]\n';
  const apostrophe = "“safeguarding the country's” [@xi-northeast-symposium]\n";

  it('every difference is ignored by default', () => {
    for (const t of [straight, inner, rewrapped, spaced, wide, hyphen, apostrophe]) assert.deepEqual(statuses(t, DEFAULT_NORMALIZATION), ['exact'], t);
  });

  it('each setting turned off makes its difference count', () => {
    assert.deepEqual(statuses(apostrophe, off('quoteForms')), ['altered']);
    assert.deepEqual(statuses(inner, off('quoteForms')), ['exact'], 'inner double quotes may still be single');
    assert.deepEqual(statuses(rewrapped, off('lineBreaks')), ['altered']);
    assert.deepEqual(statuses(spaced, off('whitespace')), ['altered']);
    assert.deepEqual(statuses(wide, off('width')), ['altered']);
    assert.deepEqual(statuses(hyphen, off('dashes')), ['altered']);
  });

  it('a changed capital counts inside the quotation, not at its start', () => {
    assert.deepEqual(statuses('“he highlighted the Primary task” [@xi-northeast-symposium]\n', DEFAULT_NORMALIZATION), ['altered']);
    assert.deepEqual(statuses('“the primary task” [@xi-northeast-symposium]\n', DEFAULT_NORMALIZATION), ['exact']);
    assert.deepEqual(statuses('“The primary task” [@xi-northeast-symposium]\n', DEFAULT_NORMALIZATION), ['exact']);
  });
});

describe('rewriteLocator', () => {
  it('keeps the written form, its separator and capital, and fixes the number', () => {
    assert.equal(rewriteLocator('para. 6', 8, 8), 'para. 8');
    assert.equal(rewriteLocator('para.~6', 8, 9), 'paras.~8–9');
    assert.equal(rewriteLocator('Paragraphs 6–7', 8, 8), 'Paragraph 8');
    assert.equal(rewriteLocator('¶ 6', 2, 3), '¶¶ 2–3');
    assert.equal(rewriteLocator('¶¶\u00a06-7', 4, 4), '¶\u00a04');
  });
});
