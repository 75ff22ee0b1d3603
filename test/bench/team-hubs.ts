import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { stopChild, waitForOutput } from '../helpers/child-process';

/** One built hub (`node bin/earshot.mjs serve`) of the team bench, on the shared database. */
export interface TeamBenchHub {
  readonly origin: string;
  readonly ingestUrl: string;
  /** The hub's access token (clients send it as a bearer token). */
  readonly token: string;
  stop(): Promise<void>;
}

/** The ingest source of every bench hub. */
export const TEAM_SOURCE = 'team';
const WALL_LINE = /Earshot wall: (http:\/\/\S+)/;

/** Starts a hub with its own data dir under `dir`, on the database `url` (DATABASE_URL), with the ingest source. */
export async function startTeamBenchHub(dir: string, url: string, ingestToken: string): Promise<TeamBenchHub> {
  const config = join(dir, 'config.json');
  const credentialsFile = join(dir, 'credentials.json');
  const dataDir = join(dir, 'data');
  await writeFile(credentialsFile, JSON.stringify({ version: 1, sources: { [TEAM_SOURCE]: { token: ingestToken } } }), {
    mode: 0o600,
  });
  await writeFile(config, JSON.stringify({ credentialsFile, sources: [{ type: 'ingest', id: TEAM_SOURCE }] }));
  const args = ['bin/earshot.mjs', 'serve', '--port', '0', '--data-dir', dataDir, '--config', config];
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: url, EARSHOT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const origin = new URL((await waitForOutput(child, () => out, WALL_LINE))[1] ?? '').origin + '/';
  const token = (await readFile(join(dataDir, 'access-token'), 'utf8')).trim();
  return { origin, ingestUrl: `${origin}api/ingest/${TEAM_SOURCE}`, token, stop: () => stopChild(child, 15_000) };
}

/** A wall-like client of one hub: the arrival time (performance.now()) of each mention and incident state it saw. */
export interface TeamBenchClient {
  /** First arrival of each mention, by external id. */
  readonly mentions: ReadonlyMap<string, number>;
  /** Resolves at the arrival of `incidentId` in workflow state `state` (already seen, or yet to come). */
  incident(incidentId: string, state: string): Promise<number>;
  /** Sends one command; resolves when answered. */
  call(name: string, payload: unknown): Promise<boolean>;
  close(): void;
}

interface Frame {
  readonly type: string;
  readonly id?: number;
  readonly result?: { readonly ok: boolean };
  readonly event?: { readonly name: string; readonly payload: Record<string, unknown> };
}
interface IncidentLike {
  readonly id: string;
  readonly workflow?: { readonly state: string };
}

/** Connects to `/ws` with the hub's token; resolves once the snapshot arrived. */
export function connectTeamClient(hub: TeamBenchHub): Promise<TeamBenchClient> {
  const ws = new WebSocket(`${hub.origin.replace(/^http/, 'ws')}ws`, {
    headers: { authorization: `Bearer ${hub.token}` },
  });
  const mentions = new Map<string, number>();
  const states = new Map<string, number>();
  const waiters = new Set<() => void>();
  const answers = new Map<number, (ok: boolean) => void>();
  let nextId = 0;
  const client: TeamBenchClient = {
    mentions,
    incident: (incidentId, state) =>
      new Promise((resolve) => {
        const look = (): void => {
          const at = states.get(`${incidentId} ${state}`);
          if (at === undefined) return;
          waiters.delete(look);
          resolve(at);
        };
        waiters.add(look);
        look();
      }),
    call: (name, payload) =>
      new Promise((resolve) => {
        nextId += 1;
        answers.set(nextId, resolve);
        ws.send(JSON.stringify({ type: 'request', id: nextId, name, payload }));
      }),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      const frame = JSON.parse(data.toString('utf8')) as Frame;
      if (frame.type === 'response' && frame.id !== undefined) answers.get(frame.id)?.(frame.result?.ok === true);
      const name = frame.event?.name;
      if (name === 'snapshot') resolve(client);
      if (name === 'mentions:batch') {
        for (const m of frame.event?.payload.mentions as ReadonlyArray<{ externalId: string }>)
          if (!mentions.has(m.externalId)) mentions.set(m.externalId, at);
      }
      if (name === 'incidents:changed') {
        for (const i of frame.event?.payload.incidents as ReadonlyArray<IncidentLike>)
          states.set(`${i.id} ${i.workflow?.state ?? ''}`, at);
        for (const wake of waiters) wake();
      }
    });
  });
}
