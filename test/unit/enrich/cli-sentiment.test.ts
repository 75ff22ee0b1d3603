import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSentiment } from '../../../electron/cli/commands/sentiment';
import { scoreSentiment } from '../../../electron/core/pipeline/enrich';

async function run(
  args: ReadonlyArray<string>,
  input: string | ReadonlyArray<Buffer>,
): Promise<{ code: number; out: string }> {
  const source = Readable.from(typeof input === 'string' ? [Buffer.from(input)] : [...input]);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const code = await runSentiment(args, source, sink);
  sink.end();
  return { code, out: Buffer.concat(chunks).toString('utf8') };
}

describe('runSentiment', () => {
  it('writes one label per input line, in order', async () => {
    const { code, out } = await run([], 'I love it\nthis is terrible\r\nthe shop opens at 9am\n');
    expect(code).toBe(0);
    expect(out).toBe('positive\nnegative\nneutral\n');
  });

  it('handles a last line without newline and lines split across chunks (multi-byte too)', async () => {
    const text = 'great service 😍\nworst app ever';
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('😍')) + 2;
    const split = await run([], [bytes.subarray(0, cut), bytes.subarray(cut)]);
    const whole = await run([], text);
    expect(whole.out).toBe('positive\nnegative\n');
    expect(split.out).toBe(whole.out);
  });

  it('writes JSON lines with --json', async () => {
    const { out } = await run(['--json'], 'not good\nnot bad\n');
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { label: string; score: number; confidence: number });
    expect(lines).toHaveLength(2);
    expect(lines[0]?.label).toBe('negative');
    expect(lines[1]?.label).not.toBe('negative');
    for (const l of lines) {
      expect(l.score).toBeGreaterThanOrEqual(-1);
      expect(l.score).toBeLessThanOrEqual(1);
      expect(l.confidence).toBeGreaterThanOrEqual(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('prints help and rejects unknown options', async () => {
    const help = await run(['--help'], '');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: earshot sentiment');
    const bad = await run(['--nope'], '');
    expect(bad.code).toBe(2);
  });

  it('scores 12k lines in input order, matching the library', async () => {
    const base = [
      'I love it',
      'this is terrible',
      'the shop opens at 9am',
      'not bad',
      'great, another delay 🙄',
      'El servicio es muy malo',
    ];
    const lines = Array.from({ length: 12_000 }, (_v, i) => `${base[i % base.length] as string} #${i}`);
    const { code, out } = await run([], `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    const labels = out.split('\n').slice(0, -1);
    expect(labels).toHaveLength(12_000);
    for (let i = 0; i < 12; i += 1) expect(labels[i]).toBe(scoreSentiment(lines[i] as string).label);
  });
});
