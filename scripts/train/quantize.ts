/** Int8 weights with one scale: what the shipped model file stores. */
export interface Quantized {
  readonly scale: number;
  readonly base64: string;
  readonly bytes: Int8Array;
}

/**
 * Quantises weights to int8. The scale comes from a high quantile of |w| rather than the maximum, so a few
 * outliers (clipped) do not cost every other weight its precision.
 */
export function quantize(weights: Float32Array, quantile = 0.99995): Quantized {
  const mags = Float32Array.from(weights, Math.abs)
    .filter((x) => x > 0)
    .sort();
  const cap = mags.length ? (mags[Math.min(mags.length - 1, Math.floor(quantile * mags.length))] as number) : 1;
  const scale = Number((cap / 127).toPrecision(8));
  const bytes = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i += 1) {
    const q = Math.max(-127, Math.min(127, Math.round((weights[i] as number) / scale)));
    bytes[i] = q;
  }
  return { scale, base64: Buffer.from(bytes.buffer).toString('base64'), bytes };
}
