/**
 * The sensitivity table of `bench:nab --sensitivity`: every numeric detector parameter moved by ±20 %
 * one at a time (integers rounded; values kept inside the schema's bounds), each variant run over the
 * whole corpus and scored with its own optimised thresholds, so a result that only holds on a knife
 * edge shows.
 */
import { DEFAULT_DETECTOR_PARAMS, DetectorParamsSchema, type DetectorParams } from '../../../electron/core/detect';
import { evaluate, type Evaluation, type LoadedCorpus } from './evaluate';

/** One row of the table: a parameter, its moved value and the figures it gives. */
export interface SensitivityRow {
  readonly param: keyof DetectorParams;
  readonly factor: number;
  readonly value: number;
  readonly figures: Evaluation;
}

/** `base` moved by `factor`, or undefined when the move is not a different valid parameter set. */
export function movedParams(
  base: DetectorParams,
  param: keyof DetectorParams,
  factor: number,
): DetectorParams | undefined {
  const current = base[param];
  const raw = current * factor;
  const value = Number.isInteger(current) ? Math.round(raw) : raw;
  if (value === current) return undefined;
  const parsed = DetectorParamsSchema.safeParse({ ...base, [param]: value });
  return parsed.success ? parsed.data : undefined;
}

/** Runs the corpus with every parameter moved by each of `factors` (default ±20 %). */
export function sensitivity(
  corpus: LoadedCorpus,
  factors: ReadonlyArray<number> = [0.8, 1.2],
  base: DetectorParams = DEFAULT_DETECTOR_PARAMS,
): SensitivityRow[] {
  const rows: SensitivityRow[] = [];
  for (const param of Object.keys(base) as (keyof DetectorParams)[]) {
    for (const factor of factors) {
      const moved = movedParams(base, param, factor);
      if (moved) rows.push({ param, factor, value: moved[param], figures: evaluate(corpus, moved) });
    }
  }
  return rows;
}

/** The table as text, one row per variant, with the change in standard score against `baseline`. */
export function formatSensitivity(rows: ReadonlyArray<SensitivityRow>, baseline: Evaluation): string {
  const f = (x: number): string => x.toFixed(2).padStart(6);
  const head = `${'parameter'.padEnd(20)} ${'move'.padEnd(5)} ${'value'.padStart(10)} standard low_FP  low_FN  tweets  Δstd\n`;
  const lines = rows.map((r) => {
    const move = `${r.factor > 1 ? '+' : '−'}${Math.round(Math.abs(r.factor - 1) * 100)}%`;
    const e = r.figures;
    const delta = e.standard - baseline.standard;
    return (
      `${r.param.padEnd(20)} ${move.padEnd(5)} ${String(Number(r.value.toPrecision(4))).padStart(10)} ` +
      `${f(e.standard)}   ${f(e.lowFp)}  ${f(e.lowFn)}  ${f(e.tweetsStandard)}  ${delta >= 0 ? '+' : ''}${delta.toFixed(2)}`
    );
  });
  const base = `${'(defaults)'.padEnd(20)} ${''.padEnd(5)} ${''.padStart(10)} ${f(baseline.standard)}   ${f(baseline.lowFp)}  ${f(baseline.lowFn)}  ${f(baseline.tweetsStandard)}`;
  return `${head}${base}\n${lines.join('\n')}\n`;
}
