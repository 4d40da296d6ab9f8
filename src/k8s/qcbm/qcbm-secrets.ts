import { QCBM_DEFAULTS } from '../../model/qcbm-components';

/** The values of the app's Secret, raw (not base64). */
export interface QcbmSecretValues {
  readonly mysqlAccount: string;
  readonly mysqlPassword: string;
  readonly redisPassword: string;
  /** The SkyWalking / TSW token. */
  readonly swAgentAuthentication: string;
}

/** Where the workloads' Secret (MYSQL_ACCOUNT, MYSQL_PASSWORD, REDIS_PASSWORD, SW_AGENT_AUTHENTICATION) comes from. */
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
    };
  }
}
