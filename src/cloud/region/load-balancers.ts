import type * as pulumi from '@pulumi/pulumi';
import { ClbInstance } from '../tencentcloud/clb-instance';
import type { ChildOptions, RegionTags } from './child-options';

export interface CreateLoadBalancersArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The internal CLB gets its address here (the node subnet). */
  readonly internalSubnetId: pulumi.Input<string>;
  readonly tags: RegionTags;
}

/** What `createLoadBalancers` creates. */
export interface RegionLoadBalancers {
  /** Public, in front of the Ingress (TKE attaches it by annotation). */
  readonly ingress: ClbInstance;
  /** Internal, in front of the api-gateway Service. */
  readonly gateway: ClbInstance;
}

/** The region's two CLBs; TKE attaches the Ingress and the api-gateway Service to them by annotation. */
export function createLoadBalancers(
  name: string,
  args: CreateLoadBalancersArgs,
  opts: ChildOptions,
): RegionLoadBalancers {
  const clb = (role: string, networkType: 'OPEN' | 'INTERNAL') =>
    new ClbInstance(
      `${name}-${role}-clb`,
      {
        clbName: `qcbm-${role}`,
        networkType,
        vpcId: args.vpcId,
        ...(networkType === 'INTERNAL' ? { subnetId: args.internalSubnetId } : {}),
        loadBalancerPassToTarget: true,
        tags: args.tags,
      },
      opts,
    );
  return { ingress: clb('ingress', 'OPEN'), gateway: clb('gateway', 'INTERNAL') };
}
