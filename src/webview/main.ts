/**
 * The reader webview's script. The host renders the whole article (src/core/readerHtml.ts); this
 * script only decorates it: the selected passage, search hits as `<mark>`, previous/next, the table
 * of contents, and the mapping from a DOM selection to the exact `[start, end)` body range (UTF-16
 * code units into `Article.body`). It keeps what must survive a reload in `setState`.
 *
 * Messages follow src/core/protocol.ts: post `ready`, then answer the host's messages.
 */
import { parseHostMessage, parseReaderState, type ReaderState, type WebviewMessage } from '../core/protocol';
import type { TextRange } from '../core/types';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: ReaderState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const articleId = document.body.dataset.articleId ?? '';
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
/** Below this width the table of contents overlays the text instead of standing beside it. */
const NARROW = window.matchMedia('(max-width: 720px)');

const paragraphs = Array.from(document.querySelectorAll<HTMLElement>('.para[data-passage]'));
const texts = Array.from(document.querySelectorAll<HTMLElement>('.text[data-start]'));
const tocButtons = Array.from(document.querySelectorAll<HTMLButtonElement>('.toc-item[data-passage]'));
const toc = document.getElementById('toc');
const tocToggle = document.getElementById('toc-toggle');
const position = document.getElementById('position');
const announcer = document.getElementById('announcer');

const saved = parseReaderState(vscode.getState());
let state: ReaderState = saved?.articleId === articleId
  ? saved
  : { articleId, highlights: [], scrollY: 0, tocOpen: !NARROW.matches };

function saveState(patch: Partial<ReaderState> = {}): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function numberAttr(el: HTMLElement, name: 'start' | 'end'): number {
  return Number(el.dataset[name]);
}

// ------------------------------------------------------------------------------------ passages

/** The element of a passage: the sentence span (`p3.s2`) or the paragraph (`p3`); a missing sentence falls back to its paragraph. */
function passageElement(passageId: string): HTMLElement | undefined {
  const sentence = passageId.includes('.')
    ? document.querySelector<HTMLElement>(`.s[data-passage="${CSS.escape(passageId)}"]`)
    : null;
  return sentence ?? document.getElementById(passageId.replace(/\..*$/, '')) ?? undefined;
}

function paragraphOf(el: Element | undefined): HTMLElement | undefined {
  return el?.closest<HTMLElement>('.para') ?? undefined;
}

function scrollBehavior(): ScrollBehavior {
  return reducedMotion.matches ? 'auto' : 'smooth';
}

/** Scrolls `el` into the middle of the view, or its top to the top when it is taller than the view. */
function reveal(el: HTMLElement): void {
  const tall = el.getBoundingClientRect().height > window.innerHeight * 0.6;
  el.scrollIntoView({ block: tall ? 'start' : 'center', behavior: scrollBehavior() });
}

/** Keeps the table of contents' current entry visible by scrolling the list only (never the page). */
function revealInToc(item: HTMLElement): void {
  if (!toc) return;
  const top = item.offsetTop - toc.offsetTop;
  if (top < toc.scrollTop) toc.scrollTop = top - 8;
  else if (top + item.offsetHeight > toc.scrollTop + toc.clientHeight) toc.scrollTop = top + item.offsetHeight - toc.clientHeight + 8;
}

/**
 * Says the highlighted passage to screen readers through the live region: the host's template
 * (`Paragraph {0} of {1}`) filled in, then the passage's text.
 */
function announce(el: HTMLElement, paragraph: HTMLElement): void {
  if (!announcer) return;
  const template = announcer.dataset.template ?? '{0} / {1}';
  const where = template.replace('{0}', paragraph.dataset.number ?? '').replace('{1}', String(paragraphs.length));
  const text = (el.classList.contains('para') ? el.querySelector('.text') : el)?.textContent ?? '';
  announcer.textContent = `${where}: ${text.replace(/\s+/g, ' ').trim()}`;
}

/**
 * Marks `passageId` as selected (class `selected`) and its paragraph as current; no scrolling.
 * With `announceIt`, the live region says it.
 */
function applySelection(passageId: string | undefined, announceIt = false): void {
  for (const el of Array.from(document.querySelectorAll('.selected, .current'))) el.classList.remove('selected', 'current');
  for (const el of Array.from(document.querySelectorAll('[aria-current]'))) el.removeAttribute('aria-current');
  const el = passageId ? passageElement(passageId) : undefined;
  const paragraph = paragraphOf(el);
  if (!el || !paragraph) {
    if (position) position.textContent = '';
    return;
  }
  el.classList.add('selected');
  paragraph.classList.add('current');
  paragraph.setAttribute('aria-current', 'true');
  const item = tocButtons.find(b => b.dataset.passage === paragraph.dataset.passage);
  if (item) {
    item.classList.add('current');
    item.setAttribute('aria-current', 'true');
    revealInToc(item);
  }
  if (position) position.textContent = `¶ ${paragraph.dataset.number ?? ''} / ${paragraphs.length}`;
  if (announceIt) announce(el, paragraph);
}

