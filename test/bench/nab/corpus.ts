/**
 * Loading a NAB corpus laid out as in ../shared/benchmarks/nab: data/<category>/<file>.csv,
 * labels/combined_windows.json and config/profiles.json, validated with zod, plus reading a
 * detector's NAB-layout results (`timestamp,value,anomaly_score`).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { NabProfile, RowWindow } from './scorer';

const WindowsSchema = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])));

const CostMatrixSchema = z.object({
  tpWeight: z.number(),
  fpWeight: z.number(),
  tnWeight: z.number(),
  fnWeight: z.number(),
});
const ProfilesSchema = z.record(z.string(), z.object({ CostMatrix: CostMatrixSchema }));

/** The profile names NAB reports, in report order. */
export const PROFILE_NAMES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;
/** One of NAB's three application profiles. */
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Reads config/profiles.json into cost matrices. */
export async function loadProfiles(root: string): Promise<Record<ProfileName, NabProfile>> {
  const parsed = ProfilesSchema.parse(JSON.parse(await readFile(join(root, 'config', 'profiles.json'), 'utf8')));
  const pick = (name: ProfileName): NabProfile => {
    const m = parsed[name]?.CostMatrix;
    if (!m) throw new Error(`profiles.json lacks ${name}`);
    return { tp: m.tpWeight, fp: m.fpWeight, tn: m.tnWeight, fn: m.fnWeight };
  };
  return {
    standard: pick('standard'),
    reward_low_FP_rate: pick('reward_low_FP_rate'),
    reward_low_FN_rate: pick('reward_low_FN_rate'),
  };
}

/** Reads labels/combined_windows.json: keys are `<category>/<file>.csv`, timestamps without `.000000`. */
export async function loadWindowLabels(
  root: string,
): Promise<ReadonlyMap<string, ReadonlyArray<readonly [string, string]>>> {
  const parsed = WindowsSchema.parse(JSON.parse(await readFile(join(root, 'labels', 'combined_windows.json'), 'utf8')));
  const strip = (s: string): string => s.replace(/\.0+$/, '');
  return new Map(Object.entries(parsed).map(([key, ws]) => [key, ws.map(([a, b]) => [strip(a), strip(b)] as const)]));
}

/** Row indices of each window: the first exact timestamp match of its start and of its end (rule 2). */
export function windowsToRows(
  timestamps: ReadonlyArray<string>,
  windows: ReadonlyArray<readonly [string, string]>,
): RowWindow[] {
  return windows.map(([a, b]) => {
    const start = timestamps.indexOf(a);
    const end = timestamps.indexOf(b);
    if (start < 0 || end < 0) throw new Error(`window ${a}..${b} does not match the data`);
    return { start, end };
  });
}

/** One data file of the corpus: `key` is `<category>/<file>.csv`. */
export interface CorpusFile {
  readonly key: string;
  readonly category: string;
  readonly name: string;
  readonly path: string;
}

/** Every CSV under data/<category>/, sorted by key. */
export async function listCorpus(dataDir: string): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  const categories = (await readdir(dataDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  for (const category of categories.sort()) {
    const names = (await readdir(join(dataDir, category))).filter((f) => f.endsWith('.csv')).sort();
    for (const name of names)
      out.push({ key: `${category}/${name}`, category, name, path: join(dataDir, category, name) });
  }
  return out;
}

/** A parsed CSV: the header and each row's cells, in file order. */
export async function readCsv(path: string): Promise<{ header: string[]; rows: string[][] }> {
  const lines = (await readFile(path, 'utf8')).split(/\r?\n/).filter((l) => l.length > 0);
  const [head, ...body] = lines;
  if (head === undefined) throw new Error(`${path} is empty`);
  return { header: head.split(','), rows: body.map((l) => l.split(',')) };
}

/** Reads one results file: its timestamps (as written) and `anomaly_score` column. */
export async function readResults(path: string): Promise<{ timestamps: string[]; scores: number[] }> {
  const { header, rows } = await readCsv(path);
  const ts = header.indexOf('timestamp');
  const sc = header.indexOf('anomaly_score');
  if (ts < 0 || sc < 0) throw new Error(`${path}: needs timestamp and anomaly_score columns`);
  const scores = rows.map((r) => z.coerce.number().min(0).max(1).parse(r[sc]));
  return { timestamps: rows.map((r) => r[ts] ?? ''), scores };
}
