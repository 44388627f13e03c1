import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      // integration tests start CLI and crash-test processes (Node + tsx each): a busy 2-core machine needs seconds apiece
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 90_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // one Chromium at a time on a 2-core machine
          fileParallelism: false,
          // expect.poll waits for the page to reach a state; its 1 s default is shorter than one IPC round trip plus a
          // React render on a loaded 2-core machine. A wrong final state still fails: it never turns into the right one.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
