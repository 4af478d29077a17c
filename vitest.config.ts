import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    pool: 'forks',
    // Tests run the real binary, which runs the compiled library: build it first when a source changed.
    globalSetup: ['scripts/lib-build.ts'],
  },
});
