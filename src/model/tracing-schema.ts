import { z } from 'zod';
import * as field from './fields';
import * as f from './formats';

/**
 * What an APM instance the stack creates is given where the fleet does not say: the values of the provider's own
 * example (`tencentcloud:Apm/instance:Instance`: seven days of traces, `spanDailyCounters` 0).
 */
export const TRACING_DEFAULTS = { traceDurationDays: 7, spanDailyCounters: 0 } as const;

/** How the nodes reach a declared collector: inside the network, or over the internet. */
export const COLLECTOR_NETWORKS = ['intranet', 'internet'] as const;
export type CollectorNetwork = (typeof COLLECTOR_NETWORKS)[number];

const positiveDays = z.number().refine((n) => Number.isInteger(n) && n > 0, {
  message: 'must be a whole number of days above 0',
  params: { fix: `give how many days APM keeps traces, e.g. ${TRACING_DEFAULTS.traceDurationDays}` },
});

/**
 * Where the services send their traces (SkyWalking: SW_AGENT_COLLECTOR_BACKEND_SERVICES and the token in
 * SW_AGENT_AUTHENTICATION). `external`: each cluster's `endpoints.skywalking`, with the token from the secret config
 * `qcbm:skywalkingToken`. `managed`: an APM instance this stack creates; the collector address and the token come
 * from its outputs, for every cluster.
 */
export const tracingSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('external'),
      /**
       * How the nodes reach the declared collectors.
       * @default - judged from each host: a private IPv4 address or a cluster-local name (`.svc`, `.cluster.local`,
       * a single label) is `intranet`; any other name or address is `internet`
       */
      network: z.enum(COLLECTOR_NETWORKS).optional(),
    }),
    z.strictObject({
      mode: z.literal('managed'),
      /** The region the APM instance is created in. @default - `accountWideRegion(fleet)` */
      region: field.formatted(f.REGION).optional(),
      /** How long APM keeps traces. @default 7 */
      traceDurationDays: positiveDays.default(TRACING_DEFAULTS.traceDurationDays),
      /** The instance's daily reporting quota (`spanDailyCounters`). @default 0 */
      spanDailyCounters: z.number().int().min(0).default(TRACING_DEFAULTS.spanDailyCounters),
    }),
  ])
  .prefault({ mode: 'external' });

export type TracingConfig = z.output<typeof tracingSchema>;

/**
 * How a site's nodes reach the internet. TKE nodes here get no public IP: `none` leaves the site without a route
 * out; `nat` creates a NAT gateway (with its EIP) and a route table for the node subnet whose default route
 * (0.0.0.0/0) goes through it.
 */
export const EGRESS_MODES = ['none', 'nat'] as const;
export type EgressMode = (typeof EGRESS_MODES)[number];
export const egressSchema = z.enum(EGRESS_MODES).default('none');
