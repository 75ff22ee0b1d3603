import { layoutFromSearch, parsePersistedSettings, type SettingsDefaults } from '../stores/settings-slice';
import type { WallStore } from '../stores/wall-store';

const KEY = 'earshot.wall.settings';

/**
 * Display defaults: remembered choices first, else the OS colour scheme and normal type; the layout comes from the
 * address (`search`, e.g. `?wall=1`).
 */
export function loadSettings(storage: Storage, prefersDark: boolean, search = ''): SettingsDefaults {
  const saved = parsePersistedSettings(storage.getItem(KEY));
  const layout = layoutFromSearch(search);
  return {
    ...(layout === undefined ? {} : { layout }),
    theme: saved.theme ?? (prefersDark ? 'dark' : 'light'),
    largeType: saved.largeType ?? false,
    doNotDisturb: saved.doNotDisturb ?? false,
  };
}

/** Mirrors theme and type size onto <html> and remembers them with do-not-disturb; returns the unsubscribe function. */
export function syncDisplaySettings(store: WallStore, storage: Storage, root: HTMLElement): () => void {
  const apply = (): void => {
    const { theme, largeType, doNotDisturb } = store.getState();
    root.dataset.theme = theme;
    root.dataset.largeType = String(largeType);
    try {
      storage.setItem(KEY, JSON.stringify({ theme, largeType, doNotDisturb }));
    } catch {
      // Storage full or disabled (private mode): the choice just isn't remembered.
    }
  };
  apply();
  return store.subscribe((s, prev) => {
    if (s.theme !== prev.theme || s.largeType !== prev.largeType || s.doNotDisturb !== prev.doNotDisturb) apply();
  });
}

/** Sets `data-earshot-ready="true"` on <html> once the first snapshot is applied (the e2e readiness signal). */
export function syncReadiness(store: WallStore, root: HTMLElement): () => void {
  const apply = (): void => {
    if (store.getState().ready) root.dataset.earshotReady = 'true';
  };
  apply();
  return store.subscribe(apply);
}
