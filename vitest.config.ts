import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // 2-core machines: two workers keep PostgreSQL and the spawned servers from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    // verbose: each test's name shows, so the run shows the store suites running on both dialects.
    reporters: ['verbose'],
  },
});
