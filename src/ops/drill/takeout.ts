import { App, Chart } from 'cdk8s';
import { Feed } from '../../k8s/clusternet/feed';
import { Localization } from '../../k8s/clusternet/localization';
import { Override } from '../../k8s/clusternet/override';
import type { Manifest } from '../../k8s/manifest';
import { OVERRIDE_PRIORITY } from '../../model/priorities';
import { UserError } from '../../model/user-error';
import { type KubernetesClient, kubernetesCall } from '../kubernetes/client';
import type { IgtmApi } from '../tencent/tencent-api';

/** How a drill takes a region out. */
export type TakeoutMethod = 'hub' | 'direct' | 'traffic';

/**
 * A way of taking a region out, undone by `restore`. Built from what the fleet and the stack outputs say, before
 * anything is contacted: a dry run prints its `steps`, and only `connect` reads kubeconfigs and credentials.
 */
export interface Takeout {
  readonly method: TakeoutMethod;
  /** What `takeOut` does, one line per change: what a dry run prints as what `--execute` would do. */
  readonly steps: readonly string[];
  /** Opens the clients `takeOut` needs, changing nothing (a bad kubeconfig fails here); `takeOut` calls it too. */
  connect(): Promise<void>;
  takeOut(log: (line: string) => void): Promise<void>;
  /** Undoes exactly what `takeOut` did; safe to call when `takeOut` stopped half way. */
  restore(log: (line: string) => void): Promise<void>;
}

/** A Deployment of the app, as a drill scales it. */
export interface AppDeployment {
  readonly name: string;
  readonly namespace: string;
}

/** The label on everything a drill creates, so it can be found and removed. */
export const DRILL_LABEL = 'qcbm.io/drill';

/**
 * Through the TDCC hub: one Localization per Deployment in each lost cluster's hub namespace that sets
 * `/spec/replicas` to 0 (a Clusternet agent in its default Pull mode reverts a `kubectl scale` made on the
 * member cluster within seconds, so the change must come from the hub). Priority 999, above the fleet's own
 * overrides; restored by deleting them.
 */
export function hubTakeout(
  connectHub: () => Promise<KubernetesClient>,
  clusters: readonly { readonly name: string; readonly hubNamespace: string }[],
  deployments: readonly AppDeployment[],
  drillId: string,
): Takeout {
  const objects = clusters.flatMap((c) => scaleToZeroLocalizations(c.hubNamespace, deployments, drillId));
  const created: Manifest[] = [];
  const open = once(connectHub);
  return {
    method: 'hub',
    steps: objects.map(
      (o) =>
        `create Localization ${o.metadata?.namespace}/${o.metadata?.name} on the hub (replicas 0, priority ${OVERRIDE_PRIORITY.maxUser})`,
    ),
    async connect() {
      await open();
    },
    async takeOut(log) {
      const hub = await open();
      for (const o of objects) {
        await kubernetesCall(hub, `creating Localization ${o.metadata?.namespace}/${o.metadata?.name}`, () =>
          hub.custom.createNamespacedCustomObject({ ...localizationsIn(o), body: o }),
        );
        created.push(o);
        log(`created Localization ${o.metadata?.namespace}/${o.metadata?.name} on ${hub.server}`);
      }
    },
    async restore(log) {
      if (created.length === 0) return;
      const hub = await open();
      while (created.length > 0) {
        const o = created.pop() as Manifest;
        await kubernetesCall(hub, `deleting Localization ${o.metadata?.namespace}/${o.metadata?.name}`, () =>
          hub.custom.deleteNamespacedCustomObject({ ...localizationsIn(o), name: String(o.metadata?.name) }),
        );
        log(`deleted Localization ${o.metadata?.namespace}/${o.metadata?.name}`);
      }
    },
  };
}

/** The Localizations that scale the app's Deployments to 0 in one member cluster, built with the library's L2. */
export function scaleToZeroLocalizations(
  hubNamespace: string,
  deployments: readonly AppDeployment[],
  drillId: string,
): Manifest[] {
  const chart = new Chart(new App({ outdir: '.' }), 'drill', { disableResourceNameHashes: true });
  for (const d of deployments) {
    new Localization(chart, `${d.namespace}-${d.name}`, {
      name: `qcbm-drill-${d.name}`,
      hubNamespace,
      feed: Feed.fromReference({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: d.name,
        namespace: d.namespace,
      }),
      overrides: [
        Override.jsonPatch([{ op: 'replace', path: '/spec/replicas', value: 0 }], {
          name: 'drill-scale-to-zero',
        }),
      ],
      priority: OVERRIDE_PRIORITY.maxUser,
    });
  }
  return (chart.toJson() as Manifest[]).map((o) => ({
    ...o,
    metadata: { ...o.metadata, labels: { ...(o.metadata?.labels as object), [DRILL_LABEL]: drillId } },
  }));
}

/**
 * Directly, where the app is delivered straight to each cluster (no agent reverts it): each Deployment's scale
 * set to 0, and back to what it was.
 */
