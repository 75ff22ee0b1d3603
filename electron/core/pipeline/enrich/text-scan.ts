import { FNV_OFFSET, fnvStep } from './hash';
import { matchEmoticon } from './emoticons';
import { LEXICON, ROLE_CONTRASTIVE, ROLE_NEGATOR, ROLE_RESOLVER } from './lexicon';

/** Token kinds the scanner emits. */
export const KIND_WORD = 0;
export const KIND_EMOJI = 1;
export const KIND_EMOTICON = 2;
/** Clause punctuation (. , ; : ! ?): ends a negation scope. */
export const KIND_BREAK = 3;
/** An explicit sarcasm marker such as "/s". */
export const KIND_SARCASM = 4;

/** Token flags. */
export const FLAG_CAPS = 1;
export const FLAG_ELONG = 2;

/**
 * One text cut into tokens, held in reusable typed arrays so scoring allocates nothing per token.
 * URLs, @mentions and HTML entities are dropped; "#" is dropped from hashtags; letters are lower-cased;
 * runs of 3+ equal letters are shortened to 2 (`hash`) and to 1 (`alt`, for lexicon look-ups).
 */
export interface Scan {
  count: number;
  hash: Int32Array;
  alt: Int32Array;
  kind: Uint8Array;
  flags: Uint8Array;
  /** Emoji code point, or emoticon index. */
  code: Int32Array;
  /** Lexicon role of a word (lexicon.ts ROLE_*), and its valence or boost. */
  role: Uint8Array;
  value: Float32Array;
  /** Normalised words separated by single spaces, for character n-grams. */
  chars: Uint16Array;
  charCount: number;
  exclaims: number;
  questions: number;
  /** Letters outside ASCII, and all letters: a cheap script signal. */
  nonAsciiLetters: number;
  letters: number;
  upperLetters: number;
  /** Words still inside a negation scope; their characters go to a separate n-gram space. */
  negScope: number;
}

/** Tokens kept per text: a long review is read from its first 512 tokens. */
const MAX_TOKENS = 512;
/** How many words after a negator are negated ("not very good"). */
export const NEGATION_SPAN = 3;
/** XOR-ed into the characters of negated words so "not bad" shares no character n-grams with "bad". */
const NEGATED_CHARS = 0x8000;
const MAX_CHARS = 4096;

/** Allocates a scan buffer; reuse it across texts. */
export function createScan(): Scan {
  return {
    count: 0,
    hash: new Int32Array(MAX_TOKENS),
    alt: new Int32Array(MAX_TOKENS),
    kind: new Uint8Array(MAX_TOKENS),
    flags: new Uint8Array(MAX_TOKENS),
    code: new Int32Array(MAX_TOKENS),
    role: new Uint8Array(MAX_TOKENS),
    value: new Float32Array(MAX_TOKENS),
    chars: new Uint16Array(MAX_CHARS + 64),
    charCount: 0,
    exclaims: 0,
    questions: 0,
    nonAsciiLetters: 0,
    letters: 0,
    upperLetters: 0,
    negScope: 0,
  };
}

/** True for code units that belong inside a word (letters and digits of any script we handle). */
export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c < 0xc0) return false;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c < 0x2000) return true;
  return (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}

function lower(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 0xc0) return c;
  if ((c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x410 && c <= 0x42f) || (c >= 0x391 && c <= 0x3a9)) return c + 32;
  return c;
}

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x410 && c <= 0x42f);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0;
}

function startsUrl(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 32;
  if (c === 119)
    return (
      (text.charCodeAt(i + 1) | 32) === 119 && (text.charCodeAt(i + 2) | 32) === 119 && text.charCodeAt(i + 3) === 46
    );
  if (
    c !== 104 ||
    (text.charCodeAt(i + 1) | 32) !== 116 ||
    (text.charCodeAt(i + 2) | 32) !== 116 ||
    (text.charCodeAt(i + 3) | 32) !== 112
  )
    return false;
  const j = (text.charCodeAt(i + 4) | 32) === 115 ? i + 5 : i + 4;
  return text.charCodeAt(j) === 58 && text.charCodeAt(j + 1) === 47;
}

function skipWhile(text: string, i: number, pred: (c: number) => boolean): number {
  let j = i;
  while (j < text.length && pred(text.charCodeAt(j))) j += 1;
  return j;
}

const notSpace = (c: number): boolean => !isSpace(c);
const handleChar = (c: number): boolean => isWordChar(c) || c === 95;

/** Emoji code point at i; 0 when none, -1 for a modifier to skip (skin tone, flag letter). */
function emojiAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd83c && c <= 0xd83e) {
    const cp = ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
    if ((cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0x1f1e6 && cp <= 0x1f1ff)) return -1;
    return cp;
  }
  if ((c >= 0x2600 && c <= 0x27bf) || c === 0x2b50 || c === 0x2b55 || c === 0x2639 || c === 0x263a) return c;
  return 0;
}

function pushToken(
  s: Scan,
  kind: number,
  hash: number,
  alt: number,
  flags: number,
  code: number,
  role = 0,
  value = 0,
): void {
  if (s.count >= MAX_TOKENS) return;
  const k = s.count;
  s.role[k] = role;
  s.value[k] = value;
  s.kind[k] = kind;
  s.hash[k] = hash;
  s.alt[k] = alt;
  s.flags[k] = flags;
  s.code[k] = code;
  s.count = k + 1;
}

