/** Integration suite: runs what the library renders against real programs on this machine (a MariaDB server
 * from Debian's mariadb-server, started in a temporary directory). Fails, never skips, when they are missing. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/integration'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 120000,
};
