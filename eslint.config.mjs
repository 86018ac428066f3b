// Lint: TypeScript rules plus the room map (eslint-rules/), so a wrong import between rooms fails `npm test`.
// Vue single-file components get the same rules for their <script setup lang="ts"> and Vue's essential checks.
// Layout is Prettier's (`npm run format`; `npm run lint` checks it): none of these rule sets has a formatting rule, so the two never disagree.
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import roomBoundaries from './eslint-rules/room-boundaries.mjs';

const workbenchRules = {
  plugins: { workbench: { rules: { 'room-boundaries': roomBoundaries } } },
  rules: {
    'workbench/room-boundaries': 'error',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    '@typescript-eslint/no-non-null-assertion': 'off',
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'build/', 'dist/', 'test-results/', '.prof/', 'playwright-report/', 'src/engine/kernels/wasm/assembly/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    // The run-form sections edit the fields of the form object their page's store hands them (one reactive
    // object, many sections): replacing a prop is refused, writing into the object it holds is the design.
    rules: { 'vue/no-mutating-props': ['error', { shallowOnly: true }] },
  },
  { files: ['**/*.ts', '**/*.mts', '**/*.vue'], ...workbenchRules },
);
