import type { Fleet } from './fleet-schema';
import { registryHost } from './image-pull-secret';
import { formatPath } from './issue-path';
import { type StackConfigKey, stackConfigKey } from './stack-config';
import {
  cacheNeed,
  certificateNeed,
  databaseNeed,
  entryNeed,
  registryNeed,
  schemaNeed,
  type SiteNeed,
  zoneNeeds,
} from './site-needs';
import { apmRegion, type CollectorReach, collectorReach } from './tracing-plan';

/**
 * What provides a need: `built` by this stack, `declared` by the fleet or the stack config as existing outside it
 * (`field` says where), or `missing`: nothing does, and `fix` says what would.
 */
export type NeedStatus = 'built' | 'declared' | 'missing';

/** One run-time need of QCBM in one cluster, and what provides it. */
export interface RuntimeNeed {
  readonly cluster: string;
  /** What the services need, e.g. `tracing` or `images`. */
  readonly need: string;
  readonly status: NeedStatus;
  /** What provides it, or why nothing does, in a sentence. */
  readonly provider: string;
  /** The field or config key that declares it, or that a fix changes. */
  readonly field?: string;
  /** With `missing`: what would provide it. */
  readonly fix?: string;
}

/** What the needs are judged against besides the fleet. */
export interface NeedsContext {
  /** The stack config keys that have a value (a secret's value is not needed, only that it is set). */
  readonly configured: ReadonlySet<string>;
}

/**
 * Every run-time need of QCBM (registry, database, schema, cache, tracing, images, entry address, certificate,
 * zones), per cluster in fleet order: the one place that says what provides each. The offline plan prints them and CI refuses a prod or dr plan with a `missing` one; the
 * Pulumi program warns of each `missing` one.
 */
export function runtimeNeeds(fleet: Fleet, context: NeedsContext): RuntimeNeed[] {
  const images = imageNeed(fleet, context);
  const certificate = certificateNeed(fleet);
  const zones = zoneNeeds(fleet);
  return collectorReach(fleet).flatMap((reach) => {
    const { cluster } = reach;
    const own = (need: SiteNeed): RuntimeNeed => ({ cluster: cluster.name, ...need });
    return [
      own(registryNeed(fleet, cluster)),
      own(databaseNeed(fleet, cluster)),
      own(schemaNeed(fleet, cluster)),
      own(cacheNeed(fleet, cluster)),
      tracingNeed(fleet, reach, context),
      own(images),
      own(entryNeed(fleet, cluster)),
      own(certificate),
      ...zones.map(own),
    ];
  });
}

function tracingNeed(fleet: Fleet, reach: CollectorReach, context: NeedsContext): RuntimeNeed {
  const { cluster } = reach;
  const i = fleet.clusters.indexOf(cluster);
  const at = (...p: PropertyKey[]) => formatPath('fleet', p);
  const collector = reach.declared
    ? `collector ${reach.declared.host}:${reach.declared.port}`
    : `the public collector of the APM instance this stack creates in ${apmRegion(fleet)}`;
  const token = tokenSource(fleet, context);
  const field = reach.declared ? at('clusters', i, 'endpoints', 'skywalking') : at('cloud', 'tracing');
  const base = { cluster: cluster.name, need: 'tracing' };
  switch (reach.route) {
    case 'in-network':
      return { ...base, status: 'declared', provider: `${collector} in the network; ${token}`, field };
    case 'nat':
      return {
        ...base,
        status: reach.declared ? 'declared' : 'built',
        provider: `${collector}, reached through the NAT gateway this stack creates for ${cluster.name}'s nodes; ${token}`,
        field: reach.declared ? field : at('cloud', 'regions', reach.siteIndex ?? 0, 'egress'),
      };
    case 'unknown':
      return {
        ...base,
        status: 'declared',
        provider: `${collector} on the internet; ${cluster.name}'s network is not created by this stack, so its nodes must reach the internet on their own; ${token}`,
        field,
      };
    case 'no-route':
      return {
        ...base,
        status: 'missing',
        provider: `${collector} is on the internet, and ${cluster.name}'s nodes have no public IPs and no NAT gateway: the collector cannot be reached and no trace arrives`,
        field: at('cloud', 'regions', reach.siteIndex ?? 0, 'egress'),
        fix: `set ${at('cloud', 'regions', reach.siteIndex ?? 0, 'egress')}: nat (a NAT gateway with its EIP and a default route for the node subnet), or declare a collector inside the network (fleet.cloud.tracing.mode "external", ${at('clusters', i, 'endpoints', 'skywalking')})`,
      };
  }
}

function tokenSource(fleet: Fleet, context: NeedsContext): string {
  if (fleet.cloud.tracing.mode === 'managed') return "the token from the APM instance's outputs";
  if (fleet.app.secrets.source === 'existing') {
    return `the token in the app's Secret ${fleet.app.secrets.name}, created out of band`;
  }
  const key = stackConfigKey('skywalkingToken');
  return context.configured.has(key)
    ? `the token from ${key}`
    : `the token from ${key}, not set yet (listed with the missing secret config)`;
}

function imageNeed(fleet: Fleet, context: NeedsContext): Omit<RuntimeNeed, 'cluster'> {
  const config = fleet.app.imagePullSecret;
  const field = 'fleet.app.imagePullSecret';
  const base = { need: 'images', field };
  const registry = fleet.app.registry;
  switch (config.source) {
    case 'none':
      return {
        ...base,
        status: 'declared',
        provider: `images of ${registry}, pulled without credentials (no pull secret referenced)`,
      };
    case 'existing':
      return {
        ...base,
        status: 'declared',
        provider: `images of ${registry} with the pull secret ${config.name}, which must exist in namespace ${fleet.app.namespace} (created out of band)`,
      };
    case 'pulumi': {
      const keys: StackConfigKey[] = [stackConfigKey('registryUsername'), stackConfigKey('registryPassword')];
      const unset = keys.filter((k) => !context.configured.has(k));
      return {
        ...base,
        status: 'built',
        provider: `images of ${registry} with the pull secret ${config.name} (kubernetes.io/dockerconfigjson for ${registryHost(registry)}) this stack creates from ${keys.join(' and ')}${unset.length > 0 ? `, not set yet (listed with the missing secret config)` : ''}`,
      };
    }
  }
}
