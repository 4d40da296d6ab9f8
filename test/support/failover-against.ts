import { join } from 'path';
import { loadFleetFromStackFile } from '../../src/model';
import { type FailoverOptions, runFailover } from '../../src/ops/failover';
import { DR, PRIMARY } from './fake-cdb';
import { privateDnsHandlers } from './fake-private-dns';
import { type FakeCall, type FakeHandler, startFakeTencentApi } from './fake-tencent-api';
import { REPO_ROOT } from './repo-root';

// The failover runbook through the real Tencent Cloud SDK against the fake API on 127.0.0.1, for the tests of
// test/ops/failover*.test.ts.

/** The API key's secret the runs use: it must never be printed. */
export const FAKE_SECRET_KEY = 'sEcReT-kEy-never-printed-0123456789';

/** The clock of the runs: the promotion record's `at`, the end of the lag reading's window. */
export const FAILOVER_NOW = new Date('2026-12-04T03:12:45.678Z');

export const prodFleet = () => loadFleetFromStackFile(join(REPO_ROOT, 'Pulumi.prod.yaml'));

/** Each call as `<action>@<region>`. */
export const callSummary = (calls: readonly FakeCall[]) => calls.map((c) => `${c.action}@${c.region}`);

/**
 * Runs the failover (prod, promoting Shanghai, executing) against a fake Tencent API serving `handlers`, and
 * closes the fake. Errors are returned, not thrown, with the calls the fake saw.
 */
export async function failoverAgainst(
  handlers: Record<string, FakeHandler>,
  options: Partial<FailoverOptions> = {},
  api: Partial<FailoverOptions['api']> = {},
): Promise<{
  lines: string[];
  calls: FakeCall[];
  result?: Awaited<ReturnType<typeof runFailover>>;
  error?: unknown;
}> {
  const fleet = options.fleet ?? prodFleet();
  // The writable name's zone answers unless the test's handlers say otherwise.
  const fake = await startFakeTencentApi({
    ...privateDnsHandlers({ domain: `qcbm-${fleet.name}.internal` }),
    ...handlers,
  });
  const lines: string[] = [];
  try {
    const result = await runFailover(
      {
        fleet,
        to: 'ap-shanghai',
        primaryInstanceId: PRIMARY,
        drInstanceId: DR,
        execute: true,
        acceptDataLoss: false,
        pollIntervalMs: 10,
        timeoutMs: 2000,
        stack: 'prod',
        now: () => FAILOVER_NOW,
        ...options,
        api: {
          secretId: 'AKIDfake',
          secretKey: FAKE_SECRET_KEY,
          endpoint: fake.endpoint,
          timeoutSeconds: 2,
          ...api,
        },
      },
      (line) => lines.push(line),
    );
    return { lines, calls: fake.calls, result };
  } catch (error) {
    return { lines, calls: fake.calls, error };
  } finally {
    await fake.close();
  }
}
