/** Small dense linear algebra for the data generators (d <= ~100): PCA by orthogonal iteration, ridge regression. */

/** Principal axes of some rows: the mean and the top-`k` eigenvectors of their covariance. */
export interface Axes {
  readonly mean: Float64Array;
  readonly axes: ReadonlyArray<Float64Array>;
  /** Coordinates of `x` on the axes (centred). */
  project(x: Float64Array): number[];
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += (a[i] as number) * (b[i] as number);
  return s;
};

function covariance(rows: ReadonlyArray<Float64Array>, mean: Float64Array): Float64Array[] {
  const d = mean.length;
  const c = Array.from({ length: d }, () => new Float64Array(d));
  for (const x of rows)
    for (let p = 0; p < d; p += 1) {
      const xp = (x[p] as number) - (mean[p] as number);
      const row = c[p] as Float64Array;
      for (let q = 0; q < d; q += 1) row[q] = (row[q] as number) + xp * ((x[q] as number) - (mean[q] as number));
    }
  return c;
}

/** Gram-Schmidt in place. */
function orthonormalise(vs: Float64Array[]): void {
  vs.forEach((v, i) => {
    for (let j = 0; j < i; j += 1) {
      const u = vs[j] as Float64Array;
      const s = dot(v, u);
      for (let t = 0; t < v.length; t += 1) v[t] = (v[t] as number) - s * (u[t] as number);
    }
    const n = Math.sqrt(dot(v, v)) || 1;
    for (let t = 0; t < v.length; t += 1) v[t] = (v[t] as number) / n;
  });
}

/** PCA of `rows` (deterministic start: unit vectors), `iterations` rounds of orthogonal iteration. */
export function principalAxes(rows: ReadonlyArray<Float64Array>, k: number, iterations = 300): Axes {
  const d = (rows[0] as Float64Array).length;
  const mean = new Float64Array(d);
  for (const x of rows) for (let p = 0; p < d; p += 1) mean[p] = (mean[p] as number) + (x[p] as number) / rows.length;
  const c = covariance(rows, mean);
  let vs = Array.from({ length: k }, (_v, i) => Float64Array.from({ length: d }, (_x, t) => (t === i ? 1 : 0)));
  for (let it = 0; it < iterations; it += 1) {
    vs = vs.map((v) => Float64Array.from(c, (row) => dot(row, v)));
    orthonormalise(vs);
  }
  return {
    mean,
    axes: vs,
    project: (x) => vs.map((v) => dot(v, x) - dot(v, mean)),
  };
}

/** Ridge regression with an unpenalised intercept: returns [w_0..w_{d-1}, b]. */
export function ridge(xs: ReadonlyArray<Float64Array>, ys: ReadonlyArray<number>, lambda: number): Float64Array {
  const d = (xs[0] as Float64Array).length;
  const m = d + 1;
  const a = Array.from({ length: m }, () => new Float64Array(m + 1));
  xs.forEach((x, i) => {
    for (let p = 0; p < m; p += 1) {
      const xp = p < d ? (x[p] as number) : 1;
      const row = a[p] as Float64Array;
      for (let q = 0; q < m; q += 1) row[q] = (row[q] as number) + xp * (q < d ? (x[q] as number) : 1);
      row[m] = (row[m] as number) + xp * (ys[i] as number);
    }
  });
  for (let p = 0; p < d; p += 1) (a[p] as Float64Array)[p] = ((a[p] as Float64Array)[p] as number) + lambda;
  return solve(a);
}

/** Gauss-Jordan elimination with partial pivoting on an augmented m x (m + 1) matrix. */
function solve(a: Float64Array[]): Float64Array {
  const m = a.length;
  for (let col = 0; col < m; col += 1) {
    let piv = col;
    for (let r = col + 1; r < m; r += 1)
      if (Math.abs((a[r] as Float64Array)[col] as number) > Math.abs((a[piv] as Float64Array)[col] as number)) piv = r;
    [a[col], a[piv]] = [a[piv] as Float64Array, a[col] as Float64Array];
    const pr = a[col] as Float64Array;
    for (let r = 0; r < m; r += 1) {
      if (r === col) continue;
      const row = a[r] as Float64Array;
      const f = (row[col] as number) / (pr[col] as number);
      if (f === 0) continue;
      for (let q = col; q <= m; q += 1) row[q] = (row[q] as number) - f * (pr[q] as number);
    }
  }
  return Float64Array.from(a, (row, i) => (row[m] as number) / (row[i] as number));
}
