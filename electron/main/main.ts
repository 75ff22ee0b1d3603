// The Electron entry (bundled to dist/electron/main.cjs): hands the `electron` module to the desktop host, whose
// logic (electron/main/desktop-host.ts and the pure modules it wires) never imports Electron's runtime itself.
// The host enables the sandbox and registers the app: scheme synchronously, so both happen at load, before `ready`.
import * as electron from 'electron';
import { startDesktopHost } from './desktop-host';

void startDesktopHost(electron);
