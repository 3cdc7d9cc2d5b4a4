import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/web/dist/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Pure libraries: the rules the API, worker, reports and web app share, and the plan parser. A
    // framework, database or queue import would drag its world into the web bundle and the unit specs.
    files: [
      'libs/rules/**/*.ts',
      'libs/plan-parser/**/*.ts',
      'libs/reports/src/render/**/*.ts',
      'libs/reports/src/tally/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'pg', 'express', 'nodemailer'],
              message: 'Pure libraries stay free of frameworks, databases and queues.',
            },
            {
              group: ['@xietong/*', '!@xietong/rules', '!@xietong/plan-parser'],
              message:
                'Pure libraries may only use other pure libraries (@xietong/rules, @xietong/plan-parser).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/cli/**/*.ts', 'bench/**/*.ts', 'seeds/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
