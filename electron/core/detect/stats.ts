/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Upper tail of the standard normal, Q(z) = P(Z > z). */
export function normalTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** −log10 of the normal upper tail Q(z), accurate far into the tail (asymptotic series beyond z = 5). */
export function negLog10Tail(z: number): number {
  if (z < 5) return -Math.log10(Math.max(normalTail(z), Number.MIN_VALUE));
  const logQ = -0.5 * z * z - Math.log(z * Math.sqrt(2 * Math.PI)) + Math.log(1 - 1 / (z * z) + 3 / z ** 4);
  return -logQ / Math.LN10;
}

/** Anscombe's variance-stabilising transform for Poisson counts: unit variance whatever the mean. */
export function anscombe(x: number): number {
  return 2 * Math.sqrt(Math.max(0, x) + 0.375);
}

/** Clamps `x` into [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
