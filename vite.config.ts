import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer: built once, served by the headless host over HTTP or loaded by Electron from disk. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: { port: 5173, strictPort: true },
});
