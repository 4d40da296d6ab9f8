import * as pulumi from '@pulumi/pulumi';
import type { ClusterRole, Fleet } from '../../model/fleet-schema';
import { sitesOf } from '../../model/topology/sites';
import type { LineKey, MonitorProtocol, Traffic } from '../../model/topology/topology-schema';
import { trafficPlan } from '../../model/topology/traffic-plan';
import type { TencentCloudProvider } from '../tencentcloud/provider';
import { createDnspodRecords } from './dnspod';
import { createIgtm } from './igtm';
import { checkPackageFloors } from './package-floors';
import { checkedAddress } from './published-address';
import { createZones } from './zones';
import { igtmMonitorProtocol } from '../../model/public-entry';
import type { TrafficContext } from './traffic-context';
import { QCBM_TYPES } from '../type-tokens';

/** Arguments for `QcbmGlobalTraffic`. */
export interface QcbmGlobalTrafficArgs {
  /** The validated fleet (`parseFleet`), with `fleet.traffic` set; everything else is derived from it. */
  readonly fleet: Fleet;
  /**
   * Each cluster's public Ingress address (IPv4 or domain) by cluster name: its public CLB's VIP, or its
   * `ingressAddress`. A cluster left out uses its `ingressAddress` from the fleet. Private, loopback, reserved
   * and empty addresses are refused when they become known.
   */
  readonly addresses: Readonly<Record<string, pulumi.Input<string>>>;
  /** IGTM and DNSPod are account-wide: one provider (any region) creates every resource. */
  readonly provider: TencentCloudProvider;
}

/** What the traffic layer holds for one cluster: what a drill reads to take the cluster out. */
export interface GlobalTrafficCluster {
  /** The address users are sent to. */
  readonly address: pulumi.Output<string>;
  readonly role: ClusterRole;
  /** IGTM: the cluster's address pool (a drill disables the address in it). */
  readonly poolId?: pulumi.Output<number>;
  /** IGTM: the pool's name, `qcbm-<env>-<cluster>`. */
  readonly poolName?: string;
  /** DNSPod: the record ids (`<zone>#<recordId>`) publishing the address, by line. */
  readonly recordIds?: Readonly<Partial<Record<LineKey, pulumi.Output<string>>>>;
}

/**
 * The global traffic layer: sends users to the nearest healthy region by DNS, from the fleet's traffic plan
 * (`trafficPlan`: per line, tiers of sites and a fallback).
 *
 * Both first find the DNSPod zones they write into, or create them (`traffic.zoneSource`, `access.zoneSource`).
 * With IGTM (`fleet.traffic.mode: igtm`): an instance for the published name (kept on destroy: the provider
 * cannot delete it), an HTTP(S) monitor on `traffic.monitor.path` (HTTPS where `app.tls` is set), one address pool per cluster, one strategy per
 * line whose tiers are the plan's (nearest active sites, other active sites, standby, DR) with the primary's
 * pool as fallback, and the published name as a CNAME to the access name. `pulumi up` reads the package's real
 * floors first and fails if the check interval or TTL is below them.
 *
 * With DNSPod records (`mode: dnspod`): per line one record per site of the line's first tier (every active
 * site on the default line). Nothing detects a failure then: when a region fails, its records keep sending
 * users there until an operator disables or changes them.
 */
export class QcbmGlobalTraffic extends pulumi.ComponentResource {
  public static readonly TYPE = QCBM_TYPES.globalTraffic;

