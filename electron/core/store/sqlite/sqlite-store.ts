import Database from 'better-sqlite3';
import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MentionSchema, type Mention } from '../../../../shared/mention';
import { IncidentSchema, type Incident } from '../../../../shared/incident';
import type { SeriesPoint } from '../../../../shared/series';
import type { Workflow } from '../../../../shared/workflow';
import type { CommitResult, IncidentQuery, MentionQuery, Store } from '../repository';
import { MIGRATIONS } from '../migrations';
import { SQLITE_MIGRATIONS } from './migrations';
import { sqliteWorkflows } from './sqlite-workflow';
import { sqliteOutbox } from './sqlite-outbox';
import { sqliteUsers } from './sqlite-users';
import { sqliteThrottle } from './sqlite-throttle';
import { zeroFill } from '../zero-fill';
import { searchColumns, sqliteSearch } from './sqlite-search';
import { sqliteHandled } from './sqlite-handled';
import { sqliteBreakdown } from './sqlite-breakdown';

/** How a store is opened. */
export interface StoreOptions {
  /** Hub time, for the bookkeeping timestamps the store writes itself (a cursor's `updated_at`); default: the system clock. */
  readonly now?: () => number;
}

/**
 * Opens (creating if needed) the embedded SQLite store at `file` (":memory:" for tests), WAL mode, migrated.
 * The folder is created 0700 and the database 0600: it holds every post and the team's notes.
 */
export async function openSqliteStore(file: string, options: StoreOptions = {}): Promise<Store> {
  if (file !== ':memory:') await preparePrivateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  if (file !== ':memory:') await restrictSidecars(file);
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return sqliteStore(db, options.now ?? (() => Date.now()));
}

/** Creates the folder (0700) and the database file (0600) before SQLite opens it; tightens an existing file. */
async function preparePrivateFile(file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a', 0o600);
  await handle.close();
  await chmod(file, 0o600);
}

/** SQLite gives -wal and -shm the database's mode when it creates them; ones left by an older hub are tightened. */
async function restrictSidecars(file: string): Promise<void> {
  for (const suffix of ['-wal', '-shm']) {
    await chmod(`${file}${suffix}`, 0o600).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

/** Applies every migration newer than the database's `user_version` (which holds the last id applied). */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const { id } of MIGRATIONS) {
    if (id <= current) continue;
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[id]);
      db.pragma(`user_version = ${id}`);
    })();
  }
}

const parseMention = (body: string): Mention => MentionSchema.parse(JSON.parse(body));

