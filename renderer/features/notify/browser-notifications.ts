import type { NotifyPermission } from '../../stores/settings-slice';
import type { WallStore } from '../../stores/wall-store';
import { alertText, incidentAlertFilter } from './alert-policy';

/** The little of the browser's Notification API the wall uses (a stand-in in tests). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (
    title: string,
    options?: NotificationOptions,
  ): Pick<Notification, 'close'> & {
    onclick: ((this: Notification, ev: Event) => unknown) | null;
  };
}

/** What the notifier needs from the page. */
export interface NotifyEnv {
  /** The Notification API, or undefined where there is none. */
  readonly api: NotificationApi | undefined;
  /** Plays the P1 sound. */
  readonly playP1: () => void;
  /** Brings the wall's window to the front. */
  readonly focusWindow: () => void;
}

/** The P1 chime in assets/: Vite emits it beside the built wall and rewrites this URL to it. */
const P1_SOUND_URL = new URL('../../../assets/sounds/p1.wav', import.meta.url).href;

/** The page's own environment: the global Notification, the P1 chime from assets/, window.focus. */
export function browserNotifyEnv(win: Window): NotifyEnv {
  const api: unknown = Reflect.get(win, 'Notification');
  return {
    api: typeof api === 'function' ? (api as NotificationApi) : undefined,
    playP1: () => {
      // Autoplay rules may refuse a sound before the user interacted with the page: the notification still shows.
      new Audio(P1_SOUND_URL).play().catch(() => undefined);
    },
    focusWindow: () => win.focus(),
  };
}

/** The permission as the store keeps it. */
export const permissionOf = (api: NotificationApi | undefined): NotifyPermission => api?.permission ?? 'unsupported';

/**
 * Asks the browser for permission to notify: only ever from a user's click (never on load). Resolves to and
 * stores the answer.
 */
export async function requestNotifyPermission(store: WallStore, api: NotificationApi | undefined): Promise<void> {
  if (api === undefined) return store.getState().setNotifyPermission('unsupported');
  const answer = await api.requestPermission();
  store.getState().setNotifyPermission(answer);
}

/**
 * Tells this user about new incidents matching their role (alert-policy), once the browser allows it and unless
 * do-not-disturb is on: a notification per incident, the P1 sound for a P1; clicking one focuses the window
 * and marks the incident for the triage keys. Returns the unsubscribe function.
 */
export function syncNotifications(store: WallStore, env: NotifyEnv): () => void {
  store.getState().setNotifyPermission(permissionOf(env.api));
  const filter = incidentAlertFilter();
  let seeded = false;
  const check = (): void => {
    const s = store.getState();
    if (s.actor === null || !s.ready) return;
    const fresh = filter(s.incidents.values(), s.actor.role, s.hub.now, !seeded);
    seeded = true;
    const Api = env.api;
    if (fresh.length === 0 || Api === undefined || s.notifyPermission !== 'granted' || s.doNotDisturb) return;
    for (const incident of fresh) {
      const text = alertText(incident);
      const n = new Api(text.title, { body: text.body, tag: `earshot-${incident.id}` });
      n.onclick = () => {
        env.focusWindow();
        store.getState().focusIncident(incident.id);
        n.close();
      };
    }
    if (fresh.some((i) => i.severity === 'P1')) env.playP1();
  };
  check();
  return store.subscribe((s, prev) => {
    if (s.incidents !== prev.incidents || s.actor !== prev.actor || s.ready !== prev.ready) check();
  });
}
