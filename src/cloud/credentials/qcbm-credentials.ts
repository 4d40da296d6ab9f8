import * as pulumi from '@pulumi/pulumi';
import { RandomBytes } from '@pulumi/random/randomBytes';
import { RandomPassword } from '@pulumi/random/randomPassword';
import { REGISTRY_DEFAULTS } from '../../model/registry-schema';
import { credentialNames } from '../../model/resource-names';
import { QCBM_TYPES } from '../type-tokens';

export interface QcbmCredentialsArgs {
  /**
   * The MySQL account password. Needed when a MySQL the stack does not create is used, or when the app's
   * Secret is created out of band (someone has to know it).
   * @default - generated (16 characters, letters, digits and symbols TencentDB accepts)
   */
  readonly mysqlPassword?: pulumi.Input<string>;
  /** @default - generated, like the MySQL password (TencentDB for Redis takes 8 to 16 characters) */
  readonly redisPassword?: pulumi.Input<string>;
  /**
   * The MySQL account the services use.
   * @default 'qcbm'
   */
  readonly mysqlAccount?: string;
  /**
   * The SkyWalking token the services report traces with: an APM instance's `token`, or the secret config
   * `qcbm:skywalkingToken` of declared collectors ('' for a collector without authentication).
   * @default - none: `secretValues()` refuses, since the app's Secret would carry no token
   */
  readonly skywalkingToken?: pulumi.Input<string>;
  /**
   * The password the services log in to Nacos with (NACOS_PASSWORD; the user is `nacos`).
   * @default - generated where `generateNacosPassword`, else Nacos's default `nacos`
   */
  readonly nacosPassword?: pulumi.Input<string>;
  /**
   * Generate the Nacos password when none is given: the stack sets it on every registry it could matter to
   * (`generatesNacosPassword`).
   * @default false
   */
  readonly generateNacosPassword?: boolean;
  /**
   * Generate what an in-cluster Nacos needs: the key its tokens are signed with (32 random bytes, base64) and its
   * members' identity value.
   * @default false
   */
  readonly nacosServer?: boolean;
}

/** The header an in-cluster Nacos's members send each other (NACOS_AUTH_IDENTITY_KEY); its value is generated. */
export const NACOS_IDENTITY_KEY = 'qcbm-nacos-identity';

/** Symbols both TencentDB for MySQL and for Redis accept in passwords. */
const PASSWORD_SYMBOLS = '-_!@#%^*';

/**
 * The fleet's credentials: one MySQL account password, one Redis password and one Nacos login shared by every
 * region, so that the app's one Secret is valid in every cluster, and the keys an in-cluster Nacos needs. Every
 * value is a Pulumi secret.
 */
export class QcbmCredentials extends pulumi.ComponentResource {
  public static readonly TYPE = QCBM_TYPES.credentials;

  public readonly mysqlAccount: string;
  public readonly mysqlPassword: pulumi.Output<string>;
  public readonly redisPassword: pulumi.Output<string>;
  /** The SkyWalking token (secret); undefined where none was given. */
  public readonly skywalkingToken: pulumi.Output<string> | undefined;
  /** The Nacos user the services log in as. */
  public readonly nacosAccount: string;
  public readonly nacosPassword: pulumi.Output<string>;
  /** What an in-cluster Nacos reads; undefined where none is asked for. */
  public readonly nacosServer:
    pulumi.Output<{ authToken: string; identityKey: string; identityValue: string }> | undefined;

  constructor(name: string, args: QcbmCredentialsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(QcbmCredentials.TYPE, name, {}, opts);
    const names = credentialNames(name);
    const generate = (logicalName: string) =>
      new RandomPassword(
        logicalName,
        {
          length: 16,
          special: true,
          overrideSpecial: PASSWORD_SYMBOLS,
          minLower: 1,
          minUpper: 1,
          minNumeric: 1,
          minSpecial: 1,
        },
        { parent: this },
      ).result;
    this.mysqlAccount = args.mysqlAccount ?? 'qcbm';
    this.mysqlPassword = pulumi.secret(args.mysqlPassword ?? generate(names.mysqlPassword));
    this.redisPassword = pulumi.secret(args.redisPassword ?? generate(names.redisPassword));
    this.skywalkingToken =
      args.skywalkingToken === undefined ? undefined : pulumi.secret(args.skywalkingToken);
    this.nacosAccount = REGISTRY_DEFAULTS.account;
    this.nacosPassword = pulumi.secret(
      args.nacosPassword ??
        (args.generateNacosPassword ? generate(names.nacosPassword) : REGISTRY_DEFAULTS.account),
    );
    this.nacosServer = args.nacosServer
      ? pulumi.secret(
          pulumi
            .all([
              new RandomBytes(names.nacosAuthToken, { length: 32 }, { parent: this }).base64,
              new RandomPassword(names.nacosIdentity, { length: 32, special: false }, { parent: this })
                .result,
            ])
            .apply(([authToken, identityValue]) => ({
              authToken,
              identityKey: NACOS_IDENTITY_KEY,
              identityValue,
            })),
        )
      : undefined;
    this.registerOutputs({});
  }

  /**
   * The app Secret's values (all secret).
   * @throws ResourceError where no SkyWalking token was given: a Secret without it would silently send no trace
   */
  public secretValues() {
    if (this.skywalkingToken === undefined) {
      throw new pulumi.ResourceError(
        'no SkyWalking token for the app\'s Secret: pass skywalkingToken (the program reads the secret config qcbm:skywalkingToken; "" for a collector without authentication), or let the stack create an APM instance (fleet.cloud.tracing.mode "managed")',
        this,
      );
    }
    return pulumi.secret(
      pulumi
        .all([
          this.mysqlPassword,
          this.redisPassword,
          this.skywalkingToken,
          this.nacosPassword,
          this.nacosServer,
        ])
        .apply(([mysqlPassword, redisPassword, token, nacosPassword, nacosServer]) => ({
          mysqlAccount: this.mysqlAccount,
          mysqlPassword,
          redisPassword,
          swAgentAuthentication: token,
          nacosAccount: this.nacosAccount,
          nacosPassword,
          ...(nacosServer ? { nacosServer } : {}),
        })),
    );
  }
}
