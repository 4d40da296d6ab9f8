import * as pulumi from '@pulumi/pulumi';
import type { SynthesizedFleet } from '../../k8s/fleet/synthesize-fleet';
import type { Fleet } from '../../model/fleet-schema';
import { kubernetesClient } from '../../ops/kubernetes/client';
import { type ExpectedDeployment, waitForHubDeployments } from '../../ops/kubernetes/hub-readiness';

/** What a hub readiness check is given, once the distribution objects are on the hub. */
export interface HubReadinessInput {
  readonly hubKubeconfig: string;
  readonly subscription: { readonly name: string; readonly namespace: string };
  readonly expected: readonly ExpectedDeployment[];
  readonly timeoutMs: number;
}

/** Resolves once the app is ready in every member cluster; rejects (failing `pulumi up`) otherwise. */
export type HubReadinessCheck = (input: HubReadinessInput) => Promise<void>;

/**
 * The default check: during `pulumi up` (not in a preview, not under mocks, which is how the offline plan and the
 * tests run), wait for the hub's Subscription to report every Deployment ready in every member cluster
 * (`waitForHubDeployments`). Not rehearsed on a real hub.
 */
export const waitOnHub: HubReadinessCheck = async (input) => {
  if (pulumi.runtime.isDryRun() || underMocks()) return;
  const hub = await kubernetesClient(input.hubKubeconfig, 'the TDCC hub');
  await waitForHubDeployments(hub, {
    subscription: input.subscription,
    expected: input.expected,
    timeoutMs: input.timeoutMs,
  });
};

/**
 * Whether the program runs under `pulumi.runtime.setMocks` (the offline plan, tests): the mock monitor is the one
 * that keeps the resources it was given. Duck-typed, since a test may load the SDK twice (`jest.isolateModules`).
 */
function underMocks(): boolean {
  const monitor = pulumi.runtime.getMonitor() as { getRegisteredResources?: unknown } | undefined;
  return typeof monitor?.getRegisteredResources === 'function';
}

/** What `hubReadinessOf` waits on and checks. */
export interface HubReadinessArgs {
  readonly fleet: Fleet;
  /** What must exist on the hub first: the distribution objects. */
  readonly after: pulumi.Resource;
  readonly hubKubeconfig: pulumi.Input<string | undefined>;
  readonly synthesized: pulumi.Output<SynthesizedFleet>;
  readonly check: HubReadinessCheck;
  readonly timeoutMs: number;
}

/**
 * An Output that resolves to 'ready' once `check` says the app is ready in every member cluster, and rejects with
 * the check's error otherwise. Registered as an output of the delivery component, it keeps `pulumi up` running
 * until the check ends, and its rejection fails it.
 */
export function hubReadinessOf(args: HubReadinessArgs): pulumi.Output<string> {
  const { fleet } = args;
  // The URN resolves once the resource is created: only then can the members start.
  return pulumi
    .all([args.after.urn, pulumi.secret(pulumi.output(args.hubKubeconfig)), args.synthesized])
    .apply(async ([, hubKubeconfig, synthesized]) => {
      await args.check({
        hubKubeconfig: hubKubeconfig ?? '',
        subscription: {
          name: fleet.distribution.subscriptionName,
          namespace: fleet.distribution.subscriptionNamespace,
        },
        expected: expectedDeployments(fleet, synthesized),
        timeoutMs: args.timeoutMs,
      });
      return 'ready';
    });
}

/** Every Deployment each member cluster runs, with the replicas its rendering asks for, in fleet order. */
export function expectedDeployments(fleet: Fleet, synthesized: SynthesizedFleet): ExpectedDeployment[] {
  return fleet.clusters.flatMap((cluster) =>
    (synthesized.clusters[cluster.name] ?? [])
      .filter((o) => o.kind === 'Deployment')
      .map((o) => {
        const spec = (o as { spec?: { replicas?: number } }).spec;
        return {
          cluster: cluster.name,
          clusterId: cluster.clusterId,
          namespace: String(o.metadata?.namespace ?? fleet.app.namespace),
          name: String(o.metadata?.name),
          replicas: spec?.replicas ?? 1,
        };
      }),
  );
}
