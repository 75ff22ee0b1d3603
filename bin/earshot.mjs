#!/usr/bin/env node
// The `earshot` command: runs the bundled hub CLI (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/hub/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('earshot: the hub is not built yet. Run `npm run build` first.\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
