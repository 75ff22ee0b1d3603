import { useState, type FormEvent } from 'react';
import { BRIDGE_GLOBAL, type EarshotBridge } from '../../../shared/bridge';
import { TEST_IDS } from '../../test-ids';

/** The desktop app's "connect to a team hub" call, when the page runs in it (null in a browser). */
export type ConnectTeamHub = NonNullable<EarshotBridge['connectTeamHub']>;

/** The bridge's connectTeamHub, if the Electron preload exposed one on `win`. */
export function teamHubConnector(win: Window): ConnectTeamHub | null {
  const bridge: unknown = Reflect.get(win, BRIDGE_GLOBAL);
  if (typeof bridge !== 'object' || bridge === null) return null;
  const connect: unknown = (bridge as { connectTeamHub?: unknown }).connectTeamHub;
  return typeof connect === 'function' ? (connect as ConnectTeamHub) : null;
}

/**
 * Settings → "Connect to a team hub" (desktop app only): the hub's address and a personal token. The app
 * verifies both, keeps the token in the OS keychain (never shown again, never in the page) and switches this
 * window to the team hub; "Use this computer's own hub" in the tray menu comes back.
 */
export function TeamHubCard({ connect }: { readonly connect: ConnectTeamHub }) {
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setMessage({ ok: true, text: 'Checking the hub…' });
    const reply = await connect(url, token);
    setBusy(false);
    setToken('');
    setMessage(
      reply.ok
        ? { ok: true, text: `Connected to ${reply.value.origin}: opening its wall…` }
        : { ok: false, text: reply.error.message },
    );
  };

  return (
    <form className="source-card" data-testid={TEST_IDS.teamHubForm} onSubmit={(e) => void submit(e)}>
      <div>
        <strong>Connect to a team hub</strong>{' '}
        <span className="muted">(instead of running this computer’s own hub)</span>
      </div>
      <label>
        Hub address
        <input
          type="url"
          name="hubUrl"
          required
          maxLength={2048}
          placeholder="https://earshot.example.com"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
      </label>
      <label>
        Personal token
        <input
          type="password"
          name="hubToken"
          autoComplete="off"
          required
          maxLength={200}
          placeholder="eat_… (earshot users token NAME)"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy || url === '' || token === ''}>
        Connect
      </button>
      {message !== null && (
        <div className="message" data-ok={message.ok} data-testid={TEST_IDS.teamHubResult} role="status">
          {message.text}
        </div>
      )}
    </form>
  );
}
