import { z } from 'zod';
import type { Result } from '../../../../shared/result';
import { appError, err, ok } from '../../../../shared/result';
import type { FeatureBuffer } from './features';
import { DENSE_FEATURES } from './rules';
import { WORD_VECTOR_DIMS, type WordLexicon } from './word-vectors';

/** Class order of every weight row: negative, neutral, positive. */
export const CLASSES = 3;

/** The shipped, persisted form of the linear sentiment model (validated on load). */
export const SentimentModelFileSchema = z.object({
  version: z.literal(2),
  /** Hashed feature buckets; a power of two. */
  buckets: z
    .number()
    .int()
    .positive()
    .refine((n) => (n & (n - 1)) === 0, 'buckets must be a power of two'),
  /** Multiply an int8 weight by this to get its value. */
  weightScale: z.number().positive(),
  /** base64 of `buckets * 3` int8 weights, class-interleaved. */
  weights: z.string(),
  dense: z.array(z.number()).length(DENSE_FEATURES * CLASSES),
  bias: z.array(z.number()).length(CLASSES),
  /** Softmax temperature fitted so probabilities are calibrated. */
  temperature: z.number().positive(),
  /** The word lexicon the dense features read (word-vectors.ts WordLexicon): coefficients then intercept. */
  lexicon: z.object({
    negative: z.array(z.number()).length(WORD_VECTOR_DIMS + 1),
    positive: z.array(z.number()).length(WORD_VECTOR_DIMS + 1),
  }),
  meta: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type SentimentModelFile = z.infer<typeof SentimentModelFileSchema>;

/**
 * The model ready for scoring. Hashed weights stay int8 (or float while training) and are scaled once per text,
 * which keeps the table at 1.5 MB so look-ups stay in cache.
 */
export interface LinearModel {
  readonly buckets: number;
  readonly weights: Int8Array | Float32Array;
  /** Multiplies the summed hashed weights (1 for float weights). */
  readonly weightScale: number;
  readonly dense: Float32Array;
  readonly bias: Float32Array;
  readonly temperature: number;
  readonly lexicon: WordLexicon;
}

/** Validates and decodes a persisted model. */
export function loadModel(raw: unknown): Result<LinearModel> {
  const parsed = SentimentModelFileSchema.safeParse(raw);
  if (!parsed.success) return err(appError('model.invalid', parsed.error.message));
  const file = parsed.data;
  const bytes = Buffer.from(file.weights, 'base64');
  if (bytes.length !== file.buckets * CLASSES)
    return err(appError('model.size', `expected ${file.buckets * CLASSES} weights, got ${bytes.length}`));
  const weights = new Int8Array(bytes.length);
  weights.set(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  return ok({
    buckets: file.buckets,
    weights,
    weightScale: file.weightScale,
    dense: Float32Array.from(file.dense),
    bias: Float32Array.from(file.bias),
    temperature: file.temperature,
    lexicon: { negative: Float32Array.from(file.lexicon.negative), positive: Float32Array.from(file.lexicon.positive) },
  });
}

/**
 * Raw class scores (logits) for one text: bias + hashed features (scaled by 1/sqrt(count)) + dense features.
 * Writes into `out` (length 3).
 */
export function logits(
  model: LinearModel,
  features: FeatureBuffer,
  dense: Float32Array,
  out: Float64Array,
): Float64Array {
  const w = model.weights;
  let a = 0,
    b = 0,
    c = 0;
  const idx = features.index;
  for (let i = 0; i < features.count; i += 1) {
    const o = (idx[i] as number) * 3;
    a += w[o] as number;
    b += w[o + 1] as number;
    c += w[o + 2] as number;
  }
  const scale = features.count > 0 ? model.weightScale / Math.sqrt(features.count) : 0;
  a *= scale;
  b *= scale;
  c *= scale;
  const d = model.dense;
  const width = d.length / CLASSES;
  for (let j = 0; j < width; j += 1) {
    const x = dense[j] as number;
    if (x === 0) continue;
    a += x * (d[j * 3] as number);
    b += x * (d[j * 3 + 1] as number);
    c += x * (d[j * 3 + 2] as number);
  }
  out[0] = a + (model.bias[0] as number);
  out[1] = b + (model.bias[1] as number);
  out[2] = c + (model.bias[2] as number);
  return out;
}

/** Softmax of `z / temperature` into `out`. */
export function softmax(z: Float64Array, temperature: number, out: Float64Array): Float64Array {
  const m = Math.max(z[0] as number, z[1] as number, z[2] as number);
  let s = 0;
  for (let k = 0; k < CLASSES; k += 1) {
    const e = Math.exp(((z[k] as number) - m) / temperature);
    out[k] = e;
    s += e;
  }
  for (let k = 0; k < CLASSES; k += 1) out[k] = (out[k] as number) / s;
  return out;
}
