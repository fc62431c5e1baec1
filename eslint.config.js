import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { LAYER_ZONES } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Wiring runs one way: transports (api/, the CLI, the root module) stand on the feature; nothing below them imports them.
    files: ['src/**/*.ts'],
    ignores: ['src/**/api/**', 'src/cli/**', 'src/cli.ts', 'src/app.module.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)api/', message: 'only transports import api/: domain, application, read models, audit and exports know no REST or GraphQL' }],
      }],
    },
  },
  {
    // The two transports share api/ itself (input rules) and api/inputs/ (the input classes both read); neither imports the other.
    files: ['src/**/api/graphql/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)rest/', message: 'api/graphql does not import api/rest: share through api/' }] }] },
  },
  {
    files: ['src/**/api/rest/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)graphql/', message: 'api/rest does not import api/graphql: share through api/' }] }] },
  },
  {
    // The shared input classes stand below both transports: of GraphQL they name only its enums (the domain's values in upper case).
    files: ['src/**/api/inputs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)rest/|(^|/)graphql/(?![\\w-]*enums\\.graphql\\.js$)', message: 'api/inputs is shared by both transports: it imports neither (only GraphQL enum names)' }],
      }],
    },
  },
  {
    // The domain is pure: no framework, no driver, no I/O — only other domain modules.
    files: ['src/**/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!\\./|\\.\\./\\.\\./[a-z-]+/domain/)', message: 'domain/ imports only domain modules (its own, or another feature\'s domain/): no packages, no node: built-ins' },
        ],
      }],
    },
  },
  {
    // Layers (ARCHITECTURE.md, "Wiring"): each zone names who may not import what.
    files: ['src/**/*.ts'],
    plugins: { import: importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })] },
    rules: { 'import/no-restricted-paths': ['error', { zones: LAYER_ZONES }] },
  },
  {
    // The dashboard (web/): React's rules of hooks and effect dependencies.
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
);
