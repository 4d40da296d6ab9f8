import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface SslCertificateArgs {
  /** The certificate chain, PEM, without a newline at the start or end. */
  readonly cert: pulumi.Input<string>;
  /** `SVR` (a server certificate, with `key`) or `CA`. */
  readonly type: pulumi.Input<'SVR' | 'CA'>;
  /** The private key, PEM; required for `SVR`. Kept secret in state. */
  readonly key?: pulumi.Input<string>;
  /** The name in the SSL certificate console. @default - none */
  readonly name?: pulumi.Input<string>;
  /** @default 0 */
  readonly projectId?: pulumi.Input<number>;
  readonly tags?: Tags;
}

/**
 * A certificate uploaded to the SSL certificate service (`tencentcloud_ssl_certificate`); its `id` is what a CLB
 * listener, and TKE's ingress controller through `qcloud_cert_id`, bind.
 */
export class SslCertificate extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.sslCertificate;
  /** The primary domain the certificate is for. */
  declare public readonly domain: pulumi.Output<string>;
  /** Every name it covers. */
  declare public readonly subjectNames: pulumi.Output<string[]>;
  declare public readonly endTime: pulumi.Output<string>;
  declare public readonly status: pulumi.Output<number>;

  constructor(name: string, args: SslCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      SslCertificate.TYPE,
      name,
      withOutputs({ ...args, ...(args.key === undefined ? {} : { key: pulumi.secret(args.key) }) }, [
        'domain',
        'subjectNames',
        'beginTime',
        'endTime',
        'status',
        'createTime',
        'productZhName',
      ]),
      bindingOptions(opts, ['key']),
    );
  }
}
