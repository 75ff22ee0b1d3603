import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer: built once, served by the headless host over HTTP or loaded by Electron from disk. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // No source maps: the hub serves the wall to anyone who can reach it, and never its unminified source.
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: { port: 5173, strictPort: true },
});
