/** Native ESM jest (NestJS 12 is ESM-only); ts-jest transpiles, `npm run typecheck` type-checks. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.stryker-tmp/'],
  testTimeout: 60000,
  // Two worker processes (each test file has its own PostgreSQL server, so files share nothing;
  // much of a file's time is spent waiting on servers and subprocesses), each replaced once it
  // holds more than 1 GB between test files: a file's module graph stays reachable from the
  // process after it ends, and in a long-lived process the heap and the GC's work grow with every file.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
};