function select(passageId: string, origin: 'click' | 'navigate', scroll: boolean): void {
  applySelection(passageId, true);
  saveState({ passageId });
  const el = passageElement(passageId);
  if (scroll && el) reveal(el);
  post({ type: 'select', passageId, origin });
}

/** Selects the paragraph `delta` after the current one; with none current, the first paragraph in view. */
function move(delta: 1 | -1): void {
  if (paragraphs.length === 0) return;
  const current = paragraphs.findIndex(p => p.classList.contains('current'));
  let to: number;
  if (current >= 0) {
    to = Math.min(paragraphs.length - 1, Math.max(0, current + delta));
  } else {
    const top = document.querySelector<HTMLElement>('.toolbar')?.offsetHeight ?? 0;
    to = Math.max(0, paragraphs.findIndex(p => p.getBoundingClientRect().bottom > top));
  }
  const id = paragraphs[to].dataset.passage;
  if (!id) return;
  select(id, 'navigate', true);
  // Keyboard focus follows, so that Tab continues from there and screen readers are on the paragraph.
  const active = document.activeElement;
  if (!active || active === document.body || active.closest('.para')) paragraphs[to].focus({ preventScroll: true });
}

/** The body range of the highlighted passage (its sentence, or its paragraph's text), if any. */
function highlightedRange(): TextRange | undefined {
  const el = document.querySelector<HTMLElement>('.s.selected') ?? document.querySelector<HTMLElement>('.para.selected .text');
  return el ? { start: numberAttr(el, 'start'), end: numberAttr(el, 'end') } : undefined;
}

// ---------------------------------------------------------------------------------- highlights

function unwrapMarks(): void {
  for (const mark of Array.from(document.querySelectorAll('mark.hit'))) {
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    mark.remove();
    parent.normalize();
  }
}

/** Wraps each body range of `ranges` (sorted, not overlapping) in `<mark class="hit">`, splitting text nodes; text is unchanged. */
function applyHighlights(ranges: readonly TextRange[]): void {
  unwrapMarks();
  for (const container of texts) {
    const start = numberAttr(container, 'start');
    const end = numberAttr(container, 'end');
    const inside = ranges.filter(r => r.start < end && r.end > start);
    if (inside.length === 0) continue;
    const nodes: { node: Text; start: number }[] = [];
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let offset = start, n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n as Text, start: offset });
      offset += (n as Text).data.length;
    }
    // Last node first, last range first: splitting never moves what is still to be wrapped.
    for (const { node, start: nodeStart } of nodes.reverse()) {
      const nodeEnd = nodeStart + node.data.length;
      for (const r of [...inside].reverse()) {
        const a = Math.max(r.start, nodeStart) - nodeStart;
        const b = Math.min(r.end, nodeEnd) - nodeStart;
        if (a >= b) continue;
        node.splitText(b);
        const hit = node.splitText(a);
        const mark = document.createElement('mark');
        mark.className = 'hit';
        hit.parentNode?.insertBefore(mark, hit);
        mark.appendChild(hit);
      }
    }
  }
}

// ----------------------------------------------------------------------------------- selection

/** Offset in the body of the DOM point (`node`, `offset`) inside text element `container`. */
/**
 * Marks each sentence that overlaps one of `ranges` (body offsets, `[start, end)`) as quoted by the
 * document being written: the class `quoted` and, for the mouse and screen readers, `label`.
 */
function applyQuoted(ranges: readonly TextRange[], label: string): void {
  for (const el of document.querySelectorAll<HTMLElement>('.s.quoted')) {
    el.classList.remove('quoted');
    el.removeAttribute('title');
    el.removeAttribute('aria-description');
  }
  if (!ranges.length) return;
  for (const el of document.querySelectorAll<HTMLElement>('.s[data-passage]')) {
    const start = numberAttr(el, 'start'), end = numberAttr(el, 'end');
    if (!ranges.some(r => r.start < end && start < r.end)) continue;
    el.classList.add('quoted');
    el.title = label;
    el.setAttribute('aria-description', label);
  }
}

function bodyOffset(container: HTMLElement, node: Node, offset: number): number {
  const before = document.createRange();
  before.setStart(container, 0);
  before.setEnd(node, offset);
  // Range.toString() concatenates the Text data, hidden Markdown markers included: exactly the source.
  return numberAttr(container, 'start') + before.toString().length;
}

/**
 * The body range `[start, end)` of the document's selection, clipped to the paragraphs' text (margin
 * numbers and theme chips are not source text); undefined when nothing of the text is selected.
 */
