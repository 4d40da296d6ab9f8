import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

/** A DNS line the strategy answers: IGTM's numeric line id (`DescribeDnsLineList`; 1 is the default line). */
export interface IgtmStrategySource {
  readonly dnsLineId: pulumi.Input<number>;
  /** @default - none */
  readonly name?: pulumi.Input<string>;
}

export interface IgtmStrategyPoolRef {
  readonly poolId: pulumi.Input<number>;
  /** The pool's weight; an address's share is pool weight × address weight. @default - provider default */
  readonly weight?: pulumi.Input<number>;
}

/** One tier of pools. */
export interface IgtmStrategyPoolSet {
  readonly addressPools: pulumi.Input<pulumi.Input<IgtmStrategyPoolRef>[]>;
  /** @default - assigned by IGTM */
  readonly mainAddressPoolId?: pulumi.Input<number>;
  /** The tier is left when fewer healthy addresses than this remain. @default - provider default */
  readonly minSurviveNum?: pulumi.Input<number>;
  /** WEIGHT: pool weight × address weight; ALL: every healthy address, weight 1. @default - provider default */
  readonly trafficStrategy?: pulumi.Input<'ALL' | 'WEIGHT'>;
}

export interface IgtmStrategyArgs {
  /** Changing it replaces the strategy. */
  readonly instanceId: pulumi.Input<string>;
  /** Unique in the instance. */
  readonly strategyName: pulumi.Input<string>;
  readonly sources: pulumi.Input<pulumi.Input<IgtmStrategySource>[]>;
  /** At most four tiers, tried in order. */
  readonly mainAddressPoolSets: pulumi.Input<pulumi.Input<IgtmStrategyPoolSet>[]>;
  /** Exactly one tier with one pool: answered when every main tier is down. */
  readonly fallbackAddressPoolSets: pulumi.Input<pulumi.Input<IgtmStrategyPoolSet>[]>;
  /** ENABLED keeps the default line's records (one strategy of an instance at most). @default 'DISABLED' */
  readonly keepDomainRecords?: pulumi.Input<'ENABLED' | 'DISABLED'>;
  /** AUTO switches tiers on failure; STOP only alerts. @default 'AUTO' */
  readonly switchPoolType?: pulumi.Input<'AUTO' | 'STOP'>;
}

/** An IGTM strategy (`tencentcloud_igtm_strategy`): which pools answer which DNS lines. Its id is `<instanceId>#<strategyId>`. */
export class IgtmStrategy extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.igtmStrategy;
  declare public readonly strategyId: pulumi.Output<number>;

  constructor(name: string, args: IgtmStrategyArgs, opts?: pulumi.CustomResourceOptions) {
    super(IgtmStrategy.TYPE, name, withOutputs(args, ['strategyId']), bindingOptions(opts));
  }
}
