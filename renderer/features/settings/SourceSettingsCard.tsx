import { useState, type FormEvent } from 'react';
import type { SourceView } from '../../../shared/contract';
import type { SourceHealth } from '../../../shared/source-health';
import { useTransport } from '../../app/wall-context';
import { TEST_IDS } from '../../test-ids';

interface Message {
  readonly ok: boolean;
  readonly text: string;
}

const savedMessage = (configured: boolean): Message =>
  configured
    ? { ok: true, text: 'Saved. Source is configured.' }
    : { ok: true, text: 'Saved; some fields are still missing.' };

function Spend({ spend }: { readonly spend: NonNullable<SourceView['spend']> }) {
  const cap = spend.capUsdPerDay;
  return (
    <div>
      Spend today: <strong>${spend.estimatedUsdToday.toFixed(2)}</strong>
      {cap === null ? ' (no cap set)' : ` of $${cap.toFixed(2)} cap`} · {spend.readsToday.toLocaleString()} reads
      {cap !== null && spend.estimatedUsdToday >= cap && (
        <strong className="message" data-ok="false">
          {' '}
          · cap reached
        </strong>
      )}
    </div>
  );
}

/** Write-only credential inputs: password fields, never pre-filled (stored values never reach the wall). */
function CredentialFields(props: {
  readonly source: SourceView;
  readonly values: Readonly<Record<string, string>>;
  readonly onChange: (values: Readonly<Record<string, string>>) => void;
}) {
  const { source, values } = props;
  return source.credentialFields.map((field) => (
    <label key={field}>
      {field}
      <input
        type="password"
        autoComplete="off"
        name={field}
        value={values[field] ?? ''}
        placeholder={source.configured ? '•••• stored (enter to replace)' : 'not set'}
        onChange={(e) => props.onChange({ ...values, [field]: e.target.value })}
      />
    </label>
  ));
}

/** One source's settings: state, whether it is configured, credential fields (never pre-filled), save and test. */
export function SourceSettingsCard(props: {
  readonly source: SourceView;
  readonly health: SourceHealth | undefined;
  readonly onSaved: () => void;
}) {
  const { source, health } = props;
  const transport = useTransport();
  const [values, setValues] = useState<Readonly<Record<string, string>>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    setBusy(true);
    const result = await transport.invoke('source:credentials:set', { sourceId: source.sourceId, values: filled });
    setBusy(false);
    setValues({});
    setMessage(result.ok ? savedMessage(result.value.configured) : { ok: false, text: result.error.message });
    if (result.ok) props.onSaved();
  };
  const test = async (): Promise<void> => {
    setBusy(true);
    setMessage({ ok: true, text: 'Testing…' });
    const result = await transport.invoke('source:test', { sourceId: source.sourceId });
    setBusy(false);
    setMessage(
      result.ok ? { ok: result.value.ok, text: result.value.message } : { ok: false, text: result.error.message },
    );
  };

  return (
    <div className="source-card" data-testid={TEST_IDS.sourceSettings}>
      <div>
        <strong>{source.label}</strong> <span className="muted">({source.kind})</span> ·{' '}
        {source.enabled ? 'enabled' : 'disabled'} · state {health?.state ?? 'unknown'} · configured:{' '}
        <strong>{source.configured ? 'yes' : 'no'}</strong>
      </div>
      {source.spend !== null && <Spend spend={source.spend} />}
      <form onSubmit={(e) => void save(e)}>
        <CredentialFields source={source} values={values} onChange={setValues} />
        {source.credentialFields.length > 0 && (
          <button type="submit" disabled={busy || Object.values(values).every((v) => v === '')}>
            Save
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void test()}>
          Test connection
        </button>
      </form>
      {message !== null && (
        <div className="message" data-ok={message.ok} data-testid={TEST_IDS.sourceTestResult} role="status">
          {message.text}
        </div>
      )}
    </div>
  );
}
