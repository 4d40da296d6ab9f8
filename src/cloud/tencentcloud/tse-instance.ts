import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface TseInstanceArgs {
  /** `nacos`, `zookeeper` or `polaris`. */
  readonly engineType: pulumi.Input<string>;
  /** The open-source version, e.g. `2.0.3.4` for Nacos. */
  readonly engineVersion: pulumi.Input<string>;
  /** Nacos: `TRIAL` (one node) or `STANDARD` (3, 5 or 7 nodes). */
  readonly engineProductVersion: pulumi.Input<string>;
  /** The region the engine runs in, e.g. ap-guangzhou. */
  readonly engineRegion: pulumi.Input<string>;
  readonly engineName: pulumi.Input<string>;
  /** 0 postpaid; the API does not create prepaid (1) instances yet. */
  readonly tradeType: pulumi.Input<number>;
  /** The opaque spec id, e.g. `spec-1160a35a`. */
  readonly engineResourceSpec?: pulumi.Input<string>;
  readonly engineNodeNum?: pulumi.Input<number>;
  /** The VPC and subnet the engine's access address is taken from. */
  readonly vpcId?: pulumi.Input<string>;
  readonly subnetId?: pulumi.Input<string>;
  /** Client access from the internet. @default false */
  readonly enableClientInternetAccess?: pulumi.Input<boolean>;
  readonly tags?: Tags;
}

/**
 * A TSE engine (`tencentcloud_tse_instance`): here, a managed Nacos. Its only output is its id; the access address
 * comes from `getTseAccessAddress`. The schema has no password, security group or authentication input.
 */
export class TseInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.tseInstance;

  constructor(name: string, args: TseInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(TseInstance.TYPE, name, { ...args }, bindingOptions(opts));
  }
}
