import { defineConfig } from 'vitest/config';

// Every project checks that its run leaves nothing behind (test/support/leftovers-check.ts, which
// must come first among its globalSetup files, and its setupFile leftovers-tmpdir.ts giving the
// workers the run's own temp dir).
const leftovers = { globalSetup: 'test/support/leftovers-check.ts', setupFile: 'test/support/leftovers-tmpdir.ts' };

// `unit`: pure code and golden cases, no servers. `integration`: real Kafka (and friends) started by
// test/servers/global-setup.ts on 127.0.0.1 and stopped by pid when the run ends.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/golden/**/*.test.ts'],
          globalSetup: [leftovers.globalSetup],
          setupFiles: [leftovers.setupFile],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: [leftovers.globalSetup, 'test/servers/global-setup.ts'],
          setupFiles: [leftovers.setupFile],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // The npm tarball installed into an empty project (needs the registry or npm's cache).
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
