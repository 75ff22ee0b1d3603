/**
 * `npm run bench:nab`: runs `earshot nab` (runNab, default parameters) over the NAB corpus into
 * .tmp/nab-results, scores the results with the project's scorer and prints the three profiles for
 * the whole corpus and for realTweets alone, plus throughput; the last line is key=value figures.
 * `--sensitivity` also prints the three scores with each detector parameter moved ±20 % one at a time.
 * NAB_ROOT overrides the corpus location.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDetector } from '../../electron/core/detect';
import { runNab } from '../../electron/cli/commands/nab';
import { NAB_DETECTOR_NAME, parseNabTimestamp } from '../../electron/core';
import {
  listCorpus,
  loadProfiles,
  loadWindowLabels,
  readCsv,
  readResults,
  windowsToRows,
  PROFILE_NAMES,
  type CorpusFile,
} from './nab/corpus';
import { normalize, optimizeThreshold, scoreFileAt, type NabProfile, type ScoredFile } from './nab/scorer';
import { evaluate, loadCorpus } from './nab/evaluate';
import { formatSensitivity, sensitivity } from './nab/sensitivity';
import { SHARED_DIR } from './shared-data';

const root = resolve(process.env.NAB_ROOT ?? join(SHARED_DIR, 'benchmarks', 'nab'));
const outDir = resolve('.tmp/nab-results');

async function loadScored(files: ReadonlyArray<CorpusFile>): Promise<Map<string, ScoredFile>> {
  const labels = await loadWindowLabels(root);
  const scored = new Map<string, ScoredFile>();
  for (const f of files) {
    const results = await readResults(join(outDir, NAB_DETECTOR_NAME, f.category, `${NAB_DETECTOR_NAME}_${f.name}`));
    const windows = windowsToRows(results.timestamps, labels.get(f.key) ?? []);
    scored.set(f.key, { scores: results.scores, windows });
  }
  return scored;
}

/** Detector-only throughput: every corpus row through a fresh state per file, in memory. */
async function detectorPointsPerSecond(files: ReadonlyArray<CorpusFile>): Promise<number> {
  const series = await Promise.all(
    files.map(async (f) =>
      (await readCsv(f.path)).rows.map(([t, v]) => [parseNabTimestamp(t ?? ''), Number(v)] as const),
    ),
  );
  const detector = createDetector();
  let rows = 0;
  const started = performance.now();
  for (const points of series) {
    const state = detector.newState();
    for (const [t, v] of points) detector.update(state, t, v);
    rows += points.length;
  }
  return rows / ((performance.now() - started) / 1000);
}

function fmt(x: number): string {
  return x.toFixed(2);
}

function printBreakdown(scored: Map<string, ScoredFile>, threshold: number, profile: NabProfile): void {
  const byCategory = new Map<string, { raw: number; tp: number; fp: number; missed: number }>();
  for (const [key, file] of scored) {
    const o = scoreFileAt(file, threshold, profile);
    const cat = key.split('/')[0] ?? key;
    const acc = byCategory.get(cat) ?? { raw: 0, tp: 0, fp: 0, missed: 0 };
    byCategory.set(cat, {
      raw: acc.raw + o.raw,
      tp: acc.tp + o.truePositives,
      fp: acc.fp + o.falsePositives,
      missed: acc.missed + o.missed,
    });
  }
  for (const [cat, a] of byCategory) {
    process.stdout.write(
      `  ${cat.padEnd(22)} raw=${fmt(a.raw).padStart(7)} tp=${a.tp} missed=${a.missed} fp=${a.fp}\n`,
    );
  }
}

async function main(): Promise<void> {
  const files = await listCorpus(join(root, 'data'));
  const points = files.length;
  const started = performance.now();
  const code = await runNab(['--data', join(root, 'data'), '--out', outDir]);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`runNab exited ${code}`);
  const profiles = await loadProfiles(root);
  const scored = await loadScored(files);
  const rows = [...scored.values()].reduce((a, f) => a + f.scores.length, 0);
  const tweets = [...scored].filter(([k]) => k.startsWith('realTweets/')).map(([, f]) => f);
  const figures: Record<string, string> = {};
  const keys = { standard: 'standard', reward_low_FP_rate: 'low_fp', reward_low_FN_rate: 'low_fn' } as const;
  for (const name of PROFILE_NAMES) {
    const all = optimizeThreshold([...scored.values()], profiles[name]);
    const tw = optimizeThreshold(tweets, profiles[name]);
    const twWindows = tweets.reduce((a, f) => a + f.windows.length, 0);
    const twAtCorpus = normalize(
      tweets.reduce((a, f) => a + scoreFileAt(f, all.threshold, profiles[name]).raw, 0),
      twWindows,
      profiles[name],
    );
    process.stdout.write(
      `${name}: corpus ${fmt(all.normalized)} (threshold ${all.threshold.toFixed(5)}, tp ${all.truePositives}/116, fp ${all.falsePositives}); ` +
        `realTweets ${fmt(tw.normalized)} (own threshold ${tw.threshold.toFixed(5)}, tp ${tw.truePositives}/${twWindows}, fp ${tw.falsePositives}; ` +
        `${fmt(twAtCorpus)} at the corpus threshold)\n`,
    );
    if (name === 'standard') printBreakdown(scored, all.threshold, profiles[name]);
    figures[keys[name]] = fmt(all.normalized);
    figures[`tweets_${keys[name]}`] = fmt(tw.normalized);
  }
  const pps = rows / seconds;
  const detectorPps = await detectorPointsPerSecond(files);
  process.stdout.write(
    `files=${points} rows=${rows} seconds=${seconds.toFixed(2)} (including CSV I/O); detector alone ${Math.round(detectorPps)} points/s\n`,
  );
  const order = ['standard', 'low_fp', 'low_fn', 'tweets_standard', 'tweets_low_fp', 'tweets_low_fn'];
  process.stdout.write(
    `${order.map((k) => `${k}=${figures[k]}`).join(' ')} points_per_s=${Math.round(pps)} detector_points_per_s=${Math.round(detectorPps)}\n`,
  );
}

/** The ±20 % table (in memory, no CSV round trip). */
async function printSensitivity(): Promise<void> {
  const corpus = await loadCorpus(root);
  process.stdout.write('\nsensitivity (each parameter ±20 %, thresholds re-optimised per variant):\n');
  process.stdout.write(formatSensitivity(sensitivity(corpus), evaluate(corpus, {})));
}

await main();
if (process.argv.includes('--sensitivity')) await printSensitivity();
