import { z } from 'zod';
import type { Logger } from '../core';

/** The executive display's scenes a monitor may show (the wall rotates through those listed). */
export const SCENES = ['overview', 'channels', 'topics', 'incidents'] as const;

const RectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
});
/** A window's place on screen. */
export type Bounds = z.infer<typeof RectSchema>;

/** What one monitor shows: the executive display in a kiosk window (with these scenes), or nothing of its own. */
export const DisplayPrefSchema = z.object({
  kiosk: z.boolean(),
  scenes: z.array(z.enum(SCENES)).min(1).max(SCENES.length),
});
export type DisplayPref = z.infer<typeof DisplayPrefSchema>;

/**
 * The desktop app's preferences, kept with electron-store (a JSON file in the app-data folder). Preferences
 * only: credentials live in the safeStorage vault and never here. Each key is validated on read; a bad value
 * falls back to its default (and is logged), so a hand-edited file cannot stop the app.
 */
export const PreferencesSchema = z.object({
  theme: z.enum(['system', 'dark', 'light']),
  doNotDisturb: z.boolean(),
  /** The main window's bounds, per display id (restored when that display is there). */
  windowBounds: z.record(z.string().max(40), RectSchema),
  /** Per display id: whether it shows the executive display, and which scenes. */
  displays: z.record(z.string().max(40), DisplayPrefSchema),
  /** The team hub this app shows instead of running its own (its origin only; the token is in the vault). */
  teamHub: z
    .object({ origin: z.string().url().max(2048) })
    .strict()
    .nullable(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/** Defaults: follow the OS theme, alerts on, no saved bounds, displays chosen by the display plan, own hub. */
export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  doNotDisturb: false,
  windowBounds: {},
  displays: {},
  teamHub: null,
};

/** The slice of electron-store's API used here (get/set by key), so tests use a map instead. */
export interface PreferencesBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Typed, validated preferences over a backend. */
export interface PreferencesStore {
  read(): Preferences;
  update(patch: Partial<Preferences>): Preferences;
}

const KEYS = Object.keys(DEFAULT_PREFERENCES) as Array<keyof Preferences>;

/** Reads and writes preferences through `backend`, each key checked against the schema. */
export function preferencesStore(backend: PreferencesBackend, logger: Logger): PreferencesStore {
  const readKey = <K extends keyof Preferences>(key: K): Preferences[K] => {
    const raw = backend.get(key);
    if (raw === undefined) return DEFAULT_PREFERENCES[key];
    const parsed = PreferencesSchema.shape[key].safeParse(raw);
    if (parsed.success) return parsed.data as Preferences[K];
    logger.warn({ key, issue: parsed.error.issues[0]?.message }, 'ignored an invalid preference');
    return DEFAULT_PREFERENCES[key];
  };
  const read = (): Preferences => Object.fromEntries(KEYS.map((k) => [k, readKey(k)])) as Preferences;
  return {
    read,
    update(patch) {
      const next = PreferencesSchema.parse({ ...read(), ...patch });
      for (const key of Object.keys(patch) as Array<keyof Preferences>) backend.set(key, next[key]);
      return next;
    },
  };
}

/** A backend in memory: the fallback when electron-store cannot load, and the tests' store. */
export function memoryPreferences(initial: Readonly<Record<string, unknown>> = {}): PreferencesBackend {
  const values = new Map(Object.entries(initial));
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}

/** A variable, so tsc need not resolve the package's types (it is loaded, and typed below, at run time only). */
const ELECTRON_STORE = 'electron-store';

/** electron-store's constructor, as loaded at run time. */
type ElectronStoreClass = new (options: { name: string; clearInvalidConfig: boolean }) => PreferencesBackend;

/**
 * Opens electron-store's `preferences.json`. electron-store 10 is ESM-only and the main bundle is CommonJS, so
 * it is loaded with a dynamic import() (which CommonJS may use for ESM), not require(); esbuild leaves the
 * package external. If it cannot load, preferences live in memory for this run and that is logged.
 */
export async function openPreferences(
  logger: Logger,
  load: () => Promise<unknown> = () => import(ELECTRON_STORE),
): Promise<PreferencesStore> {
  try {
    const mod = (await load()) as { default: ElectronStoreClass };
    return preferencesStore(new mod.default({ name: 'preferences', clearInvalidConfig: true }), logger);
  } catch (error) {
    logger.warn({ error: String(error) }, 'electron-store unavailable: preferences kept in memory for this run');
    return preferencesStore(memoryPreferences(), logger);
  }
}
