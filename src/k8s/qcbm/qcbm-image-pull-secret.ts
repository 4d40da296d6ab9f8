import { QCBM_DEFAULTS } from '../../model/qcbm-components';

/** A registry account, raw (not base64). */
export interface RegistryCredentials {
  /** The registry host the account is for, e.g. `ccr.ccs.tencentyun.com`. */
  readonly server: string;
  readonly username: string;
  readonly password: string;
}

/** What the pods pull their images with: nothing, a Secret that exists, or one the app emits. */
export class QcbmImagePullSecret {
  /** The pods reference no pull secret: for a registry that serves the images without credentials. */
  public static none(): QcbmImagePullSecret {
    return new QcbmImagePullSecret(undefined, undefined);
  }

  /** Reference a kubernetes.io/dockerconfigjson Secret that exists in the app's namespace, created out of band. */
  public static fromExistingSecret(name: string = QCBM_DEFAULTS.imagePullSecret): QcbmImagePullSecret {
    return new QcbmImagePullSecret(name, undefined);
  }

  /**
   * Emit the kubernetes.io/dockerconfigjson Secret for this account and reference it. Use it where the output stays
   * secret, e.g. inside a Pulumi `apply` on secret Outputs; never with `cdk8s synth` to a git repository.
   */
  public static fromCredentials(
    credentials: RegistryCredentials,
    name: string = QCBM_DEFAULTS.imagePullSecret,
  ): QcbmImagePullSecret {
    return new QcbmImagePullSecret(name, { ...credentials });
  }

  private constructor(
    /** The Secret the pods reference; undefined where they reference none. */
    public readonly secretName: string | undefined,
    private readonly credentials: RegistryCredentials | undefined,
  ) {}

  /** The Secret's `data` (`.dockerconfigjson`, base64), or undefined where it is not emitted. @internal */
  public _data(): Record<string, string> | undefined {
    if (!this.credentials) return undefined;
    const { server, username, password } = this.credentials;
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    const config = { auths: { [server]: { username, password, auth: b64(`${username}:${password}`) } } };
    return { '.dockerconfigjson': b64(JSON.stringify(config)) };
  }
}
