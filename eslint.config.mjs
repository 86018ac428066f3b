// Lint: TypeScript rules plus the room map (eslint-rules/), so a wrong import between rooms fails `npm test`.
import tseslint from 'typescript-eslint';
import roomBoundaries from './eslint-rules/room-boundaries.mjs';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'build/', 'dist/', 'test-results/', '.prof/', 'playwright-report/', 'src/engine/kernels/wasm/assembly/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    plugins: { workbench: { rules: { 'room-boundaries': roomBoundaries } } },
    rules: {
      'workbench/room-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
