/** Unit suite: runs on a bare clone, no ../shared, no network. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/conformance/', '/test/integration/'],
  testTimeout: 30000,
};