export function directTakeout(
  clusters: readonly { readonly name: string; readonly connect: () => Promise<KubernetesClient> }[],
  deployments: readonly AppDeployment[],
): Takeout {
  const open = once(() =>
    Promise.all(clusters.map(async (c) => ({ name: c.name, client: await c.connect() }))),
  );
  const previous: {
    cluster: string;
    client: KubernetesClient;
    deployment: AppDeployment;
    replicas: number;
  }[] = [];
  return {
    method: 'direct',
    steps: clusters.flatMap((c) =>
      deployments.map((d) => `scale Deployment ${d.namespace}/${d.name} in ${c.name} to 0`),
    ),
    async connect() {
      await open();
    },
    async takeOut(log) {
      for (const c of await open()) {
        for (const d of deployments) {
          const scale = await kubernetesCall(c.client, `reading the scale of ${d.namespace}/${d.name}`, () =>
            c.client.apps.readNamespacedDeploymentScale({ name: d.name, namespace: d.namespace }),
          );
          const replicas = scale.spec?.replicas ?? 0;
          await setReplicas(c.client, d, 0);
          previous.push({ cluster: c.name, client: c.client, deployment: d, replicas });
          log(`scaled Deployment ${d.namespace}/${d.name} in ${c.name} from ${replicas} to 0`);
        }
      }
    },
    async restore(log) {
      while (previous.length > 0) {
        const p = previous.pop() as (typeof previous)[number];
        await setReplicas(p.client, p.deployment, p.replicas);
        log(
          `scaled Deployment ${p.deployment.namespace}/${p.deployment.name} in ${p.cluster} back to ${p.replicas}`,
        );
      }
    },
  };
}

async function setReplicas(client: KubernetesClient, d: AppDeployment, replicas: number): Promise<void> {
  await kubernetesCall(client, `scaling ${d.namespace}/${d.name} to ${replicas}`, () =>
    client.apps.replaceNamespacedDeploymentScale({
      name: d.name,
      namespace: d.namespace,
      body: {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: d.name, namespace: d.namespace },
        spec: { replicas },
      },
    }),
  );
}

/** A lost cluster's address in its IGTM pool; either is undefined where the stack outputs were not given. */
export interface PoolAddress {
  readonly cluster: string;
  readonly poolId: number | undefined;
  readonly address: string | undefined;
}

type KnownPoolAddress = { readonly [K in keyof PoolAddress]: NonNullable<PoolAddress[K]> };

/** The step of one address; what is not known yet is named by its cluster. */
function disableStep(p: PoolAddress): string {
  const address = p.address ?? `the address of ${p.cluster}`;
  const pool = p.poolId === undefined ? 'its IGTM pool' : `IGTM pool ${p.poolId}`;
  return `disable ${address} in ${pool}${p.address === undefined ? '' : ` (${p.cluster})`}`;
}

/**
 * At the traffic layer: the region's addresses disabled in their IGTM pools (the pods keep running, so this
 * tests DNS alone), and enabled again. ModifyAddressPool replaces a pool's addresses, so each pool is read
 * first and written back whole, with only `IsEnable` changed.
 */
export function trafficTakeout(connectIgtm: () => IgtmApi, pools: readonly PoolAddress[]): Takeout {
  const disabled: KnownPoolAddress[] = [];
  const open = once(async () => {
    const unknown = pools.filter((p) => p.poolId === undefined || p.address === undefined);
    if (unknown.length > 0) {
      throw new UserError(
        `the IGTM pool or address of ${unknown.map((p) => p.cluster).join(', ')} is not known`,
        'give the stack outputs with --outputs',
      );
    }
    return { igtm: connectIgtm(), pools: pools as readonly KnownPoolAddress[] };
  });
  const setEnabled = async (
    igtm: IgtmApi,
    poolId: number,
    address: string,
    enable: boolean,
  ): Promise<string> => {
    const detail = await igtm.describeAddressPoolDetail(poolId);
    const addresses = detail.AddressSet ?? [];
    if (!addresses.some((a) => a.Addr === address)) {
      throw new UserError(
        `IGTM pool ${poolId} does not hold ${address} (it holds ${addresses.map((a) => a.Addr).join(', ') || 'nothing'})`,
        'check the stack outputs given with --outputs: they must be of the deployed stack',
      );
    }
    const set = addresses.map((a) => ({
      Addr: a.Addr,
      IsEnable: a.Addr === address ? (enable ? 'ENABLED' : 'DISABLED') : a.IsEnable,
      ...(a.AddressId === undefined ? {} : { AddressId: a.AddressId }),
      ...(a.Location === undefined ? {} : { Location: a.Location }),
      ...(a.Weight === undefined || a.Weight === null ? {} : { Weight: a.Weight }),
    }));
    const monitorId = detail.AddressPool?.MonitorId;
    const done = await igtm.modifyAddressPool(
      poolId,
      set,
      monitorId === undefined ? {} : { MonitorId: monitorId },
    );
    return done.RequestId;
  };
  return {
    method: 'traffic',
    steps: pools.map(disableStep),
    async connect() {
      await open();
    },
    async takeOut(log) {
      const { igtm, pools: known } = await open();
      for (const p of known) {
        const requestId = await setEnabled(igtm, p.poolId, p.address, false);
        disabled.push(p);
        log(`disabled ${p.address} in IGTM pool ${p.poolId} (${p.cluster}; request ${requestId})`);
      }
    },
    async restore(log) {
      if (disabled.length === 0) return;
      const { igtm } = await open();
      while (disabled.length > 0) {
        const p = disabled.pop() as KnownPoolAddress;
        const requestId = await setEnabled(igtm, p.poolId, p.address, true);
        log(`enabled ${p.address} in IGTM pool ${p.poolId} again (${p.cluster}; request ${requestId})`);
      }
    },
  };
}

/** Where a Localization lives in the hub's API. */
function localizationsIn(o: Manifest) {
  return {
    group: 'apps.clusternet.io',
    version: 'v1alpha1',
    namespace: String(o.metadata?.namespace),
    plural: 'localizations',
  };
}

/** `make`, called once, on first use. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
