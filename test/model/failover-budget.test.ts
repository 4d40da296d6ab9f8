import {
  budgetTerms,
  failoverBudget,
  formatBudgetTerms,
  parseFleet,
  type ValidationIssue,
} from '../../src/model';
import { activeActive, twoSitesThreeCentres } from '../support/dr-fleets';
import { fleetIssuesOf, parseFleetResult } from '../support/fleet-issues';

type Raw = ReturnType<typeof activeActive> & Record<string, any>;

function rtoIssue(input: unknown): ValidationIssue | undefined {
  return parseFleetResult(input).issues.find((i) => i.path === 'fleet.topology.rtoSeconds');
}

function withTraffic(change: (traffic: any, input: Raw) => void): Raw {
  const input: Raw = activeActive();
  change(input.traffic, input);
  return input;
}

describe('formatBudgetTerms', () => {
  const igtm = budgetTerms(parseFleet(activeActive()).traffic!);

  test('names and figures joined by +; with how, each followed by how its figure is made', () => {
    expect(formatBudgetTerms(igtm)).toBe('detection 62 s + publish 30 s + TTL 60 s + client cache 30 s');
    expect(formatBudgetTerms(igtm, { how: true })).toBe(
      'detection 62 s (a check every 60 s × (0 retries + 1) × 1 period(s) + 2 s timeout)' +
        ' + publish 30 s (an allowance for IGTM to write the change into DNS (traffic.publishAllowanceSeconds))' +
        " + TTL 60 s (the IGTM instance's TTL (traffic.globalTtlSeconds))" +
        ' + client cache 30 s (an allowance for clients that keep what they resolved (traffic.clientCacheSeconds))',
    );
  });

  test('an unbounded term reads ∞ s', () => {
    const input = twoSitesThreeCentres() as Raw;
    delete input.topology.rtoSeconds;
    input.traffic = { mode: 'dnspod', zone: 'example.com', ttlSeconds: 600 };
    expect(formatBudgetTerms(budgetTerms(parseFleet(input).traffic!))).toBe(
      'detection ∞ s + TTL 600 s + client cache 30 s',
    );
    expect(formatBudgetTerms([])).toBe('');
  });
});

describe('the terms of the worst case', () => {
  test('IGTM: detection = interval × (retries + 1) × periods + timeout, then publish, TTL and client cache', () => {
    const fleet = parseFleet(
      withTraffic((t) => {
        t.monitor = {
          ...t.monitor,
          checkIntervalSeconds: 120,
          failTimes: 2,
          continuePeriod: 2,
          timeoutSeconds: 5,
        };
        t.globalTtlSeconds = 90;
        t.publishAllowanceSeconds = 20;
        t.clientCacheSeconds = 30;
      }),
    );
    expect(budgetTerms(fleet.traffic!).map((t) => [t.name, t.seconds])).toEqual([
      ['detection', 120 * 3 * 2 + 5],
      ['publish', 20],
      ['TTL', 90],
      ['client cache', 30],
    ]);
  });

  test('defaults on a STANDARD package: 62 + 30 + 60 + 30 = 182 s', () => {
    const rows = failoverBudget(parseFleet(activeActive()));
    const beijingNorth = rows.find((r) => r.region === 'ap-beijing' && r.line === 'north-china')!;
    expect([beijingNorth.affected, beijingNorth.totalSeconds, beijingNorth.verdict]).toEqual([
      true,
      182,
      'no target',
    ]);
    expect(beijingNorth.takesOver).toEqual(['shanghai-01', 'guangzhou-01']);
    const beijingSouth = rows.find((r) => r.region === 'ap-beijing' && r.line === 'south-china')!;
    expect([beijingSouth.affected, beijingSouth.verdict]).toEqual([false, 'not routed there']);
  });

  test('a target that is met is reported per region and line', () => {
    const input = activeActive() as Raw;
    input.topology.rtoSeconds = 200;
    const rows = failoverBudget(parseFleet(input)).filter((r) => r.affected);
    expect(rows.length).toBe(6);
    expect(new Set(rows.map((r) => r.verdict))).toEqual(new Set(['meets the target']));
  });
});

