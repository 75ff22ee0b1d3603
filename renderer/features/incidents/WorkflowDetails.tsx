import { useState } from 'react';
import type { Workflow } from '../../../shared/workflow';
import { useWall } from '../../app/wall-context';
import { roleAtLeast } from '../../stores/roles';
import { TEST_IDS } from '../../test-ids';
import { formatRelative } from '../feed/relative-time';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The pinned holding reply, with a Copy button for staff answering customers. Text rendered as text. */
export function HoldingReply({ text }: { readonly text: string }) {
  const canCopy = useWall((s) => s.actor !== null && roleAtLeast(s.actor.role, 'staff'));
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied');
    } catch {
      setCopied('Copy failed: select the text and copy it by hand');
    }
  };
  return (
    <div className="holding-reply" data-testid={TEST_IDS.holdingReply}>
      <span className="muted">Holding reply: </span>
      <q>{text}</q>
      {canCopy && (
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
      )}
      {copied !== null && <span className="muted"> {copied}</span>}
    </div>
  );
}

/** Notes, newest last, each with author and time. */
export function NotesList({ notes, now }: { readonly notes: Workflow['notes']; readonly now: number }) {
  if (notes.length === 0) return null;
  return (
    <ul className="notes" aria-label="Notes" data-testid={TEST_IDS.notesList}>
      {notes.map((n) => (
        <li key={n.id}>
          <span className="muted">
            {n.author} · {formatRelative(n.at, now)}:
          </span>{' '}
          {n.text}
        </li>
      ))}
    </ul>
  );
}

/** Who did what, when, from which desk: collapsed until opened. */
export function AuditLog({ audit }: { readonly audit: Workflow['audit'] }) {
  if (audit.length === 0) return null;
  return (
    <details className="audit" data-testid={TEST_IDS.auditLog}>
      <summary>Audit log ({audit.length})</summary>
      <ol>
        {audit.map((a, i) => (
          <li key={`${a.at}-${i}`}>
            <time dateTime={new Date(a.at).toISOString()}>{clock.format(a.at)}</time> {a.actor.name} ({a.actor.role}
            {a.actor.desk !== '' && ` @ ${a.actor.desk}`}) <code>{a.action}</code>
            {a.detail !== '' && ` — ${a.detail}`}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Each notification of a transition to a target, as the hub's outbox tracks it. */
export function DeliveryLog({
  deliveries,
  now,
}: {
  readonly deliveries: Workflow['deliveries'];
  readonly now: number;
}) {
  if (deliveries.length === 0) return null;
  return (
    <table className="deliveries" data-testid={TEST_IDS.deliveryLog}>
      <caption>Deliveries</caption>
      <thead>
        <tr>
          <th scope="col">Target</th>
          <th scope="col">Transition</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last error</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr
            key={`${d.targetId}-${d.transition}-${d.createdAt}`}
            data-testid={TEST_IDS.deliveryRow}
            data-status={d.status}
          >
            <td>
              {d.targetId} <span className="muted">({d.targetKind})</span>
            </td>
            <td>{d.transition}</td>
            <td>
              {d.status}
              {d.lastAttemptAt !== null && <span className="muted"> · {formatRelative(d.lastAttemptAt, now)}</span>}
            </td>
            <td>{d.attempts}</td>
            <td>{d.lastError ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
