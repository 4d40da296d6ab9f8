import * as pulumi from '@pulumi/pulumi';
import { igtmCnameTarget, igtmLineId } from '../../model/topology/igtm-access';
import { consoleNames, trafficNames } from '../../model/resource-names';
import type { Site } from '../../model/topology/sites';
import {
  DNSPOD_LINE_NAMES,
  type IgtmTraffic,
  type LineKey,
  type MonitorProtocol,
} from '../../model/topology/topology-schema';
import type { ChildOptions } from '../region/child-options';
import { DnspodRecord } from '../tencentcloud/dnspod-record';
import { IgtmAddressPool } from '../tencentcloud/igtm-address-pool';
import { IgtmInstance } from '../tencentcloud/igtm-instance';
import { IgtmMonitor } from '../tencentcloud/igtm-monitor';
import { IgtmStrategy, type IgtmStrategyPoolSet } from '../tencentcloud/igtm-strategy';
import type { CheckedIgtmSettings } from './package-floors';
import type { TrafficContext } from './traffic-context';

/** The TTL of the published name's CNAME: it never changes on failover, and every DNSPod plan accepts 600 s. */
export const BUSINESS_CNAME_TTL = 600;

/** What `createIgtm` creates. */
export interface IgtmLayer {
  readonly instance: IgtmInstance;
  readonly monitor: IgtmMonitor;
  /** By cluster name. */
  readonly pools: Readonly<Record<string, IgtmAddressPool>>;
  readonly poolNames: Readonly<Record<string, string>>;
  /** By line. */
  readonly strategies: Readonly<Partial<Record<LineKey, IgtmStrategy>>>;
  /** The published name's CNAME to the access name. */
  readonly cname: DnspodRecord;
  /** `<access.subDomain>.<access.domain>.` */
  readonly cnameTarget: string;
}

/**
 * IGTM as the seed walkthrough builds it: an instance for the published name, one HTTP(S) monitor, one pool per
 * cluster, one strategy per line with the plan's tiers and fallback, and the published name's CNAME.
 */
export function createIgtm(
  ctx: TrafficContext,
  traffic: IgtmTraffic,
  checked: pulumi.Output<CheckedIgtmSettings>,
  protocol: MonitorProtocol,
  opts: ChildOptions,
): IgtmLayer {
  const qualified = (suffix?: string) => consoleNames.igtm(ctx.environment, suffix);
  const names = trafficNames(ctx.name);
  const instance = new IgtmInstance(
    names.igtmInstance,
    {
      domain: ctx.publishedName,
      accessType: 'CUSTOM',
      accessDomain: ctx.zones[traffic.access.domain],
      accessSubDomain: traffic.access.subDomain,
      globalTtl: checked.apply((c) => c.globalTtl),
      packageType: traffic.package.type,
      resourceId: traffic.package.resourceId,
      instanceName: qualified(),
    },
    // The provider cannot delete an instance (Delete always fails): leave it in the account on destroy.
    { ...opts, retainOnDelete: true },
  );
  const m = traffic.monitor;
  const monitor = new IgtmMonitor(
    names.igtmMonitor,
    {
      monitorName: qualified(),
      checkProtocol: protocol,
      path: m.path,
      host: ctx.publishedName,
      // The CLB's HTTPS listener picks the certificate by the name the client asks for.
      ...(protocol === 'HTTPS' ? { enableSni: 'ENABLED' as const } : {}),
      checkInterval: checked.apply((c) => c.checkInterval),
      timeout: m.timeoutSeconds,
      failTimes: m.failTimes,
      failRate: m.failRatePercent,
      continuePeriod: m.continuePeriod,
      detectorGroupIds: m.detectorGroupIds,
      detectorStyle: 'AUTO',
      returnCodeThreshold: m.returnCodeThreshold,
    },
    opts,
  );
  const pools: Record<string, IgtmAddressPool> = {};
  const poolNames: Record<string, string> = {};
  for (const site of ctx.sites) {
    poolNames[site.name] = qualified(site.name);
    pools[site.name] = new IgtmAddressPool(
      names.igtmPool(site.name),
      {
        poolName: poolNames[site.name],
        trafficStrategy: 'WEIGHT',
        addressSets: [
          {
            addr: ctx.addresses[site.name],
            isEnable: 'ENABLED',
            weight: addressWeight(site),
            location: site.name,
          },
        ],
        monitorId: monitor.monitorId,
      },
      opts,
    );
  }
  // IGTM weighs an address by pool weight × address weight; the share is on the address, so pools weigh 1.
  const poolSet = (sites: readonly Site[]): IgtmStrategyPoolSet => ({
    addressPools: sites.map((s) => ({ poolId: pools[s.name].poolId, weight: 1 })),
    trafficStrategy: 'WEIGHT',
    minSurviveNum: 1,
  });
  const strategies: Partial<Record<LineKey, IgtmStrategy>> = {};
  for (const line of ctx.plan) {
    strategies[line.line] = new IgtmStrategy(
      names.igtmStrategy(line.line),
      {
        instanceId: instance.instanceId,
        strategyName: qualified(line.line),
        sources: [{ dnsLineId: igtmLineId(traffic, line.line) }],
        mainAddressPoolSets: line.tiers.map(poolSet),
        fallbackAddressPoolSets: [{ addressPools: [{ poolId: pools[line.fallback.name].poolId }] }],
        switchPoolType: 'AUTO',
      },
      opts,
    );
  }
  const cnameTarget = igtmCnameTarget(traffic);
  const cname = new DnspodRecord(
    names.cname,
    {
      domain: ctx.zones[ctx.zone],
      subDomain: ctx.subDomain,
      recordType: 'CNAME',
      recordLine: DNSPOD_LINE_NAMES.default,
      value: cnameTarget,
      ttl: BUSINESS_CNAME_TTL,
    },
    // Users follow the CNAME as soon as it exists: only once every line has a strategy to answer them.
    { ...opts, dependsOn: Object.values(strategies) },
  );
  return { instance, monitor, pools, poolNames, strategies, cname, cnameTarget };
}

/** The site's share as IGTM takes it (1 to 100): standby and DR sites, which take none, still need 1. */
function addressWeight(site: Site): number {
  return Math.min(100, Math.max(1, site.weight));
}
