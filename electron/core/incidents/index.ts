/** Incidents: per-minute series, the incident state machine, evidence cards. */
export { createIncidentEngine } from './engine';
export type { IncidentEngine, IncidentEngineDeps } from './engine';
export { DEFAULT_INCIDENT_PARAMS, IncidentParamsSchema, parseParamSettings, resolveParams } from './params';
export type { IncidentParams } from './params';
export { createSeriesBuilder, negativeShare } from './series';
export type { ClosedMinute, MinuteCounts, SeriesBuilder, SeriesChannel, SeriesHistoryPoint } from './series';
export { buildEvidence, exportIncident } from './evidence';
export { clusterNearDuplicates, minHash, risingTerms, terms, wilsonLower, words } from './text';
export {
  countBySeverity,
  createDataTimeFeed,
  describeIncident,
  detectOver,
  feedInOrder,
  finishAt,
  finishReplay,
} from './replay-run';
export { createDefaultIncidentEngine } from './default-engine';
