/**
 * The core's one face. Hosts (headless, Electron), the CLI and scripts import the hub only from here;
 * lint refuses deep imports into electron/core from outside it (tests and benchmarks may reach inside).
 */

// Starting a hub: the composition root.
export { bootHub, BootError, defaultWatchlists, type BootOptions, type Hub } from './boot/boot-hub';
export { createCore, type CoreDeps, type SourceBinding } from './boot/create-core';
export type { Core, CoreApi, DetectionPort, SourceRunnerPort } from './core-types';
export { parseSourceConfig } from './connectors/registry';
export { commandCost } from './api/commands';
export { defaultDataDir, localUser, type LocalUser } from './config';
export { silentEscalation, type EscalationPort, type Transition } from './escalation/port';
export { DEFAULT_SLA, slaPolicy, type SlaPolicy } from './workflow/sla';
export { INGEST_MAX_BYTES } from './connectors/ingest/ingest-schema';
export type { IngestHandler } from './connectors/ingest/ingest-handler';

// People who sign in (team mode): the hosts authenticate requests through it.
export {
  actorOf,
  createUserDirectory,
  MIN_PASSWORD_LENGTH,
  SESSION_TTL_MS,
  type LoginOutcome,
  type Principal,
  type UserDirectory,
} from './users';

// Low-level services a host provides or wraps.
export { systemClock, type Clock } from './runtime/clock';
export { haltableClock, type HaltableClock } from './runtime/halt-clock';
export { createLogger, type Logger } from './runtime/logger';
export { chromiumPdfRenderer, type PdfRenderer } from './runtime/chromium-pdf';
export { renderPostmortem } from './export/postmortem';
export type { CredentialVault } from './runtime/credentials';
export { mergeFields, readPrivateJson, serialQueue, VaultError, writePrivateJson } from './runtime/file-vault';
export { openSqliteStore } from './store/sqlite/sqlite-store';
export { chooseStore, describeStore, openStore, type StoreChoice } from './boot/open-store';
export type { Store } from './store/repository';

// Jobs the CLI runs: replay, backtest, NAB, sentiment, incidents.
export { listStoredIncidents, type IncidentListOptions, type IncidentRow } from './jobs/incidents';
export { isReplayConnector, type ReplayConnector } from './connectors/replay/replay-factory';
export {
  buildReplayIndex,
  formatFromPath,
  type ReplayFormat,
  type ReplayIndex,
} from './connectors/replay/replay-index';
export { backtestFile, backtestStore, mentionsFromFile, type FileMentionsOptions } from './jobs/backtest';
export { NAB_DETECTOR_NAME, parseNabTimestamp, scoreNabCorpus, scoreNabCsv } from './jobs/nab';
export { createDetector } from './detect';
export {
  countBySeverity,
  describeIncident,
  exportIncident,
  parseParamSettings,
  resolveParams,
  type IncidentParams,
} from './incidents';
export { createEnricher, scoreSentiment, scoreSentimentEnglish, UNSURE_BELOW, type Enricher } from './pipeline/enrich';

// The sentiment model's training kit (scripts/train-sentiment.ts): the featurizer and model the hub runs.
export { createFeaturizer, featurize, type FeatureSpace } from './pipeline/enrich/featurize';
export {
  EMPTY_LEXICON,
  LEXICON_FEATURES,
  WORD_VECTOR_DIMS,
  knownWordRows,
  wordVector,
  type WordLexicon,
} from './pipeline/enrich/word-vectors';
export {
  CLASSES,
  loadModel,
  logits,
  softmax,
  type LinearModel,
  type SentimentModelFile,
} from './pipeline/enrich/model';
export { DENSE_FEATURES } from './pipeline/enrich/rules';
export { WIDE_LEXICON } from './pipeline/enrich/lexicon-wide';
