import { z } from 'zod';
import * as field from './fields';
import { QCBM_DEFAULTS } from './qcbm-components';

/**
 * The pods' image pull secret (`fleet.app.imagePullSecret`). `none` (the default): the pods reference no pull
 * secret, for a registry that serves the images without credentials. `existing`: a Secret of type
 * kubernetes.io/dockerconfigjson that exists in the app's namespace of every cluster, created out of band (the TDCC
 * guide's `qcloudregistrykey`); a plain name is short for it. `pulumi`: the Pulumi program creates that Secret from
 * the secret config `qcbm:registryUsername` and `qcbm:registryPassword`, for the host of `fleet.app.registry`.
 */
export const imagePullSecretSchema = z
  .preprocess(
    (value) => (typeof value === 'string' ? { source: 'existing', name: value } : value),
    z.discriminatedUnion('source', [
      z.strictObject({ source: z.literal('none') }),
      z.strictObject({
        source: z.enum(['existing', 'pulumi']),
        name: field.dnsSubdomain.default(QCBM_DEFAULTS.imagePullSecret),
      }),
    ]),
  )
  .prefault({ source: 'none' });

export type ImagePullSecretConfig = z.output<typeof imagePullSecretSchema>;

/** The name the pods reference, or undefined where they reference none. */
export function pullSecretName(config: ImagePullSecretConfig): string | undefined {
  return config.source === 'none' ? undefined : config.name;
}

/** The registry host a pull secret is for: `ccr.ccs.tencentyun.com` of `ccr.ccs.tencentyun.com/qcbm`. */
export function registryHost(registry: string): string {
  return registry.replace(/^[a-z]+:\/\//i, '').split('/')[0];
}
