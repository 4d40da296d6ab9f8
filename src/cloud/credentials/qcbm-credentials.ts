import * as pulumi from '@pulumi/pulumi';
import { RandomPassword } from '@pulumi/random/randomPassword';
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
}

/** Symbols both TencentDB for MySQL and for Redis accept in passwords. */
const PASSWORD_SYMBOLS = '-_!@#%^*';

/**
 * The fleet's database credentials: one MySQL account password and one Redis password shared by every
 * region, so that the app's one Secret is valid in every cluster. Every value is a Pulumi secret.
 */
export class QcbmCredentials extends pulumi.ComponentResource {
  public static readonly TYPE = QCBM_TYPES.credentials;

  public readonly mysqlAccount: string;
  public readonly mysqlPassword: pulumi.Output<string>;
  public readonly redisPassword: pulumi.Output<string>;
  /** The SkyWalking token (secret); undefined where none was given. */
  public readonly skywalkingToken: pulumi.Output<string> | undefined;

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
        .all([this.mysqlPassword, this.redisPassword, this.skywalkingToken])
        .apply(([mysqlPassword, redisPassword, token]) => ({
          mysqlAccount: this.mysqlAccount,
          mysqlPassword,
          redisPassword,
          swAgentAuthentication: token,
        })),
    );
  }
}
