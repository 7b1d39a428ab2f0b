// ESLint: typescript-eslint's recommended rules everywhere, React's hook rules and jsx-a11y in the renderer,
// and eslint-config-prettier last so that no rule argues with Prettier about layout.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  { ignores: ['out/', 'dist/', 'build/', 'test-results/', 'playwright-report/', '.data/', '.bench/', '.scratch/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `const { id: _id, ...fields } = row` is how the code leaves a key out of an object.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // The few type-aware rules that catch real bugs (a promise nobody awaits, a promise where a callback is
    // expected). The whole recommendedTypeChecked set took ~70 s of CPU and flags mostly the untyped DICOM libraries.
    rules: {
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // Three of the React Compiler's checks, off: the app does not use the compiler, and what they flag is working
      // code (the latest-value ref written during render, effects that reset state when a prop changes, a hook's
      // callback that uses what the hook returns). Moving those to useEffectEvent or keyed remounts is its own change.
      'react-hooks/immutability': 'off',
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  { files: ['renderer/**/*.tsx'], extends: [jsxA11y.flatConfigs.recommended] },
  prettier,
);
