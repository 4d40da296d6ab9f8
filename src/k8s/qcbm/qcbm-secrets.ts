import { QCBM_DEFAULTS } from '../../model/qcbm-components';

/** The values of the app's Secret, raw (not base64). */
export interface QcbmSecretValues {
  readonly mysqlAccount: string;
  readonly mysqlPassword: string;
  readonly redisPassword: string;
  /** The SkyWalking / TSW token. */
  readonly swAgentAuthentication: string;
  /** The Nacos user the services register as (NACOS_ACCOUNT). @default - left out: the services use `nacos` */
  readonly nacosAccount?: string;
  /** Its password (NACOS_PASSWORD). @default - left out: the services use `nacos` */
  readonly nacosPassword?: string;
  /**
   * What an in-cluster Nacos needs (NACOS_AUTH_TOKEN, NACOS_AUTH_IDENTITY_KEY, NACOS_AUTH_IDENTITY_VALUE): the key
   * its tokens are signed with (base64 of at least 32 bytes) and its members' identity header.
   * @default - left out: no in-cluster Nacos reads this Secret
   */
  readonly nacosServer?: {
    readonly authToken: string;
    readonly identityKey: string;
    readonly identityValue: string;
  };
}

/**
 * Where the workloads' Secret comes from: MYSQL_ACCOUNT, MYSQL_PASSWORD, REDIS_PASSWORD, SW_AGENT_AUTHENTICATION,
 * NACOS_ACCOUNT and NACOS_PASSWORD for the services, and the NACOS_AUTH_* keys an in-cluster Nacos reads.
 */
export class QcbmSecrets {
  /** Reference a Secret created out of band: nothing secret is synthesized. */
  public static fromExistingSecret(name: string = QCBM_DEFAULTS.secretName): QcbmSecrets {
    return new QcbmSecrets(name, undefined);
  }

  /**
   * Emit the Secret with these values (base64 in `data`, as the guide does). Use it where the output stays
   * secret, e.g. inside a Pulumi `apply` on secret Outputs; never with `cdk8s synth` to a git repository.
   */
  public static fromValues(values: QcbmSecretValues, name: string = QCBM_DEFAULTS.secretName): QcbmSecrets {
    return new QcbmSecrets(name, { ...values });
  }

  private constructor(
    public readonly secretName: string,
    private readonly values: QcbmSecretValues | undefined,
  ) {}

  /** The Secret's `data`, or undefined when the Secret is referenced, not emitted. @internal */
  public _data(): Record<string, string> | undefined {
    if (!this.values) return undefined;
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    return {
      MYSQL_ACCOUNT: b64(this.values.mysqlAccount),
      MYSQL_PASSWORD: b64(this.values.mysqlPassword),
      REDIS_PASSWORD: b64(this.values.redisPassword),
      SW_AGENT_AUTHENTICATION: b64(this.values.swAgentAuthentication),
      ...(this.values.nacosAccount === undefined ? {} : { NACOS_ACCOUNT: b64(this.values.nacosAccount) }),
      ...(this.values.nacosPassword === undefined ? {} : { NACOS_PASSWORD: b64(this.values.nacosPassword) }),
      ...(this.values.nacosServer === undefined
        ? {}
        : {
            NACOS_AUTH_TOKEN: b64(this.values.nacosServer.authToken),
            NACOS_AUTH_IDENTITY_KEY: b64(this.values.nacosServer.identityKey),
            NACOS_AUTH_IDENTITY_VALUE: b64(this.values.nacosServer.identityValue),
          }),
    };
  }
}
