import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
  readonly linux?: { readonly target?: ReadonlyArray<string>; readonly icon?: string };
  readonly mac?: { readonly target?: string; readonly icon?: string };
  readonly win?: { readonly target?: string; readonly icon?: string };
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

  it('points every OS at icons made from assets/icon.svg, in every size electron-builder needs', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    expect([config.linux?.icon, config.mac?.icon, config.win?.icon]).toEqual([
      'assets/icons',
      'assets/icon.icns',
      'assets/icon.ico',
    ]);
    const PNG = '89504e470d0a1a0a';
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = await readFile(join(ROOT, 'assets/icons', `${size}x${size}.png`));
      expect(png.subarray(0, 8).toString('hex')).toBe(PNG);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const ico = await readFile(join(ROOT, 'assets/icon.ico'));
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 7]);
    const icns = await readFile(join(ROOT, 'assets/icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);
  });

  it("rejects a misspelt fuse, so the fuse keys above are electron-builder's own", async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});
