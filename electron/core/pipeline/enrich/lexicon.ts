import { hashString } from './hash';
import {
  BOOSTERS,
  CONTRASTIVE,
  EMOJI_VALENCE,
  LEXICON_GROUPS,
  NEGATORS,
  RESOLVERS,
  SARCASM_EMOJI,
} from './lexicon-words';
import { WIDE_LEXICON } from './lexicon-wide';

/** What a negated word's valence is multiplied by (VADER's): "not good" leans negative, less than "bad". */
export const NEGATION_SCALE = -0.74;

/** What a word does in the rules: carries a valence (NONE), negates, contrasts, boosts or resolves. */
export const ROLE_NONE = 0;
export const ROLE_NEGATOR = 1;
export const ROLE_CONTRASTIVE = 2;
export const ROLE_BOOSTER = 3;
/** Carries its own (positive) valence and negates the negative words after it ("sorted my issue"). */
export const ROLE_RESOLVER = 4;

/** Valence of a resolver that the valence groups do not list. */
const RESOLVER_VALENCE = 2;

/** One lexicon word: its role and value (valence, or boost for boosters). */
export interface WordInfo {
  readonly role: number;
  readonly value: number;
}

/** The lexicon compiled to hash-keyed tables, so look-ups use the scanner's token hashes (no strings). */
export interface CompiledLexicon {
  /** Every word with a role or a valence, keyed by hash: one look-up per token. */
  readonly words: ReadonlyMap<number, WordInfo>;
  readonly valence: ReadonlyMap<number, number>;
  readonly negators: ReadonlySet<number>;
  readonly boosters: ReadonlyMap<number, number>;
  readonly contrastive: ReadonlySet<number>;
  readonly emoji: ReadonlyMap<number, number>;
  readonly sarcasmEmoji: ReadonlySet<number>;
  /** The wide (VADER) word valences, keyed by hash: a second opinion for the dense features. */
  readonly wide: ReadonlyMap<number, number>;
}

const words = (list: string): ReadonlyArray<string> => list.split(/\s+/).filter((w) => w.length > 0);

function groupsToMap(groups: ReadonlyArray<readonly [number, string]>): Map<number, number> {
  const map = new Map<number, number>();
  for (const [value, list] of groups) for (const w of words(list)) map.set(hashString(w), value);
  return map;
}

function wordTable(): Map<number, WordInfo> {
  const table = new Map<number, WordInfo>();
  for (const [h, v] of groupsToMap(LEXICON_GROUPS)) table.set(h, { role: ROLE_NONE, value: v });
  for (const [h, b] of groupsToMap(BOOSTERS)) table.set(h, { role: ROLE_BOOSTER, value: b });
  const valence = groupsToMap(LEXICON_GROUPS);
  for (const w of words(RESOLVERS)) {
    const h = hashString(w);
    table.set(h, { role: ROLE_RESOLVER, value: valence.get(h) ?? RESOLVER_VALENCE });
  }
  for (const w of words(CONTRASTIVE)) table.set(hashString(w), { role: ROLE_CONTRASTIVE, value: 0 });
  for (const w of words(NEGATORS)) table.set(hashString(w), { role: ROLE_NEGATOR, value: 0 });
  return table;
}

/** Builds the hash tables from the word lists in lexicon-words.ts (later roles win: negator > contrastive > resolver > booster > valence). */
export function compileLexicon(): CompiledLexicon {
  return {
    words: wordTable(),
    valence: groupsToMap(LEXICON_GROUPS),
    negators: new Set(words(NEGATORS).map(hashString)),
    boosters: groupsToMap(BOOSTERS),
    contrastive: new Set(words(CONTRASTIVE).map(hashString)),
    emoji: new Map(EMOJI_VALENCE),
    sarcasmEmoji: new Set(SARCASM_EMOJI),
    wide: groupsToMap(WIDE_LEXICON),
  };
}

/** The lexicon, compiled once per process. */
export const LEXICON: CompiledLexicon = compileLexicon();
