import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { IncidentSchema, type Incident } from '../../../shared/incident';

/** An incident event as the connected client saw it, stamped on arrival (performance.now()). */
export interface SeenIncident {
  readonly at: number;
  readonly incident: Incident;
}

/** A wall-like client of `/ws`: counts frames and keeps every incident event with its arrival time. */
export interface BenchClient {
  readonly seen: ReadonlyArray<SeenIncident>;
  /** Frames and bytes received (mentions, series, clock, incidents). */
  readonly frames: () => number;
  readonly bytes: () => number;
  /** Resolves with the first event of a watchlist's incidents (or null after `timeoutMs`). */
  firstFor(watchlist: string, timeoutMs: number): Promise<SeenIncident | null>;
  close(): Promise<void>;
}

const IncidentsFrameSchema = z.object({
  type: z.literal('event'),
  event: z.object({ name: z.literal('incidents:changed'), payload: z.object({ incidents: z.array(IncidentSchema) }) }),
});

/**
 * Connects to the hub's `/ws` as the wall does (the contract in shared/contract.ts) and resolves once the snapshot
 * arrived. Sends `Authorization: Bearer <token>` when the hub keeps an access token. Only incident frames are
 * parsed: the rest (mention batches, series, clock) is counted, as a wall would receive it.
 */
export function connectClient(origin: string, token: string | null): Promise<BenchClient> {
  const url = `${origin.replace(/^http/, 'ws')}ws`;
  const ws = new WebSocket(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const seen: SeenIncident[] = [];
  const waiters = new Set<(s: SeenIncident) => void>();
  let frames = 0;
  let bytes = 0;
  let ready = false;
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      frames += 1;
      bytes += data.length;
      const text = data.toString('utf8');
      if (!ready && text.includes('"name":"snapshot"')) {
        ready = true;
        resolve(client);
      }
      if (!text.includes('"incidents:changed"')) return;
      const frame = IncidentsFrameSchema.safeParse(JSON.parse(text));
      if (!frame.success) return;
      for (const incident of frame.data.event.payload.incidents) {
        const s = { at, incident };
        seen.push(s);
        for (const w of waiters) w(s);
      }
    });
    const client: BenchClient = {
      seen,
      frames: () => frames,
      bytes: () => bytes,
      firstFor: (watchlist, timeoutMs) => {
        const already = seen.find((s) => s.incident.watchlist === watchlist);
        if (already) return Promise.resolve(already);
        return new Promise((done) => {
          const timer = setTimeout(() => {
            waiters.delete(waiter);
            done(null);
          }, timeoutMs);
          const waiter = (s: SeenIncident): void => {
            if (s.incident.watchlist !== watchlist) return;
            clearTimeout(timer);
            waiters.delete(waiter);
            done(s);
          };
          waiters.add(waiter);
        });
      },
      close: () =>
        new Promise((done) => {
          ws.once('close', () => done());
          ws.close();
        }),
    };
  });
}
