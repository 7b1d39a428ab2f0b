import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // better-sqlite3 is native: forks keep each test file's handle in its own process.
    pool: 'forks',
  },
});
