/** Conformance suite: validates synthesized Clusternet objects against the upstream CRD schemas
 * (../shared/crds by default, QCBM_CRDS_DIR to override). Fails when the schemas are missing. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/conformance'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 60000,
};
