import { useState, type FormEvent, type ReactNode } from 'react';
import type { Incident } from '../../../shared/incident';
import { useWall } from '../../app/wall-context';
import type { IncidentFormKind } from '../../stores/triage-slice';
import { TEST_IDS } from '../../test-ids';
import { useIncidentCommand } from './use-incident-command';
import { MINUTE_MS } from '../../../shared/series';

/** Snooze lengths offered, in minutes. */
export const SNOOZE_MINUTES = [15, 30, 60, 120, 240] as const;

interface FormProps {
  readonly incident: Incident;
  readonly mergeTargets: ReadonlyArray<Incident>;
}

/** A form shell: submit runs `onSubmit` and closes the form when the hub accepted it; Cancel closes it. */
function Shell(props: {
  readonly label: string;
  readonly submit: string;
  readonly onSubmit: () => Promise<boolean>;
  readonly children: ReactNode;
}) {
  const close = useWall((s) => s.openIncidentForm);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const done = await props.onSubmit();
    setBusy(false);
    if (done) close(null);
  };
  return (
    <form
      className="incident-form"
      aria-label={props.label}
      data-testid={TEST_IDS.incidentForm}
      onSubmit={(e) => void submit(e)}
    >
      {props.children}
      <div className="action-row">
        <button type="submit" disabled={busy} autoFocus={props.label.startsWith('Resolve')}>
          {props.submit}
        </button>
        <button type="button" onClick={() => close(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function NoteForm({ incident }: FormProps) {
  const run = useIncidentCommand();
  const [text, setText] = useState('');
  return (
    <Shell label="Add a note" submit="Add note" onSubmit={() => run('incident:note', { id: incident.id, text })}>
      <label>
        Note
        <textarea value={text} onChange={(e) => setText(e.target.value)} autoFocus required maxLength={4000} />
      </label>
    </Shell>
  );
}

function ResolveForm({ incident }: FormProps) {
  const run = useIncidentCommand();
  const [falseAlarm, setFalseAlarm] = useState(false);
  const [note, setNote] = useState('');
  const request = { id: incident.id, falseAlarm, ...(note.trim() === '' ? {} : { note }) };
  return (
    <Shell label="Resolve the incident" submit="Resolve" onSubmit={() => run('incident:resolve', request)}>
      <label className="check">
        <input type="checkbox" checked={falseAlarm} onChange={(e) => setFalseAlarm(e.target.checked)} />
        False alarm (not a breakdown: counted against its detection rule)
      </label>
      <label>
        Resolution note (optional)
        <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />
      </label>
    </Shell>
  );
}

function ReopenForm({ incident }: FormProps) {
  const run = useIncidentCommand();
  const [reason, setReason] = useState('');
  return (
    <Shell
      label="Reopen the incident"
      submit="Reopen"
      onSubmit={() => run('incident:reopen', { id: incident.id, reason })}
    >
      <label>
        Why reopen
        <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus required maxLength={500} />
      </label>
    </Shell>
  );
}

function SnoozeForm({ incident }: FormProps) {
  const run = useIncidentCommand();
  const now = useWall((s) => s.hub.now);
  const [minutes, setMinutes] = useState<number>(30);
  const [reason, setReason] = useState('');
  const submit = () => run('incident:snooze', { id: incident.id, until: now + minutes * MINUTE_MS, reason });
  return (
    <Shell label="Snooze the incident" submit="Snooze" onSubmit={submit}>
      <label>
        For
        <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {SNOOZE_MINUTES.map((m) => (
            <option key={m} value={m}>
              {m < 60 ? `${m} min` : `${m / 60} h`}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus required maxLength={500} />
      </label>
    </Shell>
  );
}

function AssignForm({ incident }: FormProps) {
  const run = useIncidentCommand();
  const me = useWall((s) => s.actor?.name ?? '');
  const [owner, setOwner] = useState(incident.workflow?.owner ?? me);
  return (
    <Shell label="Assign an owner" submit="Assign" onSubmit={() => run('incident:assign', { id: incident.id, owner })}>
      <label>
        Owner
        <input value={owner} onChange={(e) => setOwner(e.target.value)} autoFocus required maxLength={200} />
      </label>
    </Shell>
  );
}

function MergeForm({ incident, mergeTargets }: FormProps) {
  const run = useIncidentCommand();
  const [into, setInto] = useState(mergeTargets[0]?.id ?? '');
  return (
    <Shell
      label="Merge into another incident"
      submit="Merge"
      onSubmit={() => run('incident:merge', { id: incident.id, into })}
    >
      <label>
        Merge into (the survivor)
        <select value={into} onChange={(e) => setInto(e.target.value)} autoFocus>
          {mergeTargets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.severity} {t.title}
            </option>
          ))}
        </select>
      </label>
    </Shell>
  );
}

function HoldingReplyForm({ incident }: FormProps) {
  const run = useIncidentCommand();
  const [text, setText] = useState(incident.workflow?.holdingReply ?? '');
  const submit = () => run('incident:holding-reply', { id: incident.id, text });
  return (
    <Shell label="Pin a holding reply" submit="Pin reply" onSubmit={submit}>
      <label>
        Holding reply (empty to unpin)
        <textarea value={text} onChange={(e) => setText(e.target.value)} autoFocus maxLength={2000} />
      </label>
    </Shell>
  );
}

const FORMS: Readonly<Record<IncidentFormKind, (p: FormProps) => ReactNode>> = {
  note: NoteForm,
  resolve: ResolveForm,
  reopen: ReopenForm,
  snooze: SnoozeForm,
  assign: AssignForm,
  merge: MergeForm,
  'holding-reply': HoldingReplyForm,
};

/** The open workflow form of one incident. */
export function IncidentForm(props: FormProps & { readonly kind: IncidentFormKind }) {
  const Form = FORMS[props.kind];
  return <Form incident={props.incident} mergeTargets={props.mergeTargets} />;
}