describe('targets the configuration cannot meet fail, naming the term that dominates and the fix', () => {
  test("the guide's case: a 600 s TTL against a 60 s target names the TTL", () => {
    const issue = rtoIssue(
      withTraffic((t, input) => {
        t.globalTtlSeconds = 600;
        input.topology.rtoSeconds = 60;
      }),
    );
    expect(issue?.message).toMatch(
      /users of a failed region can take up to 722 s .* The largest term is the TTL \(600 s\)/,
    );
    // The STANDARD package could not deliver 60 s even at its floors, and the fix says so rather than pretend.
    expect(issue?.fix).toMatch(
      /even at this STANDARD package's floors .* the worst case is 182 s, so it cannot deliver 60 s/,
    );
  });

  test('a STANDARD package against a 60 s target says the product cannot deliver it', () => {
    const issue = rtoIssue(withTraffic((_t, input) => (input.topology.rtoSeconds = 60)));
    expect(issue?.message).toMatch(
      /up to 182 s to reach a healthy one = detection 62 s .* \+ publish 30 s .* \+ TTL 60 s .* \+ client cache 30 s/,
    );
    expect(issue?.fix).toMatch(
      /cannot deliver 60 s: raise the target to at least 182 s, or use a package whose floors are lower/,
    );
  });

  test('where the package could meet it, the fix is to lower the dominant term', () => {
    const issue = rtoIssue(
      withTraffic((t, input) => {
        t.globalTtlSeconds = 300;
        input.topology.rtoSeconds = 250;
      }),
    );
    expect(issue?.message).toMatch(/The largest term is the TTL \(300 s\)/);
    expect(issue?.fix).toBe(
      'lower traffic.globalTtlSeconds by at least 172 s (the package allows 60 s), or raise the target to 422 s',
    );
  });

  test('settings below the package floors fail at the field, whatever the target', () => {
    const issues = fleetIssuesOf(
      withTraffic((t) => {
        t.monitor.checkIntervalSeconds = 15;
        t.globalTtlSeconds = 30;
      }),
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [
        'fleet.traffic.monitor.checkIntervalSeconds',
        "is below the STANDARD package's minimum check interval of 60 s",
      ],
      ['fleet.traffic.globalTtlSeconds', "is below the STANDARD package's minimum TTL of 60 s"],
    ]);
  });

  test('a package with lower floors can meet a short target', () => {
    const input = withTraffic((t, fleet) => {
      t.package = { ...t.package, type: 'ULTIMATE', minCheckIntervalSeconds: 15, minGlobalTtlSeconds: 10 };
      t.monitor.checkIntervalSeconds = 15;
      t.globalTtlSeconds = 10;
      t.publishAllowanceSeconds = 10;
      t.clientCacheSeconds = 10;
      fleet.topology.rtoSeconds = 60;
    });
    expect(rtoIssue(input)).toBeUndefined();
    expect(failoverBudget(parseFleet(input)).find((r) => r.affected)?.totalSeconds).toBe(
      15 + 2 + 10 + 10 + 10,
    );
  });

  test('plain DNS records: nothing detects a failure, so a target needs an operator allowance', () => {
    const dnspod = (operator?: number) => {
      const input = twoSitesThreeCentres() as Raw;
      input.topology.rtoSeconds = 1800;
      input.traffic = {
        mode: 'dnspod',
        zone: 'example.com',
        ttlSeconds: 600,
        ...(operator === undefined ? {} : { operatorResponseSeconds: operator }),
      };
      return input;
    };
    expect(rtoIssue(dnspod())?.message).toMatch(/nothing detects a failure/);
    expect(rtoIssue(dnspod())?.fix).toMatch(/use traffic mode "igtm"/);
    expect(rtoIssue(dnspod(900))).toBeUndefined();
    expect(failoverBudget(parseFleet(dnspod(900))).find((r) => r.affected)?.totalSeconds).toBe(
      900 + 600 + 30,
    );
  });
});
