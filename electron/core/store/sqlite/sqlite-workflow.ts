import type Database from 'better-sqlite3';
import { WorkflowSchema, type Workflow } from '../../../../shared/workflow';
import type { WorkflowEntry } from '../repository';

/** The workflow half of the SQLite store: one row per incident in `incident_workflow`, apart from detection's. */
export interface SqliteWorkflows {
  get(incidentId: string): Workflow | null;
  getMany(incidentIds: ReadonlyArray<string>): Map<string, Workflow>;
  /** Writes rows; call inside a transaction when several must land together. */
  put(entries: ReadonlyArray<WorkflowEntry>): void;
  open(): WorkflowEntry[];
}

const parse = (body: string): Workflow => WorkflowSchema.parse(JSON.parse(body));
/** Chunk size for `IN (...)` lists: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/** Prepares the workflow statements on `db`. */
export function sqliteWorkflows(db: Database.Database): SqliteWorkflows {
  const upsert = db.prepare(
    `INSERT INTO incident_workflow (incident_id, state, updated_at, body) VALUES (?, ?, ?, ?)
     ON CONFLICT (incident_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, body = excluded.body`,
  );
  const one = db.prepare('SELECT body FROM incident_workflow WHERE incident_id = ?').pluck();
  const open = db.prepare(
    "SELECT incident_id AS incidentId, body FROM incident_workflow WHERE state != 'resolved' ORDER BY incident_id",
  );
  return {
    get(incidentId) {
      const body = one.get(incidentId) as string | undefined;
      return body === undefined ? null : parse(body);
    },
    getMany(incidentIds) {
      const out = new Map<string, Workflow>();
      const ids = [...new Set(incidentIds)];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const rows = db
          .prepare(
            `SELECT incident_id AS incidentId, body FROM incident_workflow WHERE incident_id IN (${chunk.map(() => '?').join(',')})`,
          )
          .all(...chunk) as Array<{ incidentId: string; body: string }>;
        for (const row of rows) out.set(row.incidentId, parse(row.body));
      }
      return out;
    },
    put(entries) {
      for (const { incidentId, workflow } of entries) {
        const stored: Workflow = { ...workflow, deliveries: [] };
        const updatedAt = workflow.audit.at(-1)?.at ?? 0;
        upsert.run(incidentId, workflow.state, updatedAt, JSON.stringify(stored));
      }
    },
    open: () =>
      (open.all() as Array<{ incidentId: string; body: string }>).map((r) => ({
        incidentId: r.incidentId,
        workflow: parse(r.body),
      })),
  };
}
