import { defineConfig } from 'vitest/config';

/** Unit and integration tests: Node, fake clocks, loopback fake servers. */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { EARSHOT_LOG_LEVEL: 'silent' },
  },
});
