import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDetector } from '../../../electron/core/detect';
import { runNab } from '../../../electron/cli/commands/nab';
import { parseNabTimestamp } from '../../../electron/core';

/** A NAB-format CSV of `n` 5-minute rows with a jump at row `jumpAt`. */
function csv(n: number, jumpAt: number): string {
  const rows = ['timestamp,value'];
  const start = Date.UTC(2015, 1, 26, 21, 42, 53);
  for (let i = 0; i < n; i++) {
    const stamp = new Date(start + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
    rows.push(`${stamp},${(i >= jumpAt ? 60 : 20) + ((i * 7) % 5)}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('runNab', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'earshot-nab-'));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes NAB-layout results for every CSV, rows in input order, scored by the default detector', async () => {
    const data = join(dir, 'data');
    await mkdir(join(data, 'catA'), { recursive: true });
    await mkdir(join(data, 'catB'), { recursive: true });
    const text = csv(600, 450);
    await writeFile(join(data, 'catA', 'one.csv'), text);
    await writeFile(join(data, 'catB', 'two.csv'), csv(300, 1000));

    expect(await runNab(['--data', data, '--out', join(dir, 'out')])).toBe(0);

    const out = await readFile(join(dir, 'out', 'earshot', 'catA', 'earshot_one.csv'), 'utf8');
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    const input = text.trim().split('\n').slice(1);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(input);

    const detector = createDetector();
    const state = detector.newState();
    const expected = input.map((l) => {
      const [stamp, value] = l.split(',');
      return detector.update(state, parseNabTimestamp(stamp!), Number(value));
    });
    const scores = lines.slice(1).map((l) => Number(l.split(',')[2]));
    expect(scores).toEqual(expected);
    expect(Math.max(...scores.slice(450, 460))).toBeGreaterThan(Math.max(...scores.slice(200, 440)));
    await expect(readFile(join(dir, 'out', 'earshot', 'catB', 'earshot_two.csv'), 'utf8')).resolves.toContain(
      'anomaly_score',
    );
  });

  it('rejects bad usage with exit code 2', async () => {
    expect(await runNab(['--data', dir])).toBe(2);
  });

  it('parses NAB timestamps as UTC', () => {
    expect(parseNabTimestamp('2015-02-26 21:42:53')).toBe(Date.UTC(2015, 1, 26, 21, 42, 53));
  });
});