function selectedRange(): TextRange | undefined {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  const hit = texts.filter(t => range.intersectsNode(t));
  if (hit.length === 0) return undefined;
  const first = hit[0];
  const last = hit[hit.length - 1];
  const start = first.contains(range.startContainer) ? bodyOffset(first, range.startContainer, range.startOffset) : numberAttr(first, 'start');
  const end = last.contains(range.endContainer) ? bodyOffset(last, range.endContainer, range.endOffset) : numberAttr(last, 'end');
  return end > start ? { start, end } : undefined;
}

// ------------------------------------------------------------------------------- table of contents

function setTocOpen(open: boolean): void {
  document.body.classList.toggle('toc-open', open);
  tocToggle?.setAttribute('aria-expanded', String(open));
  tocToggle?.classList.toggle('checked', open);
  saveState({ tocOpen: open });
}

// -------------------------------------------------------------------------------------- events

document.querySelector('.article-body')?.addEventListener('click', event => {
  const e = event as MouseEvent;
  if (e.button !== 0 || e.detail > 1) return;
  // The end of a drag that selected text is not a click on the paragraph.
  if (document.getSelection()?.isCollapsed === false) return;
  const id = paragraphOf(e.target as Element)?.dataset.passage;
  if (id) select(id, 'click', false);
});

toc?.addEventListener('click', event => {
  const id = (event.target as Element).closest<HTMLElement>('.toc-item')?.dataset.passage;
  if (!id) return;
  select(id, 'navigate', true);
  if (NARROW.matches) setTocOpen(false);
});

tocToggle?.addEventListener('click', () => setTocOpen(!document.body.classList.contains('toc-open')));
document.getElementById('previous')?.addEventListener('click', () => move(-1));
document.getElementById('next')?.addEventListener('click', () => move(1));

const quote = document.getElementById('quote');
// Keep the text selection and focus where they are when the button is pressed with the mouse.
quote?.addEventListener('mousedown', e => e.preventDefault());
quote?.addEventListener('click', () => {
  const range = selectedRange();
  post(range ? { type: 'quoteSelection', range } : { type: 'quoteSelection' });
});

// A paragraph reached with Tab becomes the current one (unless it already holds the highlight).
document.querySelector('.article-body')?.addEventListener('focusin', event => {
  const paragraph = (event.target as Element).closest<HTMLElement>('.para');
  const id = paragraph?.dataset.passage;
  if (id && paragraph === event.target && !paragraph.classList.contains('current')) select(id, 'navigate', false);
});

document.addEventListener('keydown', e => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  if ((e.target as Element | null)?.closest?.('input, textarea, [contenteditable]')) return;
  const onParagraph = (e.target as Element | null)?.classList?.contains('para') === true;
  switch (e.key) {
    case 'j': case 'n': move(1); break;
    case 'k': case 'p': move(-1); break;
    case 'ArrowDown': if (!onParagraph) return; move(1); break;
    case 'ArrowUp': if (!onParagraph) return; move(-1); break;
    case 'Enter': {
      if (!onParagraph) return;
      const id = (e.target as HTMLElement).dataset.passage;
      if (id) select(id, 'click', false);
      break;
    }
    case 'q': {
      // The selected words, else the highlighted passage: quoting needs no mouse.
      const range = selectedRange() ?? highlightedRange();
      post(range ? { type: 'quoteSelection', range } : { type: 'quoteSelection' });
      break;
    }
    case 'Escape':
      if (NARROW.matches && document.body.classList.contains('toc-open')) setTocOpen(false);
      return;
    default: return;
  }
  e.preventDefault();
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => saveState({ scrollY: window.scrollY }), 100);
}, { passive: true });

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) {
    console.warn('Article Atlas reader: dropped a message that is not in the protocol.');
    return;
  }
  switch (message.type) {
    case 'update': {
      applyHighlights(message.highlights);
      applySelection(message.passageId, message.passageId !== state.passageId);
      saveState({ passageId: message.passageId, highlights: message.highlights });
      if (message.reveal) {
        const target = (message.passageId ? passageElement(message.passageId) : undefined)
          ?? document.querySelector<HTMLElement>('mark.hit') ?? undefined;
        if (target) reveal(target);
      }
      break;
    }
    case 'quoted':
      applyQuoted(message.ranges, message.label);
      break;
    case 'getSelection': {
      const range = selectedRange();
      post(range ? { type: 'selection', id: message.id, range } : { type: 'selection', id: message.id });
      break;
    }
  }
});

// ------------------------------------------------------------------------------------- start up

setTocOpen(state.tocOpen);
applyHighlights(state.highlights);
applySelection(state.passageId);
if (state.scrollY > 0) window.scrollTo({ top: state.scrollY, behavior: 'instant' });
post({ type: 'ready' });
