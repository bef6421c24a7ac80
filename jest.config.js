/**
 * Nest 12 is ESM-only, so the tests run as ES modules: ts-jest's ESM mode,
 * with Node's VM modules switched on by `npm test`.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // Sources import './x.js' (NodeNext); jest resolves the .ts next to it.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  // The package tests' apps run their own tests with their own runners.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/package/fixtures/'],
  globalSetup: '<rootDir>/test/global-setup.js',
  // End-to-end suites start apps, processes and databases on 2 shared cores: 5 s is too short a default there.
  testTimeout: 30_000,
};
