/** How fast `earshot replay` plays a file when no --speed is given. */
import type { ReplayIndex } from '../core';
import { formatDuration, type ProgressStream } from './progress';

/** Without --speed, a replay that would take longer than this at the default speed gets an automatic speed... */
export const AUTO_SPEED_ABOVE_MIN = 10;
/** ...that replays the file in about this long. */
export const AUTO_SPEED_TARGET_MIN = 5;
/** The hub clock speed of a replay without --speed: one hour of posts per real minute. */
export const DEFAULT_SPEED = 60;

/**
 * The speed to replay at: the one given, else the default, unless at the default the file's span would take
 * over AUTO_SPEED_ABOVE_MIN real minutes; then an automatic speed that takes about AUTO_SPEED_TARGET_MIN, said on
 * stderr with how to choose.
 */
export function chooseSpeed(given: number | null, index: ReplayIndex, errOut: ProgressStream): number {
  if (given !== null) return given;
  const span = (index.times[index.total - 1] ?? 0) - (index.times[0] ?? 0);
  const atDefault = span / DEFAULT_SPEED;
  if (atDefault <= AUTO_SPEED_ABOVE_MIN * 60_000) return DEFAULT_SPEED;
  const speed = Math.min(1_000_000, Math.ceil(span / (AUTO_SPEED_TARGET_MIN * 60_000)));
  errOut.write(
    `The file spans ${formatDuration(span)} of posts: at the default ${DEFAULT_SPEED}x that takes ${formatDuration(atDefault)}. ` +
      `Replaying at ${speed.toLocaleString('en-US')}x (about ${formatDuration(span / speed)}); pass --speed N to choose ` +
      `(the incidents do not depend on the speed).\n`,
  );
  return speed;
}
