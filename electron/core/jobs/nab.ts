/**
 * The Numenta Anomaly Benchmark harness: runs the detector, with its one default parameter set, over every
 * CSV of a corpus (DIR/<category>/<file>.csv) and writes NAB-layout results to
 * OUT/earshot/<category>/earshot_<file>.csv (`timestamp,value,anomaly_score`, input order).
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDetector } from '../detect';

/** The detector name NAB results are filed under. */
export const NAB_DETECTOR_NAME = 'earshot';

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

/** Scores every file of the corpus in `dataDir` into `outDir`, reporting each file done. */
export async function scoreNabCorpus(
  dataDir: string,
  outDir: string,
  onFile: (done: number, total: number, file: string) => void,
): Promise<void> {
  const files = await listCsvs(dataDir);
  let done = 0;
  for (const { category, name } of files) {
    const text = await readFile(join(dataDir, category, name), 'utf8');
    const dir = join(outDir, NAB_DETECTOR_NAME, category);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${NAB_DETECTOR_NAME}_${name}`), scoreNabCsv(text));
    done++;
    onFile(done, files.length, `${category}/${name}`);
  }
}
