/** TencentDB for MySQL's backup and binlog retention range (`Mysql/backupPolicy`), in days, and its default. */
export const MYSQL_BACKUP_LIMITS = { minDays: 7, maxDays: 1830, defaultDays: 7 } as const;
