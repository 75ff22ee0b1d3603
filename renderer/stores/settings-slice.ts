import type { StateCreator } from 'zustand/vanilla';
import { z } from 'zod';
import type { WallState } from './wall-state';

/** The two themes. */
export const ThemeSchema = z.enum(['dark', 'light']);
export type Theme = z.infer<typeof ThemeSchema>;

/** What the wall remembers across reloads (localStorage; validated when read). */
export const PersistedSettingsSchema = z
  .object({ theme: ThemeSchema, largeType: z.boolean(), doNotDisturb: z.boolean() })
  .partial();
export type PersistedSettings = z.infer<typeof PersistedSettingsSchema>;

/** Where the browser's permission to show notifications stands ('unsupported': no Notification API here). */
export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported';

/** Which main view is up. */
export type WallView = 'wall' | 'settings';

/** The wall's three layouts: the staff floor, the supervisor board and the executive display. */
export const LayoutSchema = z.enum(['floor', 'board', 'display']);
export type Layout = z.infer<typeof LayoutSchema>;

/** Display preferences and overlays. */
export interface SettingsSlice {
  readonly theme: Theme;
  /** Larger type for reading the wall from three meters. */
  readonly largeType: boolean;
  readonly view: WallView;
  /** Which of the three layouts the wall shows (when `view` is 'wall'). */
  readonly layout: Layout;
  readonly helpOpen: boolean;
  /** Do not disturb: no notifications and no sound, remembered like the theme. */
  readonly doNotDisturb: boolean;
  readonly notifyPermission: NotifyPermission;
  toggleTheme(): void;
  toggleDoNotDisturb(): void;
  setNotifyPermission(permission: NotifyPermission): void;
  toggleLargeType(): void;
  toggleSettings(): void;
  /** Shows one of the three layouts (and leaves settings). */
  setLayout(layout: Layout): void;
  toggleHelp(): void;
  /** Escape: close the help overlay, else leave settings. */
  closeOverlay(): void;
}

/** Display defaults before anything is remembered. */
export interface SettingsDefaults {
  readonly theme: Theme;
  readonly largeType: boolean;
  readonly doNotDisturb?: boolean;
  /** The layout to open with (from the address: `?view=board`, `?wall=1`); the staff floor by default. */
  readonly layout?: Layout;
}

/** Initial settings state. */
export const initialSettings = (
  d: SettingsDefaults,
): Pick<
  SettingsSlice,
  'theme' | 'largeType' | 'view' | 'layout' | 'helpOpen' | 'doNotDisturb' | 'notifyPermission'
> => ({
  theme: d.theme,
  largeType: d.largeType,
  view: 'wall',
  layout: d.layout ?? 'floor',
  helpOpen: false,
  doNotDisturb: d.doNotDisturb ?? false,
  notifyPermission: 'unsupported',
});

/** Builds the slice. */
export const createSettingsSlice =
  (d: SettingsDefaults): StateCreator<WallState, [], [], SettingsSlice> =>
  (set) => ({
    ...initialSettings(d),
    toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
    toggleLargeType: () => set((s) => ({ largeType: !s.largeType })),
    toggleDoNotDisturb: () => set((s) => ({ doNotDisturb: !s.doNotDisturb })),
    setNotifyPermission: (notifyPermission) => set({ notifyPermission }),
    toggleSettings: () => set((s) => ({ view: s.view === 'settings' ? 'wall' : 'settings', helpOpen: false })),
    setLayout: (layout) => set({ layout, view: 'wall', helpOpen: false }),
    toggleHelp: () => set((s) => ({ helpOpen: !s.helpOpen })),
    closeOverlay: () => set((s) => (s.helpOpen ? { helpOpen: false } : { view: 'wall' })),
  });

/** Reads remembered settings; anything malformed is ignored. */
export function parsePersistedSettings(raw: string | null): PersistedSettings {
  if (raw === null) return {};
  try {
    const parsed = PersistedSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The layout an address asks for: `?wall=1` is the executive display, `?view=floor|board|display` any of the three. */
export function layoutFromSearch(search: string): Layout | undefined {
  const params = new URLSearchParams(search);
  if (params.get('wall') === '1') return 'display';
  const parsed = LayoutSchema.safeParse(params.get('view'));
  return parsed.success ? parsed.data : undefined;
}
