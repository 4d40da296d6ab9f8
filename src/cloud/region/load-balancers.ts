import type * as pulumi from '@pulumi/pulumi';
import { type ClbRole, clbName, siteResourceNames } from '../../model/resource-names';
import { ClbInstance } from '../tencentcloud/clb-instance';
import type { ChildOptions, RegionTags } from './child-options';

export interface CreateLoadBalancersArgs {
  /** Goes into the CLB names, which must be unique in the region and account (validated). */
  readonly environment: string;
  /** Where the region holds two sites of the environment: this site's name, also in the CLB names. @default - none */
  readonly site?: string;
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
  const clb = (role: ClbRole, networkType: 'OPEN' | 'INTERNAL') =>
    new ClbInstance(
      siteResourceNames(name).clb(role),
      {
        clbName: clbName(args.environment, role, args.site),
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
