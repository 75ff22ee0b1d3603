import type { BootOptions, CredentialVault, Hub, Logger } from '../core';
import type { DesktopElectronApis, HostTray, HostWindow } from './electron-apis';
import type { DisplayWalls } from './displays';
import type { PreferencesStore } from './preferences';
import type { HubFetch } from './team-hub';
import type { AppPaths } from './window';

/** What the desktop host may be given instead of its defaults (tests give a data folder's config, a hub booter). */
export interface DesktopHostOptions {
  /** Default: process.argv. */
  readonly argv?: ReadonlyArray<string>;
  /** Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: the preload and renderer beside the bundle (dist/electron/main.cjs). */
  readonly paths?: AppPaths;
  readonly logger?: Logger;
  /** Default: the core's bootHub. */
  readonly bootHub?: (options: BootOptions) => Promise<Hub>;
  /** Default: electron-store's preferences.json (tests give a store in memory). */
  readonly openPreferences?: (logger: Logger) => Promise<PreferencesStore>;
  /** How a team hub is verified before the app switches to it. Default: Node's fetch. */
  readonly fetch?: HubFetch;
}

/** The host's moving parts, shared by its event handlers. */
export interface HostState {
  hub: Hub | null;
  window: HostWindow | null;
  tray: HostTray | null;
  quitting: boolean;
  stopping: boolean;
  hubStopped: boolean;
  linkHosts: ReadonlyArray<string>;
  /** Toggled from the tray (kept in the preferences); desktop alerts stay quiet while on. */
  doNotDisturb: boolean;
  prefs: PreferencesStore | null;
  /** The team hub's safeStorage vault (its token), apart from the sources' credentials. */
  teamVault: CredentialVault | null;
  /** The executive display's kiosk windows, one per planned monitor. */
  walls: DisplayWalls | null;
  /** The team hub this app shows instead of its own (null: its own hub runs). */
  teamOrigin: string | null;
  /** Undoes what the own hub's wiring did: IPC handler, event forwarding. */
  unwire: Array<() => void>;
  /** A switch between the own hub and a team hub is under way (its window closes for real, not to the tray). */
  switching: boolean;
}

/** What every step of the host works with. */
export interface HostContext {
  readonly electron: DesktopElectronApis;
  readonly options: DesktopHostOptions;
  readonly paths: AppPaths;
  readonly logger: Logger;
  readonly state: HostState;
  readonly markStopped: () => void;
}

/** A host that has not started anything yet. */
export function initialState(): HostState {
  return {
    hub: null,
    window: null,
    tray: null,
    quitting: false,
    stopping: false,
    hubStopped: false,
    linkHosts: [],
    doNotDisturb: false,
    prefs: null,
    teamVault: null,
    walls: null,
    teamOrigin: null,
    unwire: [],
    switching: false,
  };
}
