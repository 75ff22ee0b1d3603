import type { RawMention } from '../../../shared/mention';
import type { HealthState } from '../../../shared/source-health';
import type { Connector } from '../../../electron/core/connectors/connector';
import type { ConnectorDeps, Watchlist } from '../../../electron/core/connectors/factory';
import type { ManualClock } from '../../../electron/core/runtime/clock';
import { memoryVault } from '../../../electron/core/runtime/credentials';
import { silentLogger } from '../../../electron/core/runtime/logger';
import type { Fault, FaultQueue } from '../../fixtures/fakes/faults';

/** The faults every source meets (issue 13 §4). */
export type FaultName =
  | '429 reset in the future'
  | '429 reset already past'
  | '429 without reset'
  | '500'
  | '503 with Retry-After'
  | 'timeout'
  | 'connection reset'
  | 'malformed body'
  | 'schema drift'
  | '401'
  | '403'
  | 'pagination loop'
  | 'huge page';

/** What a source must show after a fault: its health state, and how long until it asks the API again. */
export interface Expectation {
  readonly states: ReadonlyArray<HealthState>;
  /** The next request comes no sooner than this after the faulted one... */
  readonly minGapMs?: number;
  /** ...and no later than this. */
  readonly maxGapMs?: number;
  /** lastError must match this. */
  readonly error?: RegExp;
}

/** One source's fake and connector, and how to make that fake misbehave in this API's own dialect. */
export interface FaultTarget {
  readonly connector: Connector;
  readonly faults: FaultQueue;
  /** Adds `n` new items, newer than all before, to what the fake serves. */
  serve(n: number): void;
  /** The fake-side ids of every item served, in the form `keyOf` gives. */
  served(): ReadonlyArray<string>;
  keyOf(m: RawMention): string;
  /** A 429 carrying this API's reset header for `resetAt` (none when undefined). */
  tooMany(resetAt: number | undefined, now: number): Fault;
  /** A field renamed in this API's next answer. */
  readonly drift: Fault;
  /** This API's huge page, when the generic padding does not fit its wire format. */
  readonly huge?: Fault;
  /** New items that make one poll read a second page; undefined for a source that does not page (RSS). */
  readonly twoPages?: number;
  /** Where this source documents another behaviour than the README's defaults, and why. */
  readonly differs?: Partial<Record<FaultName, Expectation>>;
  close(): Promise<void>;
}

/** Builds a target on the hub's manual clock, its requests timing out after `timeoutMs` (real time). */
export type TargetFactory = (clock: ManualClock, timeoutMs: number) => Promise<FaultTarget>;

/** Polling every 5 minutes, with the given request timeout: the settings every target runs with. */
export const common = (timeoutMs: number) => ({ pollIntervalMs: 5 * 60_000, timeoutMs }) as const;

/** The watchlist every target reads for. */
export const ACME: Watchlist = { id: 'acme', name: 'Acme', query: 'acme' };

/** Connector deps on the manual clock with the given credentials. */
export function depsFor(
  clock: ManualClock,
  credentials: Record<string, Record<string, string>> = {},
  watchlists: ReadonlyArray<Watchlist> = [ACME],
): ConnectorDeps {
  return { clock, logger: silentLogger(), fetch: globalThis.fetch, credentials: memoryVault(credentials), watchlists };
}

/** Epoch seconds. */
export const sec = (ms: number): number => Math.floor(ms / 1000);

/** Item times: one second apart, ending well before the start of the test. */
export const itemTime = (clock: ManualClock, seq: number): number => clock.now() - 600_000 + seq * 1000;

/** A `Retry-After` as an HTTP date: what APIs without their own reset header send with a 429. */
export const retryAfterHeaders = (resetAt: number | undefined): Record<string, string> =>
  resetAt === undefined ? {} : { 'retry-after': new Date(resetAt).toUTCString() };
