import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests: Node, fake clocks, loopback fake servers. Component tests (`*.test.tsx`) pick
 * their DOM per file with `// @vitest-environment jsdom`. test/unit/meta checks that no test file is left out.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { EARSHOT_LOG_LEVEL: 'silent' },
  },
});
