// The inputs whose change makes the Tencent Cloud provider replace a resource (ForceNew), for the resources a
// failover moves, as terraform-provider-tencentcloud v1.82.42 declares them (what pulumi-tencentcloud v0.2.3 runs):
// services/cdb/resource_tc_mysql_{instance,dr_instance,database,account,privilege,backup_policy}.go and
// services/privatedns/resource_tc_private_dns_record.go. A resource's own `replaceOnChanges` adds to these.
import { TENCENTCLOUD_TYPES as T } from '../cloud/type-tokens';

export const PROVIDER_REPLACING_INPUTS: Readonly<Record<string, readonly string[]>> = {
  [T.mysqlInstance]: ['chargeType'],
  [T.mysqlDrInstance]: ['chargeType'],
  [T.mysqlDatabase]: ['instanceId', 'dbName'],
  [T.mysqlAccount]: ['mysqlId', 'name'],
  [T.mysqlPrivilege]: ['mysqlId', 'accountName', 'accountHost'],
  [T.mysqlBackupPolicy]: ['mysqlId'],
  [T.privateDnsRecord]: ['zoneId'],
};
