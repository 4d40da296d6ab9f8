import * as pulumi from '@pulumi/pulumi';
import { TENCENTCLOUD_PLUGIN_SERVER, TENCENTCLOUD_PLUGIN_VERSION } from './binding';
import { TENCENTCLOUD_PACKAGE, TENCENTCLOUD_PROVIDER_TYPE } from './type-tokens';

export interface TencentCloudProviderArgs {
  /** The region every resource of this provider lives in, e.g. ap-guangzhou. */
  readonly region: pulumi.Input<string>;
  /** @default - the plugin reads TENCENTCLOUD_SECRET_ID (explicit providers ignore the tencentcloud:* stack config) */
  readonly secretId?: pulumi.Input<string>;
  /** Kept secret in state. @default - the plugin reads TENCENTCLOUD_SECRET_KEY */
  readonly secretKey?: pulumi.Input<string>;
}

/** An explicit Tencent Cloud provider; create one per region and pass it to that region's resources. */
export class TencentCloudProvider extends pulumi.ProviderResource {
  /** The type token the provider registers under. */
  public static readonly TYPE = TENCENTCLOUD_PROVIDER_TYPE;

  constructor(name: string, args: TencentCloudProviderArgs, opts?: pulumi.ResourceOptions) {
    const props: pulumi.Inputs = { region: args.region, secretId: args.secretId };
    if (args.secretKey != null) props.secretKey = pulumi.secret(args.secretKey);
    super(TENCENTCLOUD_PACKAGE, name, props, {
      ...opts,
      version: TENCENTCLOUD_PLUGIN_VERSION,
      pluginDownloadURL: TENCENTCLOUD_PLUGIN_SERVER,
    });
  }
}
