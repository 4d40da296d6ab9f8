import * as pulumi from '@pulumi/pulumi';
import { FakeTencentCloud } from '../../../src/testing/fake-tencent-cloud';

/**
 * Runs `build` under fresh Pulumi mocks and waits until every registration reached the (fake) engine.
 * Load the modules under test inside `build` with `await import(...)`, after the mocks exist.
 */
export async function underMocks<T>(
  build: () => Promise<T> | T,
  config: Record<string, string> = {},
  secretKeys: string[] = [],
): Promise<{ cloud: FakeTencentCloud; result: T }> {
  const cloud = new FakeTencentCloud();
  await pulumi.runtime.setMocks(cloud, 'qcbm', 'test', false);
  pulumi.runtime.setAllConfig(config, secretKeys);
  const result = await build();
  await pulumi.runtime.disconnect();
  return { cloud, result };
}

export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Pulumi's secret envelope, as mocks receive secret inputs. */
export { isSecretEnvelope as isEnvelope } from '../../../src/testing/redact';
