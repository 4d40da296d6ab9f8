import type * as pulumi from '@pulumi/pulumi';
import type { Site } from '../../model/topology/sites';
import type { LinePlan } from '../../model/topology/traffic-plan';

/** What both traffic layers are built from: the fleet's plan and each cluster's checked address. */
export interface TrafficContext {
  /** Prefix of every logical name. */
  readonly name: string;
  /** The fleet's name; the names IGTM requires unique in the account carry it. */
  readonly environment: string;
  /** `app.ingressHost`. */
  readonly publishedName: string;
  /** The DNSPod zone of the published name. */
  readonly zone: string;
  /** Every DNSPod zone written into, by name: its name once the zone is seen or created (`createZones`). */
  readonly zones: Readonly<Record<string, pulumi.Output<string>>>;
  /** The published name without `.<zone>`. */
  readonly subDomain: string;
  readonly plan: readonly LinePlan[];
  readonly sites: readonly Site[];
  /** By cluster name, refused at run time when private or empty. */
  readonly addresses: Readonly<Record<string, pulumi.Output<string>>>;
}
