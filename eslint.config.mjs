// Type-checked lint for the whole workspace, plus the module-boundary rule that keeps services apart:
// a service may import libs only, never another service; contracts import nothing of ours.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './apps/console/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // Platform's tests use the test helpers, which build on the platform: a loop through test files only.
          ignoredCircularDependencies: [['@cx/platform', '@cx/testing']],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'] },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:testing'],
            },
            {
              sourceTag: 'scope:crm',
              notDependOnLibsWithTags: [
                'scope:complaints',
                'scope:aftersales',
                'scope:surveys',
                'scope:training',
              ],
            },
            {
              sourceTag: 'scope:complaints',
              notDependOnLibsWithTags: ['scope:crm', 'scope:aftersales', 'scope:surveys', 'scope:training'],
            },
            {
              sourceTag: 'scope:aftersales',
              notDependOnLibsWithTags: ['scope:crm', 'scope:complaints', 'scope:surveys', 'scope:training'],
            },
            {
              sourceTag: 'scope:surveys',
              notDependOnLibsWithTags: [
                'scope:crm',
                'scope:complaints',
                'scope:aftersales',
                'scope:training',
              ],
            },
            {
              sourceTag: 'scope:training',
              notDependOnLibsWithTags: ['scope:crm', 'scope:complaints', 'scope:aftersales', 'scope:surveys'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // contracts carry no runtime of ours and no framework: they are what is said, not how.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'typeorm', '@cx/*', '@nats-io/*', 'pg'] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'bench/**/*.ts', 'libs/testing/**/*.ts'],
    rules: {
      // Tests of the platform may use the test helpers (libs/testing, itself test code).
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          ignoredCircularDependencies: [['@cx/platform', '@cx/testing']],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'] },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:testing'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
