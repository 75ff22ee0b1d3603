import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../../scripts/start-electron.mjs', import.meta.url));

describe('scripts/start-electron.mjs', () => {
  it('without an Electron binary (download skipped, as offline), explains the headless alternative and fails', () => {
    // An empty dist folder and no download: the same as an offline machine, even where Electron is installed.
    const emptyDist = mkdtempSync(join(tmpdir(), 'earshot-no-electron-'));
    const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ELECTRON_OVERRIDE_DIST_PATH: emptyDist };
    const run = spawnSync(process.execPath, [SCRIPT], { env, encoding: 'utf8', timeout: 20_000 });
    rmSync(emptyDist, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the Electron binary is not installed');
    expect(run.stderr).toContain('npm run serve');
    expect(run.stderr).toContain('node node_modules/electron/install.js');
    expect(run.stderr).toContain('Node >= 22.12');
  });
});
