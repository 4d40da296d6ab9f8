import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface ClbListenerArgs {
  readonly clbId: pulumi.Input<string>;
  readonly listenerName: pulumi.Input<string>;
  /** TCP, UDP, HTTP, HTTPS or TCP_SSL. */
  readonly protocol: pulumi.Input<string>;
  readonly port?: pulumi.Input<number>;
  readonly healthCheckSwitch?: pulumi.Input<boolean>;
  readonly healthCheckIntervalTime?: pulumi.Input<number>;
  readonly healthCheckTimeOut?: pulumi.Input<number>;
  readonly scheduler?: pulumi.Input<string>;
}

/** A CLB listener (`tencentcloud_clb_listener`), only for CLBs that TKE does not manage. */
export class ClbListener extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.clbListener;
  /** Use this, not `id` (which is `clbId#listenerId`). */
  declare public readonly listenerId: pulumi.Output<string>;

  constructor(name: string, args: ClbListenerArgs, opts?: pulumi.CustomResourceOptions) {
    super(ClbListener.TYPE, name, withOutputs(args, ['listenerId']), bindingOptions(opts));
  }
}
