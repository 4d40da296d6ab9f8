import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { parseFleet } from '../../src/model';
import { runtimeNeeds, type RuntimeNeed } from '../../src/model/runtime-needs';
import { repoPath } from '../support/repo-root';

/** A stack file's fleet description, as written, to change before parsing. */
function input(stack: string): any {
  return parse(readFileSync(repoPath(`Pulumi.${stack}.yaml`), 'utf8')).config['qcbm:fleet'];
}
const none = { configured: new Set<string>() };
const STACKS = ['dev', 'staging', 'prod', 'dr'];
const needsOf = (raw: unknown) => runtimeNeeds(parseFleet(raw), none);
const row = (needs: readonly RuntimeNeed[], cluster: string, need: string) => {
  const found = needs.filter((n) => n.cluster === cluster && n.need === need);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('the run-time needs table', () => {
  test.each(STACKS)('%s: every cluster has a row for each need, in one order', (stack) => {
    const fleet = parseFleet(input(stack));
    const needs = runtimeNeeds(fleet, none);
    const names = fleet.clusters.map((c) => c.name);
    expect([...new Set(needs.map((n) => n.cluster))]).toEqual(names);
    const order = ['registry', 'database', 'schema', 'cache', 'tracing', 'images', 'entry', 'certificate'];
    for (const name of names) {
      const own = needs.filter((n) => n.cluster === name).map((n) => n.need);
      expect(own.slice(0, order.length)).toEqual(order);
      expect(own.slice(order.length)).toEqual(fleet.traffic ? expect.arrayContaining(['zones']) : []);
    }
  });

  test.each(['prod', 'dr'])(
    '%s: no need is missing, and the database is the primary the stack builds',
    (stack) => {
      const fleet = parseFleet(input(stack));
      const needs = runtimeNeeds(fleet, none);
      expect(needs.filter((n) => n.status === 'missing')).toEqual([]);
      const primaryRegion = fleet.data.mysql?.primaryRegion;
      expect(primaryRegion).toBeDefined();
      for (const c of fleet.clusters) {
        const database = row(needs, c.name, 'database');
        expect(database.status).toBe('built');
        expect(database.provider).toContain(
          `writable TencentDB for MySQL this stack creates in ${primaryRegion}`,
        );
        expect(row(needs, c.name, 'schema').status).toBe('built');
        expect(row(needs, c.name, 'certificate')).toMatchObject({ status: 'built', field: 'fleet.app.tls' });
        expect(row(needs, c.name, 'entry').status).toBe('built');
        expect(row(needs, c.name, 'registry')).toMatchObject({
          status: 'built',
          provider: expect.stringMatching(/TSE Nacos/),
        });
      }
    },
  );

  test('the schema Job is named in the cluster that runs it; turned off, the fleet declares it', () => {
    const prod = input('prod');
    const fleet = parseFleet(prod);
    const needs = runtimeNeeds(fleet, none);
    const runner = fleet.clusters.find((c) => c.region === fleet.data.mysql?.primaryRegion)!.name;
    for (const c of fleet.clusters) expect(row(needs, c.name, 'schema').provider).toContain(` in ${runner},`);
    prod.app.schemaInit = false;
    const off = row(needsOf(prod), fleet.clusters[1].name, 'schema');
    expect(off).toMatchObject({ status: 'declared', field: 'fleet.app.schemaInit' });
  });

  test('a database outside the stack is declared with its field; without a traffic layer nothing is published', () => {
    const raw = input('dev');
    const fleet = parseFleet(raw);
    expect(fleet.cloud.regions).toEqual([]);
    expect(fleet.traffic).toBeUndefined();
    const needs = runtimeNeeds(fleet, none);
    expect(row(needs, 'guangzhou-02', 'database')).toMatchObject({
      status: 'declared',
      field: 'fleet.clusters[1].endpoints.mysql',
      provider: expect.stringContaining('hk-cdb-a2b1ptyb.sql.tencentcdb.com:63579'),
    });
    expect(row(needs, 'guangzhou-02', 'schema').provider).toContain(' in guangzhou-02,');
    expect(row(needs, 'guangzhou-01', 'certificate').status).toBe('declared');
    expect(needs.filter((n) => n.need === 'zones')).toEqual([]);
    expect(row(needs, 'guangzhou-01', 'registry')).toMatchObject({
      status: 'built',
      provider: expect.stringContaining('a Nacos StatefulSet in guangzhou-01 (standalone'),
    });
  });

  test('a published name without TLS is missing a certificate, naming the fix', () => {
    const raw = input('prod');
    delete raw.app.tls;
    delete raw.traffic.monitor.protocol;
    const certificate = row(needsOf(raw), 'beijing-01', 'certificate');
    expect(certificate.status).toBe('missing');
    expect(certificate.fix).toContain('fleet.app.tls');
  });

  test('zones: created ones say so, existing ones are looked up', () => {
    const raw = input('prod');
    const fleet = parseFleet(raw);
    expect(fleet.traffic?.mode).toBe('igtm');
    const zones = runtimeNeeds(fleet, none).filter(
      (n) => n.cluster === fleet.clusters[0].name && n.need === 'zones',
    );
    expect(zones).toHaveLength(2);
    const bySource = Object.fromEntries(zones.map((z) => [z.field, z.status]));
    const traffic = fleet.traffic as any;
    expect(bySource['fleet.traffic.zoneSource']).toBe(traffic.zoneSource === 'create' ? 'built' : 'declared');
    expect(bySource['fleet.traffic.access.zoneSource']).toBe(
      traffic.access.zoneSource === 'create' ? 'built' : 'declared',
    );
  });

  test('an external registry without an endpoint is missing, naming the field and the fix', () => {
    const raw = input('dev');
    const fleet = parseFleet(raw);
    const needs = runtimeNeeds(
      {
        ...fleet,
        clusters: fleet.clusters.map((c) => ({
          ...c,
          nacos: { mode: 'external' as const },
          endpoints: { ...c.endpoints, nacos: undefined },
        })),
      } as typeof fleet,
      none,
    );
    const registry = row(needs, 'guangzhou-01', 'registry');
    expect(registry).toMatchObject({ status: 'missing', field: 'fleet.clusters[0].endpoints.nacos' });
    expect(registry.fix).toContain('mode: in-cluster');
  });
});
