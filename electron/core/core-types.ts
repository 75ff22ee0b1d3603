import type { Mention, RawMention } from '../../shared/mention';
import type { Incident } from '../../shared/incident';
import type { SourceHealth } from '../../shared/source-health';
import type { CommandName, CommandRequest, CommandResponse, HubStatus, SourceView } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Actor } from '../../shared/workflow';
import type { EventBus } from './runtime/event-bus';
import type { CommitResult } from './store/repository';

/** The incident engine as the core drives it: fed mentions, ticked each minute, persisted across restarts. */
export interface DetectionPort {
  /** Counts committed mentions into their minutes. */
  ingest(mentions: ReadonlyArray<Mention>): void;
  /** Closes finished minutes and scores them; returns the incidents that changed. */
  tick(now: number): ReadonlyArray<Incident>;
  /** Scores the open minutes' counts so far; returns incidents opened early (provisional until their minute closes). */
  evaluateOpen?(now: number): ReadonlyArray<Incident>;
  /** The learned state as plain JSON, saved in the store. */
  exportState(): unknown;
  /**
   * Restores a state from `exportState`. A corrupt or incompatible state is an error (with a readable reason)
   * and leaves the detector as it was: the host reports it, since detection then learns again from scratch.
   */
  importState(state: unknown): Result<void>;
  /** Its parameters, as far as the per-minute aggregator needs them (default lateness: 2 minutes). */
  readonly params?: { readonly latenessMinutes: number };
}

/** A running source as the core sees it. */
export interface SourceRunnerPort {
  start(): void;
  stop(): Promise<void>;
  health(): SourceHealth;
}

/** What the hosts (headless, Electron) and the CLI call on a core. */
export interface CoreApi {
  /**
   * Runs a contract command, typed by the contract's command map, for `actor` (default: the hub's own local
   * user at the desk "hub", for the host's trusted calls); authorized like any other; never throws.
   */
  invoke<N extends CommandName>(
    name: N,
    request: CommandRequest<N>,
    actor?: Actor,
  ): Promise<Result<CommandResponse<N>>>;
  /**
   * Runs a command named by an untrusted client (a wire frame) for the connection's actor: validates the
   * name, authorizes the actor's role, validates the payload; never throws.
   */
  dispatch(name: string, payload: unknown, actor: Actor): Promise<Result<unknown>>;
  /**
   * The actor of a new session at `desk` (a connection's label, e.g. "web 127.0.0.1" or "desktop"). The
   * embedded hub has one local user, so every session is them; team mode authenticates one user per session.
   */
  sessionActor(desk: string): Actor;
  status(): Promise<HubStatus>;
  /** Pushes items from a push source (ingest webhook) through the same pipeline as polled ones. */
  commit(sourceId: string, items: ReadonlyArray<RawMention>, cursor: string | null): Promise<CommitResult>;
  /** Sends pending batched events now (tests, shutdown). */
  flush(): void;
  /** Resolves once the incident changes detected so far are saved and announced (a replay's summary waits). */
  settled(): Promise<void>;
  sources(): ReadonlyArray<SourceView>;
}

/** The hub: `createCore(deps)` returns one; both hosts run the same. */
export interface Core {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly api: CoreApi;
  readonly events: EventBus;
}
