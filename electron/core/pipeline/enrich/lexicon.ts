import { hashString } from './hash';
import { BOOSTERS, CONTRASTIVE, EMOJI_VALENCE, LEXICON_GROUPS, NEGATORS, SARCASM_EMOJI } from './lexicon-words';

/** The lexicon compiled to hash-keyed tables, so look-ups use the scanner's token hashes (no strings). */
export interface CompiledLexicon {
  readonly valence: ReadonlyMap<number, number>;
  readonly negators: ReadonlySet<number>;
  readonly boosters: ReadonlyMap<number, number>;
  readonly contrastive: ReadonlySet<number>;
  readonly emoji: ReadonlyMap<number, number>;
  readonly sarcasmEmoji: ReadonlySet<number>;
}

const words = (list: string): ReadonlyArray<string> => list.split(/\s+/).filter((w) => w.length > 0);

function groupsToMap(groups: ReadonlyArray<readonly [number, string]>): Map<number, number> {
  const map = new Map<number, number>();
  for (const [value, list] of groups) for (const w of words(list)) map.set(hashString(w), value);
  return map;
}

/** Builds the hash tables from the word lists in lexicon-words.ts. */
export function compileLexicon(): CompiledLexicon {
  return {
    valence: groupsToMap(LEXICON_GROUPS),
    negators: new Set(words(NEGATORS).map(hashString)),
    boosters: groupsToMap(BOOSTERS),
    contrastive: new Set(words(CONTRASTIVE).map(hashString)),
    emoji: new Map(EMOJI_VALENCE),
    sarcasmEmoji: new Set(SARCASM_EMOJI),
  };
}

/** The lexicon, compiled once per process. */
export const LEXICON: CompiledLexicon = compileLexicon();
