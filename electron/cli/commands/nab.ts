/**
 * `earshot nab --data DIR --out DIR`: runs the detector, with its one default parameter set, over
 * every CSV of a Numenta Anomaly Benchmark corpus (DIR/<category>/<file>.csv) and writes NAB-layout
 * results to OUT/earshot/<category>/earshot_<file>.csv (`timestamp,value,anomaly_score`, input order).
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createDetector } from '../../core/detect';

/** The detector name NAB results are filed under. */
export const NAB_DETECTOR_NAME = 'earshot';

const ArgsSchema = z.object({ data: z.string().min(1), out: z.string().min(1) });

function parseArgs(args: ReadonlyArray<string>): { data: string; out: string } | string {
  const found: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if ((flag === '--data' || flag === '--out') && value !== undefined) {
      found[flag.slice(2)] = value;
      i++;
    } else return `unexpected argument: ${flag ?? ''}`;
  }
  const parsed = ArgsSchema.safeParse(found);
  return parsed.success ? parsed.data : 'usage: earshot nab --data DIR --out DIR';
}

/** Parses a NAB timestamp (`YYYY-MM-DD HH:MM:SS`, no zone) as UTC epoch ms. */
export function parseNabTimestamp(text: string): number {
  return Date.parse(`${text.trim().replace(' ', 'T')}Z`);
}

/** Scores one NAB CSV's text with a fresh detector state; returns the results CSV's text. */
export function scoreNabCsv(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const detector = createDetector();
  const state = detector.newState();
  const out: string[] = ['timestamp,value,anomaly_score'];
  for (const line of lines.slice(1)) {
    const comma = line.indexOf(',');
    const stamp = line.slice(0, comma);
    const raw = line.slice(comma + 1);
    const score = detector.update(state, parseNabTimestamp(stamp), Number(raw));
    out.push(`${stamp},${raw},${score}`);
  }
  return `${out.join('\n')}\n`;
}

async function listCsvs(dataDir: string): Promise<{ category: string; name: string }[]> {
  const entries = await readdir(dataDir, { withFileTypes: true });
  const files: { category: string; name: string }[] = [];
  for (const dir of entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    const names = (await readdir(join(dataDir, dir))).filter((f) => f.endsWith('.csv')).sort();
    files.push(...names.map((name) => ({ category: dir, name })));
  }
  return files;
}

/** Runs the NAB harness; resolves to the process exit code (0 ok, 2 bad usage, 1 failure). */
export async function runNab(args: ReadonlyArray<string>): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    return 2;
  }
  try {
    const files = await listCsvs(parsed.data);
    let done = 0;
    for (const { category, name } of files) {
      const text = await readFile(join(parsed.data, category, name), 'utf8');
      const dir = join(parsed.out, NAB_DETECTOR_NAME, category);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${NAB_DETECTOR_NAME}_${name}`), scoreNabCsv(text));
      done++;
      process.stderr.write(`nab: ${done}/${files.length} ${category}/${name}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`nab: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
