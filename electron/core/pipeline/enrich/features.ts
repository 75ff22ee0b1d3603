import { combine, FNV_OFFSET, fnvStep, mix32 } from './hash';
import { ROLE_NEGATOR, ROLE_NONE, ROLE_RESOLVER } from './lexicon';
import { KIND_BREAK, KIND_WORD, NEGATION_SPAN, type Scan } from './text-scan';

const SALT_UNI = 0x1b873593;
const SALT_NEG = 0x2f1a9c3d;
const SALT_BI = 0x4cf5ad43;
const SALT_START = 0x7a1d3c55;
const SALT_CHAR = 0x68e31da4;
/** Character n-gram lengths taken over the normalised word stream. */
const CHAR_MIN = 3;
const CHAR_MAX = 5;

/** Reusable buffer of hashed feature indices (bucket numbers) for one text. */
export interface FeatureBuffer {
  count: number;
  readonly index: Int32Array;
}

/** Allocates a feature buffer big enough for any scan. */
export function createFeatureBuffer(): FeatureBuffer {
  return { count: 0, index: new Int32Array(4096 * (CHAR_MAX - CHAR_MIN + 1) + 2048) };
}

function wordFeatures(scan: Scan, out: FeatureBuffer, mask: number): void {
  let prev = SALT_START;
  let negScope = 0;
  let resolveScope = 0;
  let n = out.count;
  for (let k = 0; k < scan.count; k += 1) {
    const kind = scan.kind[k] as number;
    if (kind === KIND_BREAK) {
      prev = SALT_START;
      negScope = 0;
      resolveScope = 0;
      continue;
    }
    const h = scan.hash[k] as number;
    const role = kind === KIND_WORD ? (scan.role[k] as number) : -1;
    const problem = role === ROLE_NONE && (scan.value[k] as number) < 0;
    const negated = (negScope > 0 && kind === KIND_WORD) || (resolveScope > 0 && problem);
    out.index[n++] = combine(h, negated ? SALT_NEG : SALT_UNI) & mask;
    out.index[n++] = combine(combine(prev, h), SALT_BI) & mask;
    prev = h;
    if (role === ROLE_NEGATOR) negScope = NEGATION_SPAN + 1;
    else if (role === ROLE_RESOLVER) {
      // A negated resolver ("never fixed my issue") ends the negation; a plain one resolves what follows.
      if (negScope > 0) negScope = 1;
      else resolveScope = NEGATION_SPAN + 1;
    }
    if (negScope > 0) negScope -= 1;
    if (resolveScope > 0) resolveScope -= 1;
  }
  out.count = n;
}

function charFeatures(scan: Scan, out: FeatureBuffer, mask: number): void {
  const chars = scan.chars;
  const len = scan.charCount;
  let n = out.count;
  for (let i = 0; i + CHAR_MIN <= len; i += 1) {
    let h = FNV_OFFSET;
    for (let j = 0; j < CHAR_MAX && i + j < len; j += 1) {
      h = fnvStep(h, chars[i + j] as number);
      if (j + 1 >= CHAR_MIN) out.index[n++] = mix32(h ^ (SALT_CHAR + j)) & mask;
    }
  }
  out.count = n;
}

/** Writes the hashed word 1–2-gram (negation-marked; problem words after a resolver too) and char 2–5-gram features of `scan` into `out`. */
export function extractFeatures(scan: Scan, out: FeatureBuffer, buckets: number): FeatureBuffer {
  out.count = 0;
  const mask = buckets - 1;
  wordFeatures(scan, out, mask);
  charFeatures(scan, out, mask);
  return out;
}
