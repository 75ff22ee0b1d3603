#!/usr/bin/env node
// `npm start` (after `npm run build`): runs the desktop app on this project. Electron's binary is not fetched at
// `npm install` here (its postinstall is denied in package.json `allowScripts`), so it is fetched on first start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** The Electron executable, or null when it is not installed (node_modules/electron/index.js would throw). */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !relative) return null;
  const binary = override ? join(override, relative || 'electron') : join(electronDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/** Runs Electron's own installer, which downloads the binary for this platform (needs internet). */
function installElectron() {
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return false;
  process.stderr.write('earshot: fetching the Electron binary (first start)...\n');
  const result = spawnSync(process.execPath, [installer], {
    cwd: electronDir,
    stdio: 'inherit',
    timeout: INSTALL_TIMEOUT_MS,
  });
  return result.status === 0;
}

function explainMissingElectron() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const nodeOk = major > 22 || (major === 22 && minor >= 12);
  process.stderr.write(
    [
      '',
      'earshot: the Electron binary is not installed and could not be downloaded (no internet, a proxy,',
      '         or ELECTRON_SKIP_BINARY_DOWNLOAD set). The desktop app cannot start on this machine.',
      '',
      '  - Run the same hub headless and open the wall in a browser instead:',
      '        npm run serve        (then open http://127.0.0.1:4870)',
      '  - Where there is internet, fetch Electron and retry:',
      '        node node_modules/electron/install.js && npm start',
      `  - Electron's install and packaging tooling needs Node >= 22.12; this is Node ${process.versions.node}` +
        (nodeOk ? '.' : ' (too old for `npm run dist`).'),
      '',
    ].join('\n'),
  );
}

/**
 * better-sqlite3 in node_modules is compiled for plain Node (tests, headless hub); Electron needs a build for
 * its own ABI. Checks by loading it the way the app will, and says how to switch instead of crashing later.
 */
function nativeModulesFit(binary, env) {
  const probe = spawnSync(binary, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (probe.status === 0) return true;
  process.stderr.write(
    [
      '',
      'earshot: better-sqlite3 is not built for Electron (it is built for Node, which tests and `npm run serve` use).',
      `         ${(probe.stderr || probe.error?.message || '').split('\n').find((l) => l.trim()) ?? ''}`,
      '  - Rebuild it for Electron:      npx electron-builder install-app-deps   then  npm start',
      '  - Back to Node afterwards:      npm rebuild better-sqlite3',
      '',
    ].join('\n'),
  );
  return false;
}

function launch(binary) {
  const main = join(root, 'dist', 'electron', 'main.cjs');
  if (!existsSync(main)) {
    process.stderr.write('earshot: the app is not built yet. Run `npm run build` (or `npm start`) first.\n');
    process.exit(1);
  }
  const env = { ...process.env };
  // Set by some tools for child processes; it would make Electron a plain Node runtime.
  delete env.ELECTRON_RUN_AS_NODE;
  if (!nativeModulesFit(binary, env)) process.exit(1);
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`earshot: could not start Electron (${binary}): ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const binary = electronBinary() ?? (installElectron() ? electronBinary() : null);
if (binary) {
  launch(binary);
} else {
  explainMissingElectron();
  process.exit(1);
}
