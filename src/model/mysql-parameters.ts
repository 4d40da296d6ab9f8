/**
 * QCBM's services connect with MySQL Connector/J 5.1.47, which cannot authenticate with MySQL 8.0's default
 * plugin, caching_sha2_password. A MySQL 8.0 instance the stack creates therefore gets mysql_native_password as
 * its default authentication plugin, set at creation, so the account created right after it uses that plugin.
 */
export const MYSQL_NATIVE_AUTH_PARAMETER = {
  name: 'default_authentication_plugin',
  value: 'mysql_native_password',
} as const;

/** The `parameters` of a TencentDB for MySQL primary of this engine version, or undefined where none are needed. */
export function mysqlInstanceParameters(engineVersion: string): Record<string, string> | undefined {
  return engineVersion === '8.0'
    ? { [MYSQL_NATIVE_AUTH_PARAMETER.name]: MYSQL_NATIVE_AUTH_PARAMETER.value }
    : undefined;
}
