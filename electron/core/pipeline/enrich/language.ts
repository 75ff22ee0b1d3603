/**
 * In-process language identification for short social posts: the writing system first (Cyrillic, Arabic,
 * CJK, ...), then, for Latin script, frequent function words of each language. Returns an ISO 639-1 code,
 * or "und" when the text is too short or the evidence is split.
 */

import { hashString } from './hash';
import { createScan, KIND_WORD, scanText, type Scan } from './text-scan';

/** Latin-script languages told apart by their function words (apostrophes already removed). */
const STOPWORDS: Readonly<Record<string, string>> = {
  en: 'the and is are was were you your my me i im its it this that what with for have has had not dont cant of to in on be just will would so but they we our can get got been at from about out all if when why how there do does did am an or no a as by please thanks thank u via w or very been one more',
  es: 'el la los las es y que qué de del en un una por para con no se lo mi mis muy pero como esta está más su al yo tu te le ya porque cuando todo hay estoy eso gracias hola nada bien también me ni sin hasta nos esto puedo tengo hace son fue ser desde ayer hoy si alguien sabe otra vez',
  pt: 'os é e que de do da dos das em um uma para com não nao se eu meu minha muito mas como está mais você voce isso já ja ao pelo pela obrigado tudo também bem no na nos nas foi ser tenho estou hoje ontem',
  fr: 'le la les est et que de des du en un une pour avec pas ne je tu il elle nous vous mon ma mes très tres mais comme sur ce cette qui au aux sont suis cest jai merci rien bien aussi depuis personne moi',
  de: 'der die das ist und nicht ich du er sie wir ihr mit für fur auf ein eine einen dem den zu von sehr aber wie noch auch nur schon mein meine kein keine bin hat haben danke gut seit mir mich',
  it: 'il lo la gli le è e che di del della in un una per con non mi ti si sono sei ma come più piu anche questo questa molto ho hai ha io tu grazie bene tutto perché perche da nessuno',
  nl: 'de het een is en van ik je jij niet dat die met voor op zijn maar ook wat bij nog wel geen heb heeft mijn naar hoe dank goed al niemand',
  tr: 've bir bu da de ne için icin ile çok cok ama gibi daha ben sen var yok değil degil mi mı bana benim teşekkürler iyi kimse',
  id: 'yang dan di ini itu dengan untuk tidak ada saya aku kamu ke dari akan juga sudah bisa tapi karena apa lagi banget gak nggak terima kasih',
  pl: 'na nie się sie to jest że ze do jak ale co mnie mi jestem bardzo tak już juz dla czy dziękuję dziekuje',
  sv: 'och att det som en ett är ar inte jag du på pa med för for har till av men så sa vi mycket tack',
};

/** Letters that point to one Latin-script language (each adds half a stop word, at most two). */
const LETTER_HINTS: ReadonlyArray<readonly [string, string]> = [
  ['es', 'ñ'],
  ['pt', 'ãõ'],
  ['fr', 'èêâîôûëïœù'],
  ['de', 'ßä'],
  ['tr', 'ışğ'],
  ['pl', 'ąęłśźżćń'],
  ['sv', 'å'],
];

/**
 * Spanish's opening question and exclamation marks, which no other language writes: each counts as a whole stop
 * word (at most two), so a short question ("¿Alguien sabe si … funciona en México?") is read as Spanish.
 */
const SPANISH_MARKS = '¿¡';

const LATIN_LANGS: ReadonlyArray<string> = Object.keys(STOPWORDS);

/** Stop-word hash (as the scanner hashes a word) -> bit mask of the languages that list it. */
const STOP_HASH: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  LATIN_LANGS.forEach((lang, bit) => {
    for (const w of (STOPWORDS[lang] as string).split(' ')) {
      const h = hashString(w.replace(/'/g, ''));
      map.set(h, (map.get(h) ?? 0) | (1 << bit));
    }
  });
  return map;
})();

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n += 1;
  return n;
}

