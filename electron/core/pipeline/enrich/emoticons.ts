/** Text emoticons and their valence in [-4, 4]; longer forms first so ":-))" wins over ":-)". */
export const EMOTICONS: ReadonlyArray<readonly [string, number]> = [
  ['>:-(', -2.5],
  ['>:(', -2.5],
  [":'-(", -2.2],
  [":'(", -2.2],
  ['</3', -2.5],
  [':-))', 2.2],
  [':))', 2.2],
  [':-((', -2.2],
  [':((', -2.2],
  ['^_^', 2],
  ['-_-', -1.2],
  ['-.-', -1.2],
  [':-)', 2],
  [':-D', 2.3],
  [':-P', 1.2],
  [':-p', 1.2],
  [';-)', 1.6],
  [':-(', -2],
  [':-/', -1.2],
  [':-|', -0.6],
  [':)', 2],
  [':D', 2.3],
  [':P', 1.2],
  [':p', 1.2],
  [';)', 1.6],
  [';D', 2],
  ['=)', 1.8],
  ['=D', 2.1],
  ['(:', 1.8],
  ['<3', 2.6],
  [':(', -2],
  [':/', -1.2],
  [':\\', -1.2],
  [':|', -0.6],
  [':@', -2.2],
  [':S', -1.2],
  [':O', -0.3],
  [':o', -0.3],
  [':*', 2],
  ['=(', -1.8],
  ['^^', 1.8],
];

const FIRST_CHARS = new Set(EMOTICONS.map(([e]) => e.charCodeAt(0)));

function boundaryAfter(text: string, j: number): boolean {
  if (j >= text.length) return true;
  const c = text.charCodeAt(j);
  return !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 47);
}

function matchesAt(text: string, i: number, e: string): boolean {
  for (let k = 0; k < e.length; k += 1) if (text.charCodeAt(i + k) !== e.charCodeAt(k)) return false;
  return true;
}

/**
 * The emoticon starting at `i`, encoded as `(index << 3) | length`, or -1. It must not run on into a
 * word (":pm" is not ":p"), and "://" is never ":/".
 */
export function matchEmoticon(text: string, i: number): number {
  if (!FIRST_CHARS.has(text.charCodeAt(i))) return -1;
  for (let k = 0; k < EMOTICONS.length; k += 1) {
    const e = (EMOTICONS[k] as readonly [string, number])[0];
    if (matchesAt(text, i, e) && boundaryAfter(text, i + e.length)) return (k << 3) | e.length;
  }
  return -1;
}

/** Valence of emoticon number `index` (from `matchEmoticon`). */
export function emoticonValence(index: number): number {
  return EMOTICONS[index]?.[1] ?? 0;
}
