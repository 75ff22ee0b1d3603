/**
 * In-memory NAB evaluation for a detector parameter set: the corpus is loaded once (timestamps,
 * values, windows), every file is run through a fresh detector state and the three profiles are
 * optimised corpus-wide as in SOURCE.md. Used by the sensitivity table of `bench:nab` (and for
 * tuning experiments), where the CSV round trip of `earshot nab` would dominate.
 */
import { join } from 'node:path';
import { createDetector, type DetectorParams } from '../../../electron/core/detect';
import { parseNabTimestamp } from '../../../electron/core';
import { listCorpus, loadProfiles, loadWindowLabels, readCsv, windowsToRows, type ProfileName } from './corpus';
import { normalize, optimizeThreshold, scoreFileAt, type NabProfile, type RowWindow, type ScoredFile } from './scorer';

/** One corpus file held in memory. */
export interface LoadedFile {
  readonly key: string;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly windows: ReadonlyArray<RowWindow>;
}

/** The corpus and its profiles, loaded once. */
export interface LoadedCorpus {
  readonly files: ReadonlyArray<LoadedFile>;
  readonly profiles: Record<ProfileName, NabProfile>;
}

/** The figures of one evaluation: corpus score per profile and realTweets at the corpus threshold. */
export interface Evaluation {
  readonly standard: number;
  readonly lowFp: number;
  readonly lowFn: number;
  readonly tweetsStandard: number;
}

/** Loads every CSV, its windows (as rows) and the profiles under `root`. */
export async function loadCorpus(root: string): Promise<LoadedCorpus> {
  const labels = await loadWindowLabels(root);
  const files: LoadedFile[] = [];
  for (const f of await listCorpus(join(root, 'data'))) {
    const { rows } = await readCsv(f.path);
    const stamps = rows.map((r) => r[0] ?? '');
    files.push({
      key: f.key,
      timestamps: Float64Array.from(stamps, parseNabTimestamp),
      values: Float64Array.from(rows, (r) => Number(r[1])),
      windows: windowsToRows(stamps, labels.get(f.key) ?? []),
    });
  }
  return { files, profiles: await loadProfiles(root) };
}

/** Runs every file through a fresh detector with `params`; returns the scored files, keyed. */
export function runCorpus(corpus: LoadedCorpus, params: Partial<DetectorParams>): Map<string, ScoredFile> {
  const detector = createDetector(params);
  const out = new Map<string, ScoredFile>();
  for (const f of corpus.files) {
    const state = detector.newState();
    const scores = new Array<number>(f.values.length);
    for (let i = 0; i < f.values.length; i++) scores[i] = detector.update(state, f.timestamps[i]!, f.values[i]!);
    out.set(f.key, { scores, windows: f.windows });
  }
  return out;
}

/** Scores already-run files: the three corpus profiles and realTweets standard at the corpus threshold. */
export function scoreCorpus(scored: Map<string, ScoredFile>, profiles: Record<ProfileName, NabProfile>): Evaluation {
  const all = [...scored.values()];
  const tweets = [...scored].filter(([k]) => k.startsWith('realTweets/')).map(([, f]) => f);
  const std = optimizeThreshold(all, profiles.standard);
  const twWindows = tweets.reduce((a, f) => a + f.windows.length, 0);
  const twRaw = tweets.reduce((a, f) => a + scoreFileAt(f, std.threshold, profiles.standard).raw, 0);
  return {
    standard: std.normalized,
    lowFp: optimizeThreshold(all, profiles.reward_low_FP_rate).normalized,
    lowFn: optimizeThreshold(all, profiles.reward_low_FN_rate).normalized,
    tweetsStandard: normalize(twRaw, twWindows, profiles.standard),
  };
}

/** Runs and scores the corpus with `params`. */
export function evaluate(corpus: LoadedCorpus, params: Partial<DetectorParams>): Evaluation {
  return scoreCorpus(runCorpus(corpus, params), corpus.profiles);
}
