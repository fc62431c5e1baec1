/**
 * Mutation testing of the pure domain (`npm run test:mutation`): Stryker changes the domain's code one
 * mutant at a time and runs the domain's specs; a mutant no spec notices is a rule no spec pins down.
 * Incremental: mutants whose code and specs did not change keep their last result
 * (reports/stryker-incremental.json, not committed).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'jest',
  // NestJS 12 is ESM-only, so jest runs native ESM, as in `npm test`.
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  jest: {
    configFile: 'jest.config.js',
    config: { roots: ['<rootDir>/src/incidents/domain', '<rootDir>/src/actors/domain', '<rootDir>/src/sources/domain'] },
  },
  mutate: ['src/{incidents,actors,sources}/domain/**/*.ts', '!src/**/domain/**/*.spec.ts'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // The build machines are shared; more runners than cores only adds timeouts.
  concurrency: 2,
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
