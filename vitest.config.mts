// Unit and integration tests (Playwright owns e2e/).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'eslint-rules/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'src/engine/kernels/wasm/assembly/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
