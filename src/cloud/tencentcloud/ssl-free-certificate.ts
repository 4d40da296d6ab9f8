import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface SslFreeCertificateArgs {
  /** The one name the certificate is for (a free DV certificate covers a single name). */
  readonly domain: pulumi.Input<string>;
  /**
   * `DNS_AUTO`: the service writes the validation record into the account's DNSPod zone itself; `DNS`: you add it;
   * `FILE`: a file on the web server.
   */
  readonly dvAuthMethod: pulumi.Input<'DNS_AUTO' | 'DNS' | 'FILE'>;
  /** A remark in the console. @default - none */
  readonly alias?: pulumi.Input<string>;
  /** @default - the account's contact */
  readonly contactEmail?: pulumi.Input<string>;
  /** @default - the account's contact */
  readonly contactPhone?: pulumi.Input<string>;
  /** The certificate this one re-applies for. @default - none */
  readonly oldCertificateId?: pulumi.Input<string>;
  /** @default - the provider's (only `"83"`, TrustAsia TLS RSA CA, is offered) */
  readonly packageType?: pulumi.Input<string>;
  /** Months; only `"3"` is offered. @default - the provider's */
  readonly validityPeriod?: pulumi.Input<string>;
  readonly projectId?: pulumi.Input<number>;
}

/**
 * A free DV certificate (`tencentcloud_ssl_free_certificate`); its `id` is the certificate id. The provider cannot
 * delete one within an hour of its creation.
 */
export class SslFreeCertificate extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.sslFreeCertificate;
  /** 1 once approved; see the schema for the others. */
  declare public readonly status: pulumi.Output<number>;
  declare public readonly certEndTime: pulumi.Output<string>;
  /** The issued key: secret here, though the provider does not flag it. */
  declare public readonly certificatePrivateKey: pulumi.Output<string>;

  constructor(name: string, args: SslFreeCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      SslFreeCertificate.TYPE,
      name,
      withOutputs(args, [
        'status',
        'statusMsg',
        'certBeginTime',
        'certEndTime',
        'certificatePrivateKey',
        'certificatePublicKey',
        'deployable',
        'renewable',
        'dvAuths',
      ]),
      bindingOptions(opts, ['certificatePrivateKey', 'csrKeyPassword']),
    );
  }
}
