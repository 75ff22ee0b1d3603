/**
 * Converts untrusted HTML (Mastodon `content`, RSS descriptions) to plain text in the hub, so no markup
 * ever reaches storage or the wall. A small tokenizer rather than a DOM: nothing is parsed into nodes,
 * nothing executes, every tag is dropped; block ends become newlines, link text is kept.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  deg: '°',
  middot: '·',
  bull: '•',
  times: '×',
  shy: '',
  zwj: '\u200d',
  zwnj: '\u200c',
};

/** Input beyond this is ignored: output is capped far lower, and it bounds the work on hostile input. */
const MAX_INPUT = 200_000;
const BLOCK_OPEN = /<(script|style|template|noscript|iframe|object|svg|math)\b|<!--|<!\[CDATA\[/gi;
const LINE_BREAK = /<br\s*\/?>/gi;
const BLOCK_EDGE = /<\/?(p|div|blockquote|pre|h[1-6]|ul|ol|table|tr|section|article|header|footer)\b[^<>]*>/gi;
const LIST_ITEM = /<li\b[^<>]*>/gi;
const ANY_TAG = /<\/?[a-z!?][^<>]*>/gi;
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi;

/** Where the block opened by `open` ends: [end of its content, end of the closer], or null when unclosed. */
function blockEnd(html: string, open: RegExpExecArray): [number, number] | null {
  const tag = open[1];
  const closer = tag ? new RegExp(`</${tag}\\s*>`, 'gi') : open[0] === '<!--' ? /-->/g : /\]\]>/g;
  closer.lastIndex = open.index + open[0].length;
  const found = closer.exec(html);
  return found ? [found.index, found.index + found[0].length] : null;
}

/**
 * Removes script-like blocks and comments with their content and unwraps CDATA, in one forward pass (linear
 * time even on hostile input such as thousands of unclosed `<script` tags). An unclosed block drops the rest.
 */
function dropBlocks(html: string): string {
  let out = '';
  let pos = 0;
  BLOCK_OPEN.lastIndex = 0;
  for (let open = BLOCK_OPEN.exec(html); open; open = BLOCK_OPEN.exec(html)) {
    out += html.slice(pos, open.index);
    const cdata = open[0].startsWith('<![');
    const end = blockEnd(html, open);
    if (cdata) out += html.slice(open.index + open[0].length, end ? end[0] : html.length);
    pos = end ? end[1] : html.length;
    BLOCK_OPEN.lastIndex = pos;
  }
  return out + html.slice(pos);
}

/** Decodes HTML character references (named, decimal, hex) in one pass, so "&amp;lt;" yields "&lt;". */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const valid = Number.isFinite(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Plain text from an HTML fragment: paragraphs and <br> become newlines, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  const marked = dropBlocks(html.slice(0, MAX_INPUT))
    .replace(LINE_BREAK, '\n')
    .replace(LIST_ITEM, '\n• ')
    .replace(BLOCK_EDGE, '\n\n')
    .replace(ANY_TAG, '');
  const lines = decodeEntities(marked)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim());
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
