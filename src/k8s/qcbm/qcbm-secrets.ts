import { QCBM_DEFAULTS } from '../../model/qcbm-components';
import { hmacSecretChecksum, type SecretChecksum } from './pod-checksums';

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

/** How the pods' `checksum/secret` annotation follows the Secret (see `podChecksums`). */
export interface QcbmSecretsOptions {
  /**
   * A revision of the Secret, bumped by whoever changes it: the pods reading it are restarted when it changes.
   * With a Secret created out of band it is the only sign of a change synth can see.
   * @default '1' (QCBM_DEFAULTS.secretsRevision)
   */
  readonly revision?: string;
}

/** Properties for `QcbmSecrets.fromValues`. */
export interface QcbmSecretValuesOptions extends QcbmSecretsOptions {
  /**
   * The key of the HMAC-SHA256 over the values each pod reads, so a changed value restarts exactly the pods that
   * read it. Keep it as secret as the values (the Pulumi program generates one and keeps it in its state).
   * @default - no keyed hash: the annotation is the revision, and a changed value restarts nothing
   */
  readonly checksumKey?: string;
}

/**
 * Where the workloads' Secret comes from: MYSQL_ACCOUNT, MYSQL_PASSWORD, REDIS_PASSWORD, SW_AGENT_AUTHENTICATION,
 * NACOS_ACCOUNT and NACOS_PASSWORD for the services, and the NACOS_AUTH_* keys an in-cluster Nacos reads.
 */
export class QcbmSecrets {
  /** Reference a Secret created out of band: nothing secret is synthesized. */
  public static fromExistingSecret(
    name: string = QCBM_DEFAULTS.secretName,
    options: QcbmSecretsOptions = {},
  ): QcbmSecrets {
    return new QcbmSecrets(name, undefined, { revision: revisionOf(options) });
  }

  /**
   * Emit the Secret with these values (base64 in `data`, as the guide does). Use it where the output stays
   * secret, e.g. inside a Pulumi `apply` on secret Outputs; never with `cdk8s synth` to a git repository.
   */
  public static fromValues(
    values: QcbmSecretValues,
    name: string = QCBM_DEFAULTS.secretName,
    options: QcbmSecretValuesOptions = {},
  ): QcbmSecrets {
    const revision = revisionOf(options);
    const checksum =
      options.checksumKey === undefined ? { revision } : hmacSecretChecksum(options.checksumKey, revision);
    return new QcbmSecrets(name, { ...values }, checksum);
  }

  private constructor(
    public readonly secretName: string,
    private readonly values: QcbmSecretValues | undefined,
    private readonly checksum: SecretChecksum,
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

  /** How pods' annotations follow this Secret; signs without revealing its key. @internal */
  public _checksum(): SecretChecksum {
    return this.checksum;
  }
}

function revisionOf(options: QcbmSecretsOptions): string {
  return options.revision ?? QCBM_DEFAULTS.secretsRevision;
}
