import { defineConfig } from 'vitest/config';

/** End-to-end: the built hub (`earshot serve --demo`) driven in Debian's Chromium through playwright-core. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
