import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

interface BuilderConfig {
  readonly appId?: string;
  readonly productName?: string;
  readonly files?: ReadonlyArray<{ readonly filter: ReadonlyArray<string> }>;
  readonly asarUnpack?: ReadonlyArray<string>;
  readonly npmRebuild?: boolean;
  readonly asar?: boolean;
  readonly electronFuses?: Readonly<Record<string, boolean>> | null;
  readonly linux?: { readonly target?: ReadonlyArray<string> };
  readonly mac?: { readonly target?: string };
  readonly win?: { readonly target?: string };
}

/** electron-builder's own loader and schema validator (app-builder-lib, installed with electron-builder). */
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, path: string, options: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema and packages the bundles for every desktop OS", async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: 'com.earshot.desktop', productName: 'Earshot', npmRebuild: true });
    expect(config.files?.flatMap((f) => f.filter)).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**/*.node']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect([config.mac?.target, config.win?.target]).toEqual(['dmg', 'nsis']);
  });

  it('flips the Electron fuses: no run-as-Node, NODE_OPTIONS or --inspect; encrypted cookies; the app only from an integrity-checked asar; no file:// privileges', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it("rejects a misspelt fuse, so the fuse keys above are electron-builder's own", async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});