function sqliteStore(db: Database.Database, now: () => number): Store {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO mentions (id, source_id, external_id, channel, watchlist, created_at, received_at, sentiment,
                                     language, author_weight, vip, topics, body)
     VALUES (@id, @sourceId, @externalId, @channel, @watchlist, @createdAt, @receivedAt, @sentiment,
             @language, @authorWeight, @vip, @topics, @body)`,
  );
  const saveCursor = db.prepare(
    `INSERT INTO cursors (source_id, cursor, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  );
  const commit = db.transaction((sourceId: string, mentions: ReadonlyArray<Mention>, cursor: string | null) => {
    const inserted: Mention[] = [];
    for (const m of mentions) {
      const row = { ...m, ...searchColumns(m), body: JSON.stringify(m) };
      if (insert.run(row).changes === 1) inserted.push(m);
    }
    if (cursor !== null) saveCursor.run(sourceId, cursor, now());
    return inserted;
  });
  const statements = {
    cursor: db.prepare('SELECT cursor FROM cursors WHERE source_id = ?').pluck(),
    count: db.prepare('SELECT COUNT(*) FROM mentions').pluck(),
    recent: db.prepare('SELECT body FROM mentions ORDER BY created_at DESC, id DESC LIMIT ?').pluck(),
    between: db
      .prepare(
        `SELECT body FROM mentions WHERE created_at >= @from AND created_at < @to
       AND (@watchlist IS NULL OR watchlist = @watchlist) ORDER BY created_at, id LIMIT @limit`,
      )
      .pluck(),
    volume: db.prepare(
      `SELECT (created_at / 60000) * 60000 AS minute, COUNT(*) AS total,
              SUM(sentiment = 'negative') AS negative, SUM(sentiment = 'positive') AS positive
       FROM mentions WHERE created_at >= ? AND created_at < ? GROUP BY minute`,
    ),
    saveIncident: db.prepare(
      `INSERT INTO incidents (id, opened_at, state, body) VALUES (@id, @openedAt, @state, @body)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, body = excluded.body`,
    ),
    incident: db.prepare('SELECT body FROM incidents WHERE id = ?').pluck(),
    incidents: db
      .prepare(
        `SELECT body FROM incidents WHERE (@openOnly = 0 OR state != 'resolved')
         AND opened_at >= @from AND opened_at < @before ORDER BY opened_at DESC, id DESC LIMIT @limit`,
      )
      .pluck(),
    getState: db.prepare('SELECT body FROM state WHERE key = ?').pluck(),
    setState: db.prepare(
      'INSERT INTO state (key, body) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body',
    ),
    prune: db.prepare('DELETE FROM mentions WHERE created_at < ?'),
  };

  const workflows = sqliteWorkflows(db);
  const search = sqliteSearch(db);
  const handled = sqliteHandled(db);
  const saveIncident = db.transaction((incident: Incident, workflow: Workflow | undefined) => {
    const { workflow: _people, ...detected } = incident;
    statements.saveIncident.run({ ...detected, body: JSON.stringify(detected) });
    if (workflow) workflows.put([{ incidentId: incident.id, workflow }]);
  });
  const saveWorkflows = db.transaction(workflows.put);

  return {
    kind: 'sqlite',
    ...sqliteOutbox(db),
    ...sqliteUsers(db),
    ...sqliteThrottle(db),
    ...sqliteBreakdown(db),
    async commitBatch(sourceId, mentions, cursor): Promise<CommitResult> {
      const inserted = commit(sourceId, mentions, cursor);
      return { inserted, duplicates: mentions.length - inserted.length };
    },
    getCursor: async (sourceId) => (statements.cursor.get(sourceId) as string | null | undefined) ?? null,
    countMentions: async () => statements.count.get() as number,
    recentMentions: async (limit) => (statements.recent.all(limit) as string[]).map(parseMention),
    async mentionsBetween(query: MentionQuery) {
      const rows = statements.between.all({
        from: query.from,
        to: query.to,
        watchlist: query.watchlist ?? null,
        limit: query.limit ?? -1,
      }) as string[];
      return rows.map(parseMention);
    },
    async volumeSeries(fromMinute, toMinute) {
      const rows = statements.volume.all(fromMinute, toMinute + 60_000) as SeriesPoint[];
      return zeroFill(rows, fromMinute, toMinute);
    },
    async saveIncident(incident, workflow) {
      saveIncident(incident, workflow);
    },
    async getIncident(id: string) {
      const body = statements.incident.get(id) as string | undefined;
      return body === undefined ? null : IncidentSchema.parse(JSON.parse(body));
    },
    async listIncidents(options: IncidentQuery = {}) {
      const rows = statements.incidents.all({
        openOnly: options.openOnly ? 1 : 0,
        from: options.openedFrom ?? Number.MIN_SAFE_INTEGER,
        before: options.openedBefore ?? Number.MAX_SAFE_INTEGER,
        limit: options.limit ?? 500,
      }) as string[];
      return rows.map((body) => IncidentSchema.parse(JSON.parse(body)));
    },
    getWorkflow: async (incidentId) => workflows.get(incidentId),
    getWorkflows: async (incidentIds) => workflows.getMany(incidentIds),
    async saveWorkflows(entries) {
      saveWorkflows(entries);
    },
    openWorkflows: async () => workflows.open(),
    async getState<T>(key: string) {
      const body = statements.getState.get(key) as string | undefined;
      return body === undefined ? null : (JSON.parse(body) as T);
    },
    async setState(key, value) {
      statements.setState.run(key, JSON.stringify(value));
    },
    searchMentions: async (query) => search(query),
    setHandled: async (change) => handled.set(change),
    handledMarks: async (mentionIds) => handled.many(mentionIds),
    prune: async (before) => statements.prune.run(before).changes,
    async close() {
      db.close();
    },
  };
}
