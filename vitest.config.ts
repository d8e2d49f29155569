import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: the suites spawn real server processes, and the machine is often shared and busy;
    // a start that takes 20 s under load is slow, not broken.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // 2-core machines: two workers keep PostgreSQL and the spawned servers from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    // One module graph per worker, not per file: importing the whole server afresh for each of the
    // ~150 files cost about four minutes of the two workers' time. The files share no module
    // state that matters: each builds its own app, database, registry of metrics and servers.
    isolate: false,
    // verbose: each test's name shows, so the run shows the store suites running on both dialects.
    reporters: ['verbose'],
  },
});
