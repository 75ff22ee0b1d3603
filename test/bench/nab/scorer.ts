/**
 * The project's own NAB scorer, following ../shared/benchmarks/nab/SOURCE.md: windows as row
 * ranges, a probationary period, the scaled sigmoid for the earliest detection in a window,
 * position-weighted false positives, one corpus-wide threshold per profile and normalisation
 * against the null and perfect detectors. Pure functions over arrays; loading lives in corpus.ts.
 */

/** A profile's cost matrix (A_TN has no effect on any score and is kept only for completeness). */
export interface NabProfile {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** An anomaly window as inclusive row indices. */
export interface RowWindow {
  readonly start: number;
  readonly end: number;
}

/** One scored file: the detector's per-row scores and its windows (row indices). */
export interface ScoredFile {
  readonly scores: ReadonlyArray<number>;
  readonly windows: ReadonlyArray<RowWindow>;
}

/** The outcome of the corpus-wide threshold sweep for one profile. */
export interface ProfileResult {
  readonly threshold: number;
  readonly raw: number;
  readonly normalized: number;
  readonly truePositives: number;
  readonly falsePositives: number;
}

/** The threshold standing for "no detections": above every possible score. */
export const NO_DETECTION_THRESHOLD = 1.1;

/** The scaled sigmoid S(x) = 2/(1+e^(5x)) − 1. */
export function scaledSigmoid(x: number): number {
  return 2 / (1 + Math.exp(5 * x)) - 1;
}

/** Probationary length P = min(floor(0.15·n), 750). */
export function probationaryLength(n: number): number {
  return Math.min(Math.floor(0.15 * n), 750);
}

/** Where a row sits relative to the windows: inside window `index`, or outside (false-positive value). */
type RowRole =
  | { readonly kind: 'window'; readonly index: number; readonly value: number }
  | { readonly kind: 'outside'; readonly value: number };

/** The value a detection at row `i` earns under `profile` (rules 5 and 7). */
export function rowRole(i: number, windows: ReadonlyArray<RowWindow>, profile: NabProfile): RowRole {
  let lastEnded: RowWindow | undefined;
  for (let k = 0; k < windows.length; k++) {
    const w = windows[k]!;
    if (i >= w.start && i <= w.end) {
      const width = w.end - w.start + 1;
      const x = -(w.end - i + 1) / width;
      return { kind: 'window', index: k, value: (profile.tp * scaledSigmoid(x)) / scaledSigmoid(-1) };
    }
    if (w.end < i && (!lastEnded || w.end > lastEnded.end)) lastEnded = w;
  }
  if (!lastEnded) return { kind: 'outside', value: -profile.fp };
  const x = (i - lastEnded.end) / (lastEnded.end - lastEnded.start);
  return { kind: 'outside', value: x <= 3 ? profile.fp * scaledSigmoid(x) : -profile.fp };
}

/** Counts of one file's outcome at a fixed threshold, with its raw score (rules 3–8). */
export interface FileOutcome {
  readonly raw: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly missed: number;
}

/** Scores one file at threshold `threshold`: sum of window contributions and false-positive values. */
export function scoreFileAt(file: ScoredFile, threshold: number, profile: NabProfile): FileOutcome {
  const n = file.scores.length;
  const best: (number | undefined)[] = file.windows.map(() => undefined);
  let fpSum = 0;
  let falsePositives = 0;
  for (let i = probationaryLength(n); i < n; i++) {
    if (file.scores[i]! < threshold) continue;
    const role = rowRole(i, file.windows, profile);
    if (role.kind === 'window') {
      const prev = best[role.index];
      best[role.index] = prev === undefined ? role.value : Math.max(prev, role.value);
    } else {
      fpSum += role.value;
      falsePositives++;
    }
  }
  const hit = best.filter((b): b is number => b !== undefined);
  const missed = best.length - hit.length;
  const raw = hit.reduce((a, b) => a + b, 0) - missed * profile.fn + fpSum;
  return { raw, truePositives: hit.length, falsePositives, missed };
}

/** A non-probationary row as the sweep sees it. */
interface SweepRow {
  readonly score: number;
  readonly window: number;
  readonly value: number;
}

function collectRows(files: ReadonlyArray<ScoredFile>, profile: NabProfile): { rows: SweepRow[]; windows: number } {
  const rows: SweepRow[] = [];
  let windows = 0;
  for (const file of files) {
    const n = file.scores.length;
    for (let i = probationaryLength(n); i < n; i++) {
      const role = rowRole(i, file.windows, profile);
      const window = role.kind === 'window' ? windows + role.index : -1;
      rows.push({ score: file.scores[i]!, window, value: role.value });
    }
    windows += file.windows.length;
  }
  return { rows, windows };
}

/** Normalised NAB score 100·(S − S_null)/(S_perfect − S_null) for `windows` windows. */
export function normalize(raw: number, windows: number, profile: NabProfile): number {
  const nullScore = -profile.fn * windows;
  const perfect = profile.tp * windows;
  return perfect === nullScore ? 0 : (100 * (raw - nullScore)) / (perfect - nullScore);
}

/**
 * Rule 9: the corpus-wide threshold that maximises the raw score, found exactly by sweeping every
 * distinct non-probationary score from high to low (ties go to the highest threshold), in O(N log N).
 */
export function optimizeThreshold(files: ReadonlyArray<ScoredFile>, profile: NabProfile): ProfileResult {
  const { rows, windows } = collectRows(files, profile);
  rows.sort((a, b) => b.score - a.score);
  const windowBest = new Float64Array(windows).fill(Number.NaN);
  let windowSum = 0 - profile.fn * windows;
  let fpSum = 0;
  let tp = 0;
  let fp = 0;
  let best: ProfileResult = {
    threshold: NO_DETECTION_THRESHOLD,
    raw: windowSum,
    normalized: 0,
    truePositives: 0,
    falsePositives: 0,
  };
  for (let k = 0; k < rows.length;) {
    const threshold = rows[k]!.score;
    for (; k < rows.length && rows[k]!.score === threshold; k++) {
      const row = rows[k]!;
      if (row.window < 0) {
        fpSum += row.value;
        fp++;
        continue;
      }
      const prev = windowBest[row.window]!;
      if (Number.isNaN(prev)) {
        windowSum += profile.fn + row.value;
        windowBest[row.window] = row.value;
        tp++;
      } else if (row.value > prev) {
        windowSum += row.value - prev;
        windowBest[row.window] = row.value;
      }
    }
    const raw = windowSum + fpSum;
    if (raw > best.raw) best = { threshold, raw, normalized: 0, truePositives: tp, falsePositives: fp };
  }
  return { ...best, normalized: normalize(best.raw, windows, profile) };
}
