/**
 * Public-screen masking: what a screen visitors can see shows of a post. Personal data (emails, card numbers, phone
 * numbers, @handles) and profanity are replaced; everything else is kept so the post still reads. Pure and
 * conservative: a false mask costs a word, a missed one shows a customer's number to the lobby.
 */

/** What replaces each kind of personal data. */
export const MASKS = { email: '[email]', card: '[card]', phone: '[phone]', handle: '@…' } as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// 13 to 19 digits, optionally in groups split by one space or dash (how people type card numbers).
const CARD = /(?<![\p{N}])\d(?:[ -]?\d){12,18}(?![\p{N}])/gu;
// An optional +, then digits in groups split by one space, dot, dash or a parenthesised area code.
const PHONE = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d{1,4}\)?(?:[ .-]?\(?\d{1,5}\)?){1,6}(?![\p{L}\p{N}])/gu;
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;
const HANDLE = /(^|[^\p{L}\p{N}_@.])@[\p{L}\p{N}_.]{1,50}/gu;

/** Word stems that are profane wherever they appear in a word ("motherfucking"), in the languages seen most. */
const PROFANE_STEMS = [
  'fuck',
  'fck',
  'fuk',
  'shit',
  'bitch',
  'asshole',
  'arsehole',
  'bastard',
  'wanker',
  'bollock',
  'twat',
  'dickhead',
  'motherf',
  'bullshit',
  'mierd',
  'put[ao]',
  'joder',
  'coño',
  'cabr[oó]n',
  'gilipoll',
  'merde',
  'putain',
  'connard',
  'encul',
  'scheiss',
  'scheiß',
  'arschloch',
  'fotze',
  'wichser',
  'porra',
  'caralho',
  'foda',
  'cazzo',
  'vaffanculo',
  'stronz',
  'kurwa',
];
/** Whole words only (they are parts of ordinary words: "Dickens", "assess", "cocktail", "Scunthorpe"). */
const PROFANE_WORDS = [
  'cunt',
  'cunts',
  'ass',
  'arse',
  'dick',
  'cock',
  'piss',
  'pissed',
  'crap',
  'damn',
  'prick',
  'slut',
  'whore',
];
// Starred-out spellings people use to dodge filters: f*ck, f**k, sh*t, s**t, b*tch.
const STARRED = /(?<![\p{L}])(?:f[*#@!]{1,3}c?k|f[u*]{0,1}[*#@!]{1,2}k|sh[*!1]t|s[*]{2}t|b[*!1]tch)\p{L}*/giu;
const STEMS = new RegExp(`[\\p{L}]*(?:${PROFANE_STEMS.join('|')})[\\p{L}]*`, 'giu');
const WORDS = new RegExp(`(?<![\\p{L}])(?:${PROFANE_WORDS.join('|')})(?![\\p{L}])`, 'giu');

/** A profane word as its first letter and a star per other letter: "f***", so the tone still shows. */
const starred = (word: string): string => {
  const letters = [...word];
  return (letters[0] ?? '') + '*'.repeat(Math.max(1, letters.length - 1));
};

/** Counts the digits in `s`. */
const digitCount = (s: string): number => (s.match(/\d/g) ?? []).length;

/** Masks phone numbers: 7 to 15 digits, not a date, not an ordinary number (no separators and under 10 digits). */
function maskPhones(text: string): string {
  return text.replace(PHONE, (match) => {
    const digits = digitCount(match);
    if (digits < 7 || digits > 15 || DATE.test(match)) return match;
    const plain = /^\d+$/.test(match);
    if (plain && digits < 10) return match;
    return MASKS.phone;
  });
}

/** The Luhn checksum every payment card number passes. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Masks card numbers: Luhn-valid runs, and any run too long to be a phone number (over 15 digits). */
const maskCards = (text: string): string =>
  text.replace(CARD, (match) => {
    const digits = match.replace(/\D/g, '');
    return luhnValid(digits) || digits.length > 15 ? MASKS.card : match;
  });

/** Masks personal data only: emails, card numbers, phone numbers and @handles. */
export function maskPersonalData(text: string): string {
  return maskPhones(maskCards(text.replace(EMAIL, MASKS.email))).replace(
    HANDLE,
    (_m, before: string) => `${before}${MASKS.handle}`,
  );
}

/** Masks profanity (stems, whole words and starred spellings), keeping each word's first letter. */
export function maskProfanity(text: string): string {
  return text.replace(STARRED, starred).replace(STEMS, starred).replace(WORDS, starred);
}

/** Everything a public screen hides of a post's text: personal data and profanity. */
export const maskPublicText = (text: string): string => maskProfanity(maskPersonalData(text));

/** An author as a public screen shows them: the first letter and an ellipsis. */
export const maskAuthor = (handle: string): string => `${[...handle.replace(/^@/, '')][0] ?? ''}…`;
