import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface ApmInstanceArgs {
  readonly name?: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
  /** How long traces are kept, in days. @default - provider default */
  readonly traceDuration?: pulumi.Input<number>;
  /** The instance's reporting quota. @default - provider default */
  readonly spanDailyCounters?: pulumi.Input<number>;
  /** 0 pay-as-you-go, 1 prepaid (needs a whitelist). @default - 0 */
  readonly payMode?: pulumi.Input<number>;
  readonly tags?: Tags;
}

/**
 * An APM instance (`tencentcloud_apm_instance`): a SkyWalking-compatible collector for traces. Its `token`
 * authenticates reporters; the schema does not flag it secret, the binding keeps it secret.
 */
export class ApmInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.apmInstance;
  /** The address reporters use from the internet (the provider gives no intranet one). */
  declare public readonly publicCollectorUrl: pulumi.Output<string>;
  /** The token reporters authenticate with (secret). */
  declare public readonly token: pulumi.Output<string>;

  constructor(name: string, args: ApmInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      ApmInstance.TYPE,
      name,
      withOutputs(args, ['publicCollectorUrl', 'token']),
      bindingOptions(opts, ['token']),
    );
  }
}
