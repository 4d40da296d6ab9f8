import * as pulumi from '@pulumi/pulumi';

/** The Tencent Cloud provider plugin these bindings were written against (pulumi-tencentcloud SDK v0.2.3). */
export const TENCENTCLOUD_PLUGIN_VERSION = '0.2.3';
/** Where `pulumi` downloads the plugin from: it is not on Pulumi's own plugin server. */
export const TENCENTCLOUD_PLUGIN_SERVER = 'github://api.github.com/tencentcloudstack';

/**
 * Options every binding passes to the engine: the plugin version and server (as the generated SDK's
 * resourceOptsDefaults does) and the outputs to keep secret in state.
 */
export function bindingOptions(
  opts: pulumi.CustomResourceOptions | undefined,
  secretOutputs: readonly string[] = [],
): pulumi.CustomResourceOptions {
  const merged: pulumi.CustomResourceOptions = pulumi.mergeOptions(
    { version: TENCENTCLOUD_PLUGIN_VERSION, pluginDownloadURL: TENCENTCLOUD_PLUGIN_SERVER },
    opts ?? {},
  );
  if (secretOutputs.length === 0) return merged;
  return {
    ...merged,
    additionalSecretOutputs: [...(merged.additionalSecretOutputs ?? []), ...secretOutputs],
  };
}

/** The engine fills only the properties it is given, so output-only properties are passed as undefined. */
export function withOutputs(args: object, outputs: readonly string[]): pulumi.Inputs {
  return { ...Object.fromEntries(outputs.map((o) => [o, undefined])), ...args } as pulumi.Inputs;
}

/** Tags every resource of this library carries. */
export type Tags = pulumi.Input<Record<string, pulumi.Input<string>>>;
