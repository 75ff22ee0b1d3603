/**
 * `earshot nab --data DIR --out DIR`: runs the detector over a Numenta Anomaly Benchmark corpus and writes
 * NAB-layout results (the work is the core's `scoreNabCorpus`; this parses arguments and prints progress).
 */
import { z } from 'zod';
import { scoreNabCorpus } from '../../core';
import { errorMessage } from '../../../shared/result';

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

/** Runs the NAB harness; resolves to the process exit code (0 ok, 2 bad usage, 1 failure). */
export async function runNab(args: ReadonlyArray<string>): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    return 2;
  }
  try {
    await scoreNabCorpus(parsed.data, parsed.out, (done, total, file) =>
      process.stderr.write(`nab: ${done}/${total} ${file}\n`),
    );
    return 0;
  } catch (error) {
    process.stderr.write(`nab: ${errorMessage(error)}\n`);
    return 1;
  }
}
