import type { HostTray, TrayApis } from './electron-apis';

/** A 32×32 amber "rings" PNG, inline so the tray works before any asset pipeline exists. */
const TRAY_ICON_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAlklEQVR42u2XvQ7AIAiE3fv+a9/S2c5NNeXurFwTByYUPsOPUOp5lExBL7SgTAVookgAzOugO4ghNVwQgOIYssU4Z2I+1CPO1eTr6ljnbNwfuggAkw9hWz3lrGR8g7gBhA4LEEMw9vVS4qEAahlugA3wf4ClZZjWiNJbsdVnlPYdpw8kFiOZxVBqMZZbLCYWq5nFcvqpXOHV9uqwToR9AAAAAElFTkSuQmCC';

/** What the tray menu does. */
export interface TrayActions {
  readonly open: () => void;
  readonly quit: () => void;
  /** Do-not-disturb: no desktop alerts while on (what arrives meanwhile is not replayed). */
  readonly doNotDisturb: { get(): boolean; set(on: boolean): void };
  /** Saves a PNG of the wall window (capturePage). */
  readonly savePng?: () => void;
  /** Shown while connected to a team hub: its origin, and the way back to this computer's own hub. */
  readonly teamHub?: { readonly origin: string; readonly useOwnHub: () => void };
}

/** The tray icon with Open, Do not disturb and Quit; the hub keeps running (and alerting) while the window is hidden. */
export function createTray({ nativeImage, Menu, Tray }: TrayApis, actions: TrayActions): HostTray {
  const icon = nativeImage
    .createFromBuffer(Buffer.from(TRAY_ICON_PNG_BASE64, 'base64'))
    .resize({ width: 16, height: 16 });
  const tray = new Tray(icon);
  tray.setToolTip('Earshot');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Earshot', click: actions.open },
      {
        label: 'Do not disturb',
        type: 'checkbox',
        checked: actions.doNotDisturb.get(),
        click: (item) => actions.doNotDisturb.set(item.checked),
      },
      ...(actions.savePng === undefined ? [] : [{ label: 'Save the wall as PNG…', click: actions.savePng }]),
      ...(actions.teamHub === undefined
        ? []
        : [
            { type: 'separator' as const },
            { label: `Team hub: ${new URL(actions.teamHub.origin).host}`, enabled: false },
            { label: 'Use this computer’s own hub', click: actions.teamHub.useOwnHub },
          ]),
      { type: 'separator' },
      { label: 'Quit Earshot', click: actions.quit },
    ]),
  );
  tray.on('click', actions.open);
  return tray;
}
