import { WorkflowSchema, type Workflow } from '../../../../shared/workflow';
import type { WorkflowEntry } from '../repository';
import type { Queryable } from './connection';

const parse = (body: string): Workflow => WorkflowSchema.parse(JSON.parse(body));

interface Row {
  incident_id: string;
  body: string;
}

/** One incident's workflow, or null. */
export async function getWorkflow(db: Queryable, incidentId: string): Promise<Workflow | null> {
  const { rows } = await db.query<Row>('SELECT body FROM incident_workflow WHERE incident_id = $1', [incidentId]);
  return rows[0] ? parse(rows[0].body) : null;
}

/** The stored workflows of these incidents, in one query (an array parameter, whatever its length). */
export async function getWorkflows(db: Queryable, incidentIds: ReadonlyArray<string>): Promise<Map<string, Workflow>> {
  const out = new Map<string, Workflow>();
  if (incidentIds.length === 0) return out;
  const { rows } = await db.query<Row>(
    'SELECT incident_id, body FROM incident_workflow WHERE incident_id = ANY($1::text[])',
    [[...new Set(incidentIds)]],
  );
  for (const row of rows) out.set(row.incident_id, parse(row.body));
  return out;
}

/** Writes workflow rows (delivery logs are not stored here); run it on a transaction's client when several must land together. */
export async function putWorkflows(db: Queryable, entries: ReadonlyArray<WorkflowEntry>): Promise<void> {
  for (const { incidentId, workflow } of entries) {
    const stored: Workflow = { ...workflow, deliveries: [] };
    const updatedAt = workflow.audit.at(-1)?.at ?? 0;
    await db.query(
      `INSERT INTO incident_workflow (incident_id, state, updated_at, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (incident_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, body = excluded.body`,
      [incidentId, workflow.state, updatedAt, JSON.stringify(stored)],
    );
  }
}

/** Every workflow not resolved, by incident id. */
export async function openWorkflows(db: Queryable): Promise<WorkflowEntry[]> {
  const { rows } = await db.query<Row>(
    "SELECT incident_id, body FROM incident_workflow WHERE state != 'resolved' ORDER BY incident_id",
  );
  return rows.map((r) => ({ incidentId: r.incident_id, workflow: parse(r.body) }));
}
