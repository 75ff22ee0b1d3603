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

const DROPPED_BLOCKS = /<(script|style|template|noscript|iframe|object|svg|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const LINE_BREAK = /<br\s*\/?>/gi;
const BLOCK_EDGE = /<\/?(p|div|blockquote|pre|h[1-6]|ul|ol|table|tr|section|article|header|footer)\b[^>]*>/gi;
const LIST_ITEM = /<li\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z!?][^>]*>/gi;
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi;

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
  const marked = html
    .replace(CDATA, '$1')
    .replace(COMMENTS, '')
    .replace(DROPPED_BLOCKS, '')
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
