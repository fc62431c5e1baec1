/** Native ESM jest (NestJS 12 is ESM-only); ts-jest transpiles, `npm run typecheck` type-checks. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.stryker-tmp/'],
  testTimeout: 60000,
  // One worker process, replaced once it holds more than 1 GB between test files: each file's
  // module graph stays reachable from the process after it ends, and in one long-lived process
  // the heap and the garbage collector's work grow with every file.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1GB',
};