function pushBreak(s: Scan): void {
  s.negScope = 0;
  if (s.count > 0 && s.kind[s.count - 1] === KIND_BREAK) return;
  pushToken(s, KIND_BREAK, 0, 0, 0, 0);
}

/** Scans one word starting at i; returns the index after it. */
function scanWord(text: string, start: number, s: Scan): number {
  let h = FNV_OFFSET;
  let alt = FNV_OFFSET;
  let last = -1;
  let prev = -1;
  let letters = 0;
  let uppers = 0;
  let elong = false;
  let i = start;
  let nonAscii = 0;
  const shift = s.negScope > 0 ? NEGATED_CHARS : 0;
  const chars = s.chars;
  let n = s.charCount;
  if (n > 0 && chars[n - 1] !== 32) chars[n++] = 32;
  for (; i < text.length; i += 1) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 97 && c <= 122) letters += 1;
      else if (c >= 65 && c <= 90) {
        letters += 1;
        uppers += 1;
        c += 32;
      } else if (c < 48 || c > 57) {
        if (c === 39 && i > start && isWordChar(text.charCodeAt(i + 1))) continue;
        break;
      }
    } else {
      if (c === 0x2019 && i > start && isWordChar(text.charCodeAt(i + 1))) continue;
      if (!isWordChar(c)) break;
      nonAscii += 1;
      letters += 1;
      if (isUpper(c)) uppers += 1;
      c = lower(c);
    }
    if (c !== last) alt = fnvStep(alt, c);
    if (c === last && c === prev) {
      elong = true;
      continue;
    }
    h = fnvStep(h, c);
    prev = last;
    last = c;
    if (n < MAX_CHARS) chars[n++] = c ^ shift;
  }
  s.charCount = n;
  s.nonAsciiLetters += nonAscii;
  s.letters += letters;
  s.upperLetters += uppers;
  const info = LEXICON.words.get(h) ?? (elong ? LEXICON.words.get(alt) : undefined);
  const role = info === undefined ? 0 : info.role;
  if (role === ROLE_NEGATOR) s.negScope = NEGATION_SPAN;
  else if (role === ROLE_CONTRASTIVE || role === ROLE_RESOLVER) s.negScope = 0;
  else if (s.negScope > 0) s.negScope -= 1;
  const flags = (letters >= 2 && uppers === letters ? FLAG_CAPS : 0) | (elong ? FLAG_ELONG : 0);
  pushToken(s, KIND_WORD, h, elong ? alt : h, flags, 0, role, info === undefined ? 0 : info.value);
  return i;
}

/** Handles one non-word position; returns the next index. */
function scanOther(text: string, i: number, s: Scan): number {
  const c = text.charCodeAt(i);
  if (c === 64 && handleChar(text.charCodeAt(i + 1))) return skipWhile(text, i + 1, handleChar);
  if (c === 38) {
    const j = skipWhile(text, i + 1, (x) => (x >= 97 && x <= 122) || x === 35 || (x >= 48 && x <= 57));
    if (text.charCodeAt(j) === 59 && j - i <= 8) return j + 1;
  }
  const emoticon = matchEmoticon(text, i);
  if (emoticon >= 0) {
    const index = emoticon >> 3;
    pushToken(s, KIND_EMOTICON, fnvStep(0x3c3c, index), 0, 0, index);
    return i + (emoticon & 7);
  }
  if (
    c === 47 &&
    (text.charCodeAt(i + 1) | 32) === 115 &&
    (i + 2 >= text.length || !isWordChar(text.charCodeAt(i + 2)))
  ) {
    pushToken(s, KIND_SARCASM, 0x5a5c, 0, 0, 0);
    return i + 2;
  }
  const cp = emojiAt(text, i);
  if (cp !== 0) {
    if (cp > 0) pushToken(s, KIND_EMOJI, fnvStep(0x7e7e, cp), 0, 0, cp);
    return i + (cp > 0xffff || cp < 0 ? 2 : 1);
  }
  if (c === 33) s.exclaims += 1;
  else if (c === 63) s.questions += 1;
  if (c === 33 || c === 63 || c === 46 || c === 44 || c === 59 || c === 58) pushBreak(s);
  return i + 1;
}

/** Cuts `text` into tokens, overwriting `s`. */
export function scanText(text: string, s: Scan): Scan {
  s.count = 0;
  s.charCount = 1;
  s.chars[0] = 32;
  s.exclaims = 0;
  s.questions = 0;
  s.nonAsciiLetters = 0;
  s.letters = 0;
  s.upperLetters = 0;
  s.negScope = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) i += 1;
    else if ((c | 32) === 104 || (c | 32) === 119 ? startsUrl(text, i) : false) i = skipWhile(text, i, notSpace);
    else if (isWordChar(c)) i = scanWord(text, i, s);
    else i = scanOther(text, i, s);
  }
  if (s.chars[s.charCount - 1] !== 32) s.chars[s.charCount++] = 32;
  return s;
}
