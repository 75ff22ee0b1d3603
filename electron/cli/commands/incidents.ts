/**
 * `earshot incidents [--data-dir DIR] [--open] [--json]`: lists the stored incidents (id, severity, state,
 * owner, opened/acknowledged/resolved times, title) for operators and scripts. The work is the core's
 * `listStoredIncidents`; this parses arguments and prints.
 */
import { access } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  chooseStore,
  defaultDataDir,
  listStoredIncidents,
  openStore,
  systemClock,
  type IncidentRow,
  type Store,
} from '../../core';

export const INCIDENTS_HELP = `Usage: earshot incidents [--data-dir DIR] [--open] [--json]

Lists the hub's stored incidents, newest first: id, severity, state, owner, when each was opened,
acknowledged and resolved (UTC), and title. Safe to run while the hub is running. A team hub's
database is read when DATABASE_URL names it (postgres://…).

Options:
  --data-dir DIR   the hub's data folder (default: EARSHOT_DATA_DIR or the OS's app data folder)
  --open           only incidents nobody has resolved yet
  --json           print JSON (times as ISO 8601, null when not yet) for scripts
  -h, --help       show this help
`;

/** What the command needs from outside; tests pass their own streams and environment. */
export interface IncidentsDeps {
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  readonly env?: NodeJS.ProcessEnv;
}

const OPTIONS = {
  'data-dir': { type: 'string' },
  open: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
const short = (t: number | null): string =>
  t === null ? '-' : new Date(t).toISOString().slice(0, 16).replace('T', ' ');

/** The rows as a fixed-width table, one incident a line. */
export function formatIncidentTable(rows: ReadonlyArray<IncidentRow>): string {
  const table = [
    ['ID', 'SEV', 'STATE', 'OWNER', 'OPENED', 'ACKNOWLEDGED', 'RESOLVED', 'TITLE'],
    ...rows.map((r) => [
      r.id,
      r.severity,
      r.state === 'merged' ? `merged→${r.mergedInto ?? '?'}` : r.state,
      r.owner ?? '-',
      short(r.openedAt),
      short(r.acknowledgedAt),
      short(r.resolvedAt),
      r.title,
    ]),
  ];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((line) => line[col]!.length)));
  return table
    .map((line) => line.map((cell, col) => (col === line.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  '))
    .join('\n');
}

/** The hub's store: the team database when DATABASE_URL names one, else the SQLite file in the data dir if any. */
async function openListedStore(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  stderr: NodeJS.WritableStream,
): Promise<Store | null> {
  const choice = chooseStore({}, env, dataDir);
  if (!choice.ok) {
    stderr.write(`earshot incidents: ${choice.error.message}\n`);
    return null;
  }
  if (choice.value.kind === 'sqlite') {
    try {
      await access(choice.value.file);
    } catch {
      stderr.write(`earshot incidents: no hub database at ${choice.value.file} (give --data-dir DIR)\n`);
      return null;
    }
  }
  const opened = await openStore(choice.value, { clock: systemClock() });
  if (!opened.ok) stderr.write(`earshot incidents: ${opened.error.message}\n`);
  return opened.ok ? opened.value : null;
}

/** Runs `earshot incidents`; resolves to the exit code (0 ok, 1 no database there). */
export async function runIncidents(args: ReadonlyArray<string>, deps: IncidentsDeps = {}): Promise<number> {
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  const { values } = parseArgs({ args: [...args], options: OPTIONS });
  if (values.help) {
    stdout.write(INCIDENTS_HELP);
    return 0;
  }
  const env = deps.env ?? process.env;
  const dataDir = values['data-dir'] ?? env.EARSHOT_DATA_DIR ?? defaultDataDir(env);
  const store = await openListedStore(env, dataDir, stderr);
  if (store === null) return 1;
  try {
    const rows = await listStoredIncidents(store, { openOnly: values.open ?? false });
    if (values.json) {
      const json = rows.map((r) => ({
        ...r,
        openedAt: iso(r.openedAt),
        acknowledgedAt: iso(r.acknowledgedAt),
        resolvedAt: iso(r.resolvedAt),
      }));
      stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      stdout.write(
        rows.length === 0 ? `No ${values.open ? 'open ' : ''}incidents stored.\n` : `${formatIncidentTable(rows)}\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
