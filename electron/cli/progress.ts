/**
 * A terminal progress bar for long CLI jobs (replay): percent, rows, rows/s and ETA. On a TTY it redraws
 * one line in place with `\r`; otherwise (a pipe, a CI log) it prints a full line every few seconds.
 */

/** Where the bar writes: stderr by default. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** One moment of a job, as the bar shows it. */
export interface ProgressState {
  readonly done: number;
  readonly total: number;
  /** Real time since the job started. */
  readonly elapsedMs: number;
  readonly label: string;
  /** Extra text after the figures, e.g. the hub time. */
  readonly note?: string;
}

/** Options for `createProgressBar`. */
export interface ProgressOptions {
  readonly stream: ProgressStream;
  readonly label: string;
  /** Real-time clock in ms (injected for tests). */
  readonly now?: () => number;
  /** Non-TTY: at most one line per this many ms (default 5000). */
  readonly lineIntervalMs?: number;
  /** TTY: at most one redraw per this many ms (default 100). */
  readonly redrawMs?: number;
}

/** A progress bar: call `update` as often as you like, `finish` once at the end. */
export interface ProgressBar {
  update(done: number, total: number, note?: string): void;
  finish(note?: string): void;
}

/** Formats a duration as `1h02m`, `3m05s` or `42s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--';
  const s = Math.round(ms / 1000);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The bar's text for a state, `width` columns at most (a bar is drawn when there is room). */
export function renderProgress(state: ProgressState, width = 80): string {
  const { done, total, elapsedMs } = state;
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const percent = `${(fraction * 100).toFixed(1).padStart(5)}%`;
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? formatDuration(((total - done) / rate) * 1000) : '--';
  const figures = `${percent} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows ${Math.round(rate).toLocaleString('en-US')} rows/s ETA ${eta}`;
  const tail = state.note ? ` ${state.note}` : '';
  const room = width - state.label.length - figures.length - tail.length - 4;
  const barWidth = Math.min(30, room);
  const bar = barWidth >= 8 ? ` [${'#'.repeat(Math.round(fraction * barWidth)).padEnd(barWidth, '.')}]` : '';
  return `${state.label}${bar} ${figures}${tail}`.slice(0, Math.max(20, width - 1));
}

/** Creates a bar writing to `options.stream`. */
export function createProgressBar(options: ProgressOptions): ProgressBar {
  const now = options.now ?? Date.now;
  const started = now();
  const tty = options.stream.isTTY === true;
  const lineInterval = options.lineIntervalMs ?? 5000;
  const redraw = options.redrawMs ?? 100;
  let lastDraw = -Infinity;
  let finished = false;
  let last: { done: number; total: number; note?: string } = { done: 0, total: 0 };

  const text = (note?: string) => {
    const state: ProgressState = {
      done: last.done,
      total: last.total,
      elapsedMs: now() - started,
      label: options.label,
      ...(note ? { note } : {}),
    };
    return renderProgress(state, tty ? (options.stream.columns ?? 80) : 120);
  };

  return {
    update(done, total, note) {
      if (finished) return;
      last = { done, total, ...(note ? { note } : {}) };
      const t = now();
      if (t - lastDraw < (tty ? redraw : lineInterval)) return;
      lastDraw = t;
      options.stream.write(tty ? `\r${text(note)}\x1b[K` : `${text(note)}\n`);
    },
    finish(note) {
      if (finished) return;
      finished = true;
      options.stream.write(tty ? `\r${text(note ?? last.note)}\x1b[K\n` : `${text(note ?? last.note)}\n`);
    },
  };
}
