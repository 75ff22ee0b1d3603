/**
 * The sensitivity table of `bench:nab --sensitivity`: every numeric detector parameter moved by ±20 %
 * one at a time (integer parameters rounded, real ones moved exactly even when their value is whole; values kept inside the schema's bounds), each variant run over the
 * whole corpus and scored with its own optimised thresholds, so a result that only holds on a knife
 * edge shows.
 */
import { DEFAULT_DETECTOR_PARAMS, DetectorParamsSchema, type DetectorParams } from '../../../electron/core/detect';
import { evaluate, type Evaluation, type LoadedCorpus } from './evaluate';

/**
 * One row of the table: a parameter, its moved value and the figures it gives (undefined when the move
 * leaves the schema's bounds or rounds back to the same integer, so the table still names the parameter).
 */
export interface SensitivityRow {
  readonly param: keyof DetectorParams;
  readonly factor: number;
  readonly value: number;
  readonly figures: Evaluation | undefined;
}

/** `base` moved by `factor`, or undefined when the move is not a different valid parameter set. */
export function movedParams(
  base: DetectorParams,
  param: keyof DetectorParams,
  factor: number,
): DetectorParams | undefined {
  const current = base[param];
  const raw = current * factor;
  const value = DetectorParamsSchema.shape[param].isInt ? Math.round(raw) : raw;
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
      const figures = moved ? evaluate(corpus, moved) : undefined;
      rows.push({ param, factor, value: moved ? moved[param] : base[param] * factor, figures });
    }
  }
  return rows;
}

/** The §5 targets (issue 11) each figure is held to; a variant below any of them is marked. */
export const NAB_TARGETS: Evaluation = { standard: 70, lowFp: 62, lowFn: 75, tweetsStandard: 70 };

const FIGURE_NAMES: Record<keyof Evaluation, string> = {
  standard: 'standard',
  lowFp: 'low_FP',
  lowFn: 'low_FN',
  tweetsStandard: 'tweets',
};

/** The names of the figures of `e` that fall below `targets`. */
export function belowTargets(e: Evaluation, targets: Evaluation = NAB_TARGETS): string[] {
  return (Object.keys(FIGURE_NAMES) as (keyof Evaluation)[])
    .filter((k) => e[k] < targets[k])
    .map((k) => FIGURE_NAMES[k]);
}

/**
 * The table as text, one row per variant, with the change in standard score against `baseline` and
 * the figures that fall below `targets`, then a closing line counting such variants.
 */
export function formatSensitivity(
  rows: ReadonlyArray<SensitivityRow>,
  baseline: Evaluation,
  targets: Evaluation = NAB_TARGETS,
): string {
  const f = (x: number): string => x.toFixed(2).padStart(6);
  const figures = (e: Evaluation): string => `${f(e.standard)}   ${f(e.lowFp)}  ${f(e.lowFn)}  ${f(e.tweetsStandard)}`;
  const head = `${'parameter'.padEnd(20)} ${'move'.padEnd(5)} ${'value'.padStart(10)} standard low_FP  low_FN  tweets  Δstd\n`;
  const lines = rows.map((r) => {
    const move = `${r.factor > 1 ? '+' : '−'}${Math.round(Math.abs(r.factor - 1) * 100)}%`;
    const lead = `${r.param.padEnd(20)} ${move.padEnd(5)} ${String(Number(r.value.toPrecision(4))).padStart(10)} `;
    if (!r.figures) return `${lead}  (not a valid different value; not run)`;
    const delta = r.figures.standard - baseline.standard;
    const below = belowTargets(r.figures, targets);
    const mark = below.length ? `  below: ${below.join(', ')}` : '';
    return `${lead}${figures(r.figures)}  ${delta >= 0 ? '+' : ''}${delta.toFixed(2)}${mark}`;
  });
  const base = `${'(defaults)'.padEnd(20)} ${''.padEnd(5)} ${''.padStart(10)} ${figures(baseline)}`;
  const run = rows.filter((r) => r.figures !== undefined);
  const failing = run.filter((r) => r.figures && belowTargets(r.figures, targets).length > 0).length;
  const close = `${failing} of ${run.length} variants fall below a target (standard ${targets.standard}, low_FP ${targets.lowFp}, low_FN ${targets.lowFn}, tweets ${targets.tweetsStandard})`;
  return `${head}${base}\n${lines.join('\n')}\n${close}\n`;
}
