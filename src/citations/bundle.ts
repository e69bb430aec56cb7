/**
 * Entry of the lazily loaded citations bundle, `dist/citations.js` (CommonJS, no Node built-ins,
 * so it also runs in the web worker extension host): citeproc-js and the official CSL styles and
 * locales that Article Atlas offers, bundled from npm at build time. Loaded by
 * {@link ./loader.ts} on first use, never during activation.
 */
import { CitationEngine } from '../core/citation/engine';
import type { CitationStyleKey } from '../core/citation/styles';
import type { CompactNode } from '../core/citation/compact';
import apa from 'csl-style:apa';
import mla from 'csl-style:modern-language-association';
import chicagoAuthorDate from 'csl-style:chicago-author-date';
import chicagoNotes from 'csl-style:chicago-note-bibliography';
import harvard from 'csl-style:harvard-cite-them-right';
import gbtAuthorDate from 'csl-style:china-national-standard-gb-t-7714-2015-author-date';
import gbtNumeric from 'csl-style:china-national-standard-gb-t-7714-2015-numeric';
import enUS from 'csl-locale:en-US';
import enGB from 'csl-locale:en-GB';
import zhCN from 'csl-locale:zh-CN';

const styles: Record<CitationStyleKey, CompactNode> = {
  apa,
  'modern-language-association': mla,
  'chicago-author-date': chicagoAuthorDate,
  'chicago-note-bibliography': chicagoNotes,
  'harvard-cite-them-right': harvard,
  'china-national-standard-gb-t-7714-2015-author-date': gbtAuthorDate,
  'china-national-standard-gb-t-7714-2015-numeric': gbtNumeric,
};

/** A new engine over the bundled styles and locales. */
export function createCitationEngine(): CitationEngine {
  return new CitationEngine({ styles, locales: { 'en-US': enUS, 'en-GB': enGB, 'zh-CN': zhCN } });
}
