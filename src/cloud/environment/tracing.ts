import * as pulumi from '@pulumi/pulumi';
import type { ClusterRuntime } from '../../model/cluster-runtime';
import { parseCollectorUrl } from '../../model/collector-address';
import type { Endpoint } from '../../model/fields';
import type { Fleet } from '../../model/fleet-schema';
import { consoleNames, tracingNames } from '../../model/resource-names';
import { ApmInstance } from '../tencentcloud/apm-instance';
import type { TencentCloudProvider } from '../tencentcloud/provider';

/** The collector every cluster reports to and the token it reports with, from the APM instance created. */
export interface ManagedTracing {
  readonly instance: ApmInstance;
  /** `host:port` of its public collector, as SkyWalking's agent takes it. */
  readonly collector: pulumi.Output<Endpoint>;
  /** Its token (secret). */
  readonly token: pulumi.Output<string>;
}

/**
 * The APM instance of `fleet.cloud.tracing.mode: managed`, created with the provider of its region; undefined for
 * declared collectors.
 */
export function createTracing(
  name: string,
  fleet: Fleet,
  provider: TencentCloudProvider,
  parent?: pulumi.Resource,
): ManagedTracing | undefined {
  const tracing = fleet.cloud.tracing;
  if (tracing.mode !== 'managed') return undefined;
  const instance = new ApmInstance(
    tracingNames(name).apm,
    {
      name: consoleNames.apm(fleet.name),
      description: `QCBM ${fleet.name}: traces of every cluster`,
      traceDuration: tracing.traceDurationDays,
      spanDailyCounters: tracing.spanDailyCounters,
      tags: { app: 'qcbm' },
    },
    { ...(parent ? { parent } : {}), provider },
  );
  const collector = instance.publicCollectorUrl.apply((url) => {
    try {
      return parseCollectorUrl(url ?? '');
    } catch (e) {
      throw new pulumi.ResourceError((e as Error).message, instance);
    }
  });
  return { instance, collector, token: pulumi.secret(instance.token) };
}

/**
 * A cluster's run-time values with the APM instance's collector as its `endpoints.skywalking`; as they are for
 * declared collectors (`tracing` undefined).
 */
export function withCollector(
  runtime: pulumi.Input<ClusterRuntime> | undefined,
  tracing: ManagedTracing | undefined,
): pulumi.Output<ClusterRuntime> {
  const produced = pulumi.output(runtime ?? {}) as pulumi.Output<ClusterRuntime>;
  if (!tracing) return produced;
  return pulumi.all([produced, tracing.collector]).apply(([values, skywalking]) => ({
    ...values,
    endpoints: { ...values.endpoints, skywalking },
  }));
}
