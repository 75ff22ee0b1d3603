// Bundles the hub (CLI + headless host + core) for Node, and the Electron main and preload processes.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  packages: 'external',
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/cli/main.ts'], outfile: 'dist/hub/cli.mjs', format: 'esm' }),
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' }),
  // The preload runs sandboxed: CommonJS, and nothing but `electron` may stay external.
  build({
    ...common,
    packages: undefined,
    external: ['electron'],
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
  }),
]);
