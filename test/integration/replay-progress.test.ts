import { describe, expect, it } from 'vitest';
import { createProgressBar, formatDuration, renderProgress } from '../../electron/cli/progress';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 100, write: (s: string) => writes.push(s), writes };
}

describe('replay progress bar', () => {
  it('renders percent, rows, rows/s and ETA', () => {
    const line = renderProgress({ done: 2_500, total: 10_000, elapsedMs: 5_000, label: 'replay' }, 120);
    expect(line).toBe('replay [########......................]  25.0% 2,500/10,000 rows 500 rows/s ETA 15s');
    expect(renderProgress({ done: 0, total: 0, elapsedMs: 0, label: 'replay' }, 40)).toMatch(
      /0\.0% 0\/0 rows 0 rows\/s ETA --/,
    );
  });

  it('formats durations', () => {
    expect([0, 42_000, 185_000, 3_720_000].map(formatDuration)).toEqual(['0s', '42s', '3m05s', '1h02m']);
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--');
  });

  it('redraws in place on a TTY, throttled', () => {
    let t = 0;
    const out = sink(true);
    const bar = createProgressBar({ stream: out, label: 'replay', now: () => t, redrawMs: 100 });
    bar.update(1, 10);
    t = 50;
    bar.update(2, 10);
    t = 200;
    bar.update(5, 10, 'hub 2015-02-24 11:35');
    bar.finish();
    expect(out.writes).toHaveLength(3);
    expect(out.writes.every((w) => w.startsWith('\r') && w.includes('\x1b[K'))).toBe(true);
    expect(out.writes[1]).toMatch(/50\.0% 5\/10 rows .* hub 2015-02-24 11:35/);
    expect(out.writes[2]?.endsWith('\n')).toBe(true);
  });

  it('prints periodic lines when not a TTY', () => {
    let t = 0;
    const out = sink(false);
    const bar = createProgressBar({ stream: out, label: 'replay', now: () => t, lineIntervalMs: 5_000 });
    for (let i = 0; i <= 20; i++) {
      t = i * 1_000;
      bar.update(i, 20);
    }
    bar.finish();
    expect(out.writes.map((w) => w.includes('\r'))).not.toContain(true);
    expect(out.writes).toHaveLength(6);
    expect(out.writes[5]).toMatch(/100\.0% 20\/20 rows/);
  });
});
