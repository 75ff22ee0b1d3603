/**
 * A few strong sentiment words of the Latin-script languages the trained model does not read (es, pt, fr, de,
 * it, nl). They never make a reading confident: they only give the low-confidence ("unsure") fallback for
 * such posts a lean, next to emoji and emoticons, instead of a blind neutral.
 */
import { hashString } from './hash';
import { KIND_BREAK, KIND_WORD, type Scan } from './text-scan';

const CUES: ReadonlyArray<readonly [number, string]> = [
  [
    -2.5,
    'desastre pésimo pesimo pésima pesima péssimo pessimo péssima vergüenza verguenza vergonha vergogna basura lixo merda mierda schifo scheiße scheisse catastrophe catastrófico catastrofico',
  ],
  [
    -2,
    'horrible horrível horrivel terrible terrível terrivel fatal harto harta odio odeio déçu decu déçue décevant nul nulle arnaque enttäuscht enttauscht schrecklich furchtbar katastrophe schande pessimo orribile vergonzoso waardeloos slecht',
  ],
  [-1.5, 'malo mala mal ruim problema problemas problème probleme fehler schlecht peor pior pire falla fallo erreur'],
  [
    2.5,
    'excelente genial génial perfecto perfecta perfeito perfeita parfait parfaite encanta adoro adore ótimo otimo ótima otima ottimo ottima fantástico fantastico fantastique wunderbar hervorragend prachtig geweldig',
  ],
  [2, 'feliz contento contenta contente heureux heureuse toll prima bravo bravissimo maravilloso maravilhoso super'],
  [1.5, 'gracias obrigado obrigada merci danke grazie bedankt bueno buena bom boa bien gut bene goed rápido rapide'],
];

/** Negators of those languages: a cue right after one reads the other way ("no es bueno"). */
const NEGATORS = 'no não nao nunca jamás jamais pas nicht kein keine non niet geen';

const CUE_VALENCE: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (const [v, list] of CUES) for (const w of list.split(/\s+/)) if (w) map.set(hashString(w), v);
  return map;
})();
const NEGATOR_HASHES: ReadonlySet<number> = new Set(NEGATORS.split(' ').map(hashString));

/** Sum and count of the cue words in `scan`, a cue within two words after a negator flipped. */
export function readForeignCues(scan: Scan): { readonly sum: number; readonly count: number } {
  let sum = 0,
    count = 0,
    negated = 0;
  for (let k = 0; k < scan.count; k += 1) {
    const kind = scan.kind[k] as number;
    if (kind === KIND_BREAK) negated = 0;
    if (kind !== KIND_WORD) continue;
    const h = scan.hash[k] as number;
    const v = CUE_VALENCE.get(h);
    if (v !== undefined) {
      sum += negated > 0 ? -0.74 * v : v;
      count += 1;
    }
    if (NEGATOR_HASHES.has(h)) negated = 3;
    else if (negated > 0) negated -= 1;
  }
  return { sum, count };
}
