/** FNV-1a 32-bit offset basis: the start value of every token hash. */
export const FNV_OFFSET = 0x811c9dc5 | 0;

/** Folds one UTF-16 code unit into an FNV-1a hash. Same arithmetic in training and scoring. */
export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** Hashes a whole string the way the scanner hashes a token char by char (no allocation on the hot path). */
export function hashString(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i += 1) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

/** A finaliser (murmur3 fmix32) so nearby hashes spread over the feature buckets. */
export function mix32(value: number): number {
  let h = value ^ (value >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Combines two hashes order-sensitively (word bigrams, salted feature kinds). */
export function combine(a: number, b: number): number {
  return mix32(Math.imul(a, 0x9e3779b1) ^ b);
}
