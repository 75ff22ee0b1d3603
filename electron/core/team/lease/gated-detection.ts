import type { DetectionPort } from '../../core-types';

/**
 * Detection as a hub without the detector lease sees it: posts it commits are not counted and nothing is scored
 * (the holder does both; on taking the lease this hub restores the holder's saved state instead). Saving and
 * restoring pass through. While `held()` is true it is the detector itself.
 */
export function gatedDetection(detection: DetectionPort, held: () => boolean): DetectionPort {
  const evaluateOpen = detection.evaluateOpen?.bind(detection);
  return {
    ingest: (mentions) => (held() ? detection.ingest(mentions) : undefined),
    tick: (now) => (held() ? detection.tick(now) : []),
    ...(evaluateOpen ? { evaluateOpen: (now: number) => (held() ? evaluateOpen(now) : []) } : {}),
    exportState: () => detection.exportState(),
    importState: (state) => detection.importState(state),
    ...(detection.params ? { params: detection.params } : {}),
  };
}
