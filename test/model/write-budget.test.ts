import { WRITER_NAME_TTL_SECONDS } from '../../src/model/writer-name';
import { parseFleet } from '../../src/model';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import {
  JVM_DNS_CACHE_SECONDS,
  POOL_MAX_LIFETIME_SECONDS,
  WRITE_FAILOVER_DEFAULTS,
  writeBudget,
} from '../../src/model/topology/write-budget';
import { FAILOVER_DEFAULTS, FAILOVER_FLAGS } from '../../src/ops/failover';
import { activeActive } from '../support/dr-fleets';
import { expectFleetIssue } from '../support/fleet-issues';
import { repoPath } from '../support/repo-root';

type Input = ReturnType<typeof activeActive> & Record<string, any>;

function withTopology(extra: Record<string, unknown>): Input {
  const input = structuredClone(activeActive()) as Input;
  input.topology = { ...input.topology, ...extra };
  return input;
}

const secondsOf = (input: Input) =>
  Object.fromEntries(writeBudget(parseFleet(input))!.terms.map((t) => [t.name, t.seconds]));

describe('write budget: the loss of the primary region', () => {
  test('the defaults, term by term, and their sum', () => {
    const budget = writeBudget(loadFleetFromStackFile(repoPath('Pulumi.prod.yaml')))!;
    const d = WRITE_FAILOVER_DEFAULTS;
    expect(budget.primaryRegion).toBe('ap-beijing');
    expect(Object.fromEntries(budget.terms.map((t) => [t.name, t.seconds]))).toEqual({
      detection: d.operatorResponseSeconds,
      fencing: d.fencingSeconds,
      promotion: d.promotionSeconds,
      TTL: WRITER_NAME_TTL_SECONDS,
      reconnection: JVM_DNS_CACHE_SECONDS + d.restartSeconds,
    });
    expect(budget.totalSeconds).toBe(300 + 30 + 120 + 30 + 30 + 120);
    // The runbook's guard, as it is: its flag and its default.
    expect(budget.rpo).toContain(
      `failover reads it (SecondsBehindMaster, from Cloud Monitor) before fencing and refuses above ${FAILOVER_FLAGS.maxLag} (default ${FAILOVER_DEFAULTS.maxLagSeconds} s)`,
    );
  });

  test("the fleet's allowances replace the defaults", () => {
    const terms = secondsOf(
      withTopology({
        writeFailover: {
          operatorResponseSeconds: 60,
          fencingSeconds: 10,
          promotionSeconds: 90,
          restartSeconds: 45,
        },
      }),
    );
    expect(terms).toMatchObject({ detection: 60, fencing: 10, promotion: 90, reconnection: 30 + 45 });
  });

  test('without a restart, reconnection waits for the pool to recycle its connections (30 min)', () => {
    expect(secondsOf(withTopology({ writeFailover: { reconnect: 'pool-lifetime' } })).reconnection).toBe(
      JVM_DNS_CACHE_SECONDS + POOL_MAX_LIFETIME_SECONDS,
    );
  });

  test('an objective the terms meet is accepted', () => {
    expect(() => parseFleet(withTopology({ writeRtoSeconds: 630 }))).not.toThrow();
  });

  test('an objective below the sum is refused, naming the total and the largest term', () => {
    const issue = expectFleetIssue(
      withTopology({ writeRtoSeconds: 600 }),
      'fleet.topology.writeRtoSeconds',
      /up to 630 s .*The largest term is the detection \(300 s\)/,
    );
    expect(issue.fix).toMatch(/operatorResponseSeconds.*or raise the target to 630 s/);
  });

  test('without a restart the reconnection term dominates, and the fix says to restart', () => {
    const issue = expectFleetIssue(
      withTopology({ writeRtoSeconds: 900, writeFailover: { reconnect: 'pool-lifetime' } }),
      'fleet.topology.writeRtoSeconds',
      /The largest term is the reconnection \(1830 s\)/,
    );
    expect(issue.fix).toMatch(/reconnect: restart/);
  });

  test('an allowance that is not whole seconds is refused with a fix', () => {
    expectFleetIssue(
      withTopology({ writeFailover: { promotionSeconds: -5 } }),
      'fleet.topology.writeFailover.promotionSeconds',
      /whole number of seconds/,
    );
  });
});