/** Scripts that identify a language on their own: [first, last code unit, language]. */
const SCRIPTS: ReadonlyArray<readonly [number, number, string]> = [
  [0x3040, 0x30ff, 'ja'],
  [0xac00, 0xd7af, 'ko'],
  [0x1100, 0x11ff, 'ko'],
  [0x4e00, 0x9fff, 'zh'],
  [0x0600, 0x06ff, 'ar'],
  [0x0590, 0x05ff, 'he'],
  [0x0900, 0x097f, 'hi'],
  [0x0e00, 0x0e7f, 'th'],
  [0x0370, 0x03ff, 'el'],
  [0x0400, 0x04ff, 'ru'],
];

/** Stop-word evidence a language other than English needs (social posts are mostly English). */
const NON_ENGLISH_MIN = 1.5;

/** Fewer word tokens than this: "und". */
export const MIN_WORDS = 3;

function scriptOf(c: number): string | null {
  for (const [lo, hi, lang] of SCRIPTS) if (c >= lo && c <= hi) return lang;
  return null;
}

/** The dominant non-Latin script's language, when one covers at least 40% of the letters. */
function scriptLanguage(text: string): { readonly lang: string | null; readonly letters: number } {
  const counts = new Map<string, number>();
  let letters = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const lang = c >= 0x370 ? scriptOf(c) : null;
    if (lang !== null) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    if (lang !== null || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c < 0x250)) letters += 1;
  }
  if (counts.has('ja')) return { lang: 'ja', letters };
  let best: string | null = null;
  let bestN = 0;
  for (const [lang, n] of counts)
    if (n > bestN) {
      best = lang;
      bestN = n;
    }
  if (best === 'ru' && /[іїєґ]/i.test(text)) best = 'uk';
  return { lang: letters > 0 && bestN / letters >= 0.4 ? best : null, letters };
}

const LANG_SCAN = createScan();
const scores = new Float64Array(LATIN_LANGS.length);

function addLetterHints(text: string): void {
  for (const [lang, letters] of LETTER_HINTS) {
    let hits = 0;
    for (let i = 0; i < text.length && hits < 4; i += 1)
      if (letters.includes((text[i] as string).toLowerCase())) hits += 1;
    const b = LATIN_LANGS.indexOf(lang);
    if (hits > 0 && b >= 0) scores[b] = (scores[b] as number) + Math.min(hits, 4) * 0.5;
  }
  let marks = 0;
  for (let i = 0; i < text.length && marks < 2; i += 1) if (SPANISH_MARKS.includes(text[i] as string)) marks += 1;
  const es = LATIN_LANGS.indexOf('es');
  scores[es] = (scores[es] as number) + marks;
}

/** Latin-script language from the scanner's word hashes; "und" when too short or split. */
function latinLanguage(scan: Scan, text: string): string {
  scores.fill(0);
  let words = 0;
  for (let k = 0; k < scan.count; k += 1) {
    if (scan.kind[k] !== KIND_WORD) continue;
    words += 1;
    const mask = STOP_HASH.get(scan.hash[k] as number);
    if (mask === undefined) continue;
    const share = 1 / popcount(mask);
    for (let b = 0; b < LATIN_LANGS.length; b += 1)
      if ((mask & (1 << b)) !== 0) scores[b] = (scores[b] as number) + share;
  }
  if (words < MIN_WORDS) return 'und';
  if (scan.nonAsciiLetters > 0) addLetterHints(text);
  let best = -1,
    first = 0,
    second = 0;
  for (let b = 0; b < LATIN_LANGS.length; b += 1) {
    const v = scores[b] as number;
    if (v > first) {
      second = first;
      first = v;
      best = b;
    } else if (v > second) second = v;
  }
  const lang = best >= 0 ? (LATIN_LANGS[best] as string) : 'und';
  const needed = lang === 'en' ? 1 : NON_ENGLISH_MIN;
  return first >= needed && first >= second * 1.3 + 0.2 ? lang : 'und';
}

/** Detects the language of a text already cut by the scanner (the sentiment path shares one scan). */
export function languageOfScan(scan: Scan, text: string): string {
  if (scan.nonAsciiLetters > 0) {
    const script = scriptLanguage(text);
    if (script.lang !== null) return script.letters >= 2 ? script.lang : 'und';
  }
  return latinLanguage(scan, text);
}

/** Detects the language of a post: an ISO 639-1 code, or "und". */
export function detectLanguage(text: string): string {
  return languageOfScan(scanText(text, LANG_SCAN), text);
}
