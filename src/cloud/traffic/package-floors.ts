import * as pulumi from '@pulumi/pulumi';
import { belowPackageFloors } from '../../model/topology/package-floors';
import type { IgtmTraffic } from '../../model/topology/topology-schema';
import { getIgtmInstancePackageList } from '../tencentcloud/igtm-instance-package-list';
import type { TencentCloudProvider } from '../tencentcloud/provider';
import { TENCENTCLOUD_INVOKES } from '../tencentcloud/type-tokens';

/** The IGTM settings that `pulumi up` checked against the package's real floors. */
export interface CheckedIgtmSettings {
  readonly checkInterval: number;
  readonly globalTtl: number;
  /** What the account reports for the package. */
  readonly floors: { readonly minCheckInterval: number; readonly minGlobalTtl: number };
}

/**
 * Reads the package's floors from the account (getInstancePackageList) and fails, naming every setting below
 * them and the value to set, before the monitor or the instance is created with a value IGTM would refuse.
 */
export function checkPackageFloors(
  traffic: IgtmTraffic,
  provider: TencentCloudProvider,
  parent: pulumi.Resource,
): pulumi.Output<CheckedIgtmSettings> {
  const { resourceId, type } = traffic.package;
  const list = getIgtmInstancePackageList(
    {
      filters: [
        { name: 'ResourceId', values: [resourceId] },
        // The API documents the PackageType filter as required.
        { name: 'PackageType', values: [type] },
      ],
    },
    { provider, parent },
  );
  return list.apply((result) => {
    const found = (result.instanceSets ?? []).find((p) => p.resourceId === resourceId);
    if (!found) {
      throw new pulumi.ResourceError(
        `the account has no ${type} IGTM package ${resourceId}: check fleet.traffic.package.resourceId and type (the console's IGTM packages, or the data source ${TENCENTCLOUD_INVOKES.igtmInstancePackageList})`,
        parent,
      );
    }
    const reported = {
      minCheckIntervalSeconds: found.minCheckInterval,
      minGlobalTtlSeconds: found.minGlobalTtl,
    };
    const problems = belowPackageFloors(traffic, reported).map(
      (b) =>
        `${b.path} is ${b.value} s, below its ${b.floorName} of ${b.floor} s: set it to ${b.floor} or more, or use a package with a lower floor`,
    );
    if (problems.length > 0) {
      throw new pulumi.ResourceError(
        `the ${found.packageType} IGTM package ${resourceId} does not allow these settings: ${problems.join('; ')}`,
        parent,
      );
    }
    const declared = traffic.package;
    if (
      declared.minCheckIntervalSeconds < found.minCheckInterval ||
      declared.minGlobalTtlSeconds < found.minGlobalTtl
    ) {
      pulumi.log.warn(
        `fleet.traffic.package states floors of ${declared.minCheckIntervalSeconds} s / ${declared.minGlobalTtlSeconds} s, but package ${resourceId} reports ${found.minCheckInterval} s / ${found.minGlobalTtl} s: state the real ones (minCheckIntervalSeconds, minGlobalTtlSeconds) so the failover budget uses them`,
        parent,
      );
    }
    return {
      checkInterval: traffic.monitor.checkIntervalSeconds,
      globalTtl: traffic.globalTtlSeconds,
      floors: { minCheckInterval: found.minCheckInterval, minGlobalTtl: found.minGlobalTtl },
    };
  });
}
