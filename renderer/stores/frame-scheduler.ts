import type { FlushScheduler } from './delta-batch';

/**
 * The browser's scheduler: wait ~250 ms so bursts coalesce, then flush on the next animation frame
 * so the store update and the paint share a frame.
 */
export function frameAlignedScheduler(delayMs = 250): FlushScheduler {
  return (flush) => {
    let frame: number | null = null;
    const timer = setTimeout(() => {
      frame = requestAnimationFrame(() => flush());
    }, delayMs);
    return () => {
      clearTimeout(timer);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  };
}
