import { useTransport, useWall, useWallStore } from '../../app/wall-context';
import { TEST_IDS } from '../../test-ids';
import { requestNotifyPermission, type NotificationApi } from './browser-notifications';

const pageApi = (): NotificationApi | undefined => {
  const api: unknown = Reflect.get(globalThis, 'Notification');
  return typeof api === 'function' ? (api as NotificationApi) : undefined;
};

/**
 * Status-bar controls for alerts in a browser: a button to allow notifications (the browser asks only then, never
 * on load), then a do-not-disturb toggle. The desktop app notifies from its main process instead.
 */
export function NotifyControls() {
  const store = useWallStore();
  const kind = useTransport().kind;
  const permission = useWall((s) => s.notifyPermission);
  const dnd = useWall((s) => s.doNotDisturb);
  const toggleDnd = useWall((s) => s.toggleDoNotDisturb);
  if (kind === 'ipc' || permission === 'unsupported') return null;
  if (permission === 'denied') {
    return (
      <span
        className="muted"
        data-testid={TEST_IDS.notifyToggle}
        title="Allow notifications in the browser's site settings"
      >
        alerts blocked
      </span>
    );
  }
  if (permission === 'default') {
    return (
      <button
        type="button"
        data-testid={TEST_IDS.notifyToggle}
        onClick={() => void requestNotifyPermission(store, pageApi())}
      >
        enable alerts
      </button>
    );
  }
  return (
    <button
      type="button"
      data-testid={TEST_IDS.dndToggle}
      aria-pressed={dnd}
      onClick={toggleDnd}
      title="Do not disturb: no alerts or sound"
    >
      {dnd ? 'do not disturb (alerts off)' : 'alerts on'}
    </button>
  );
}
