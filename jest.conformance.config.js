/** Conformance suite: validates synthesized Clusternet objects against the upstream CRD schemas
 * (../shared/crds by default, QCBM_CRDS_DIR to override), and the Tencent Cloud bindings and every stack's
 * offline plan against the provider schema (../shared/reference/tencentcloud-provider-schema.json,
 * QCBM_PROVIDER_SCHEMA to override), and the patch engine against the RFC 6902 suite
 * (../shared/reference/json-patch-tests, QCBM_JSON_PATCH_TESTS_DIR to override). Fails when any of the three is
 * missing. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/conformance'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 60000,
};