  /** `igtm` or `dnspod`. */
  public readonly mode: Traffic['mode'];
  /** The name users resolve (`app.ingressHost`). */
  public readonly publishedName: string;
  /** IGTM: what the published name is a CNAME to, `<access.subDomain>.<access.domain>.`; undefined with DNSPod. */
  public readonly cnameTarget: string | undefined;
  /** IGTM: the instance (`gtm-…`); undefined with DNSPod. */
  public readonly instanceId: pulumi.Output<string> | undefined;
  /** IGTM: the monitor of every pool; undefined with DNSPod. */
  public readonly monitorId: pulumi.Output<number> | undefined;
  /** IGTM: the package's floors as the account reports them; undefined with DNSPod. */
  public readonly packageFloors:
    pulumi.Output<{ readonly minCheckInterval: number; readonly minGlobalTtl: number }> | undefined;
  /** By cluster name. */
  public readonly clusters: Readonly<Record<string, GlobalTrafficCluster>>;
  /** IGTM: each line's strategy id; empty with DNSPod. */
  public readonly strategyIds: Readonly<Partial<Record<LineKey, pulumi.Output<number>>>>;
  /** IGTM: the monitor's protocol, HTTPS where the published name has TLS; undefined with DNSPod. */
  public readonly monitorProtocol: MonitorProtocol | undefined;
  /**
   * The DNSPod zones written into (`traffic.zone`, and IGTM's `access.domain`), by name: each resolves to its name
   * once the zone was found in the account or created, so what needs the zone can wait for it.
   */
  public readonly zones: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: QcbmGlobalTrafficArgs, opts?: pulumi.ComponentResourceOptions) {
    super(QcbmGlobalTraffic.TYPE, name, {}, opts);
    const { fleet, provider } = args;
    const traffic = fleet.traffic;
    if (!traffic) {
      throw new pulumi.ResourceError(
        `fleet "${fleet.name}" has no traffic layer: describe it in fleet.traffic (mode igtm or dnspod) and parse the fleet with parseFleet()`,
        this,
      );
    }
    const child = { parent: this, provider };
    const sites = sitesOf(fleet);
    this.zones = createZones(name, fleet, child);
    const ctx: TrafficContext = {
      name,
      environment: fleet.name,
      publishedName: fleet.app.ingressHost,
      zone: traffic.zone,
      zones: this.zones,
      subDomain: subDomainOf(fleet.app.ingressHost, traffic.zone),
      plan: trafficPlan(fleet),
      sites,
      addresses: this.addressesOf(fleet, args.addresses),
    };
    this.mode = traffic.mode;
    this.publishedName = ctx.publishedName;
    const clusters: Record<string, GlobalTrafficCluster> = {};
    const strategyIds: Partial<Record<LineKey, pulumi.Output<number>>> = {};

    if (traffic.mode === 'igtm') {
      const protocol = igtmMonitorProtocol(traffic, fleet.app.tls !== undefined);
      const checked = checkPackageFloors(traffic, provider, this);
      const igtm = createIgtm(ctx, traffic, checked, protocol, child);
      this.monitorProtocol = protocol;
      for (const s of sites) {
        clusters[s.name] = {
          address: ctx.addresses[s.name],
          role: s.role,
          poolId: igtm.pools[s.name].poolId,
          poolName: igtm.poolNames[s.name],
        };
      }
      for (const [line, strategy] of Object.entries(igtm.strategies)) {
        strategyIds[line as LineKey] = strategy.strategyId;
      }
      this.cnameTarget = igtm.cnameTarget;
      this.instanceId = igtm.instance.instanceId;
      this.monitorId = igtm.monitor.monitorId;
      this.packageFloors = checked.apply((c) => c.floors);
    } else {
      this.monitorProtocol = undefined;
      const records = createDnspodRecords(ctx, traffic, child);
      for (const s of sites) {
        const ids = Object.entries(records[s.name]).map(([line, r]) => [line, r.id]);
        clusters[s.name] = {
          address: ctx.addresses[s.name],
          role: s.role,
          recordIds: Object.fromEntries(ids),
        };
      }
      this.cnameTarget = undefined;
      this.instanceId = undefined;
      this.monitorId = undefined;
      this.packageFloors = undefined;
    }
    this.clusters = clusters;
    this.strategyIds = strategyIds;
    this.registerOutputs({
      mode: this.mode,
      publishedName: this.publishedName,
      cnameTarget: this.cnameTarget,
      instanceId: this.instanceId,
      monitorId: this.monitorId,
      packageFloors: this.packageFloors,
      clusters: this.clusters,
      strategyIds: this.strategyIds,
      monitorProtocol: this.monitorProtocol,
      zones: this.zones,
    });
  }

  /** Every cluster's address, given or from the fleet; refuses names of no cluster and clusters without one. */
  private addressesOf(
    fleet: Fleet,
    given: Readonly<Record<string, pulumi.Input<string>>>,
  ): Record<string, pulumi.Output<string>> {
    const names = fleet.clusters.map((c) => c.name);
    const unknown = Object.keys(given).filter((n) => !names.includes(n));
    const missing = fleet.clusters.filter(
      (c) => given[c.name] === undefined && c.ingressAddress === undefined,
    );
    const problems = [
      ...(unknown.length ? [`addresses names no cluster of the fleet: ${unknown.join(', ')}`] : []),
      ...(missing.length
        ? [
            `no address for ${missing.map((c) => c.name).join(', ')}: pass it in addresses, or set the cluster's ingressAddress`,
          ]
        : []),
    ];
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`${problems.join('; ')} (clusters: ${names.join(', ')})`, this);
    }
    return Object.fromEntries(
      fleet.clusters.map((c) => [
        c.name,
        checkedAddress(c.name, given[c.name] ?? c.ingressAddress ?? '', this),
      ]),
    );
  }
}

/**
 * The record name of the published name in its zone (`www` of `www.qcbm.com` in `qcbm.com`); `parseFleet` has
 * checked that the name is below the zone.
 */
function subDomainOf(publishedName: string, zone: string): string {
  return publishedName.slice(0, -(zone.length + 1));
}
