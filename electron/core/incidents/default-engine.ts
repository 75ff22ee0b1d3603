import { createDetector, explain } from '../detect';
import type { IncidentEngine } from './engine';
import { createIncidentEngine } from './engine';
import type { IncidentParams } from './params';

/**
 * The incident engine as the hub runs it: the project's online detector on every series, its seasonal
 * expectation as the baseline. Throws only on invalid parameters (a configuration bug).
 */
export function createDefaultIncidentEngine(params: Partial<IncidentParams> = {}): IncidentEngine {
  return createIncidentEngine({ detector: createDetector(), explain, params });
}
