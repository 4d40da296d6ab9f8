import { synthesizeFleet, type SynthesizedFleet } from '../../../src/k8s';
import { schemaJobInputs, schemaJobName } from '../../../src/k8s/qcbm/schema/schema-job';
import { type Fleet, type FleetInput, parseFleet } from '../../../src/model';
import { offlineCertificateId, offlineRuntime } from '../../../src/model/offline-runtime';
import { primaryCluster } from '../../../src/model/topology/sites';
import {
  devFleet,
  loweredReplicasFleet,
  raisedReplicasFleet,
  wideFleet,
  wideFleetInput,
} from '../../fixtures/fleets';
import { activeActive, drFleetInput, site, twoSitesThreeCentres } from '../../support/dr-fleets';
import { exampleStackFiles, loadExample, synthesizeExample } from '../../support/example-fleets';

const CLUSTER_ID = 'clusters.clusternet.io/cluster-id';
const isJob = (o: any) => o.kind === 'Job';

/** Direct delivery: the clusters whose rendered manifests hold a schema Job, with the Jobs' names. */
function directJobs(s: SynthesizedFleet): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(s.clusters)
      .map(([c, m]) => [c, (m as any[]).filter(isJob).map((j) => j.metadata.name)] as const)
      .filter(([, jobs]) => jobs.length > 0),
  );
}

/** Hub delivery: each Job template on the hub, with the clusters the Subscriptions feeding it select. */
function hubJobs(s: SynthesizedFleet, fleet: Fleet): Record<string, string[]> {
  const nameOf = (id: string) => fleet.clusters.find((c) => c.clusterId === id)?.name ?? `unknown ${id}`;
  const subscriptions = s.hubDistribution.filter((o: any) => o.kind === 'Subscription') as any[];
  const out: Record<string, string[]> = {};
  for (const job of s.hubApp.filter(isJob) as any[]) {
    const feeding = subscriptions.filter((sub) =>
      sub.spec.feeds.some((f: any) => f.kind === 'Job' && f.name === job.metadata.name),
    );
    const clusters = feeding.flatMap((sub) =>
      sub.spec.subscribers.map((x: any) => nameOf(x.clusterAffinity.matchLabels[CLUSTER_ID])),
    );
    for (const c of clusters) (out[c] ??= []).push(job.metadata.name);
  }
  return out;
}

const drFleet = (input: FleetInput) => parseFleet(input, 'test fleet');
const activeStandby = () =>
  drFleet(
    drFleetInput(
      'active-standby',
      [site('shanghai-01', 'ap-shanghai', 'ap-shanghai-5'), site('beijing-01', 'ap-beijing', 'ap-beijing-6')],
      { primaryRegion: 'ap-beijing' },
    ),
  );

/** Fleets with a primary MySQL, whatever the topology: the Job runs in the primary's cluster alone. */
const withPrimary: [string, () => Fleet][] = [
  ...exampleStackFiles()
    .map((f) => [f.slice(f.lastIndexOf('/') + 1), () => loadExample(f)] as [string, () => Fleet])
    .filter(([, load]) => primaryCluster(load()) !== undefined),
  ['active-active', () => drFleet(activeActive())],
  ['two sites, three centres (primary named in a region of two)', () => drFleet(twoSitesThreeCentres())],
  ['active-standby, the primary not the first cluster', activeStandby],
];

describe("the schema Job runs where the fleet's writes go first", () => {
  test('the example stacks with a primary are prod and dr', () => {
    expect(withPrimary.slice(0, 2).map(([n]) => n)).toEqual(['Pulumi.dr.yaml', 'Pulumi.prod.yaml']);
  });

  test.each(withPrimary)("%s: in the primary's cluster alone, hub and direct", (_name, load) => {
    const fleet = load();
    const primary = primaryCluster(fleet)!.name;
    const s = synthesizeExample(fleet);
    const direct = directJobs(s);
    expect(Object.keys(direct)).toEqual([primary]);
    expect(direct[primary]).toHaveLength(1);
    expect(hubJobs(s, fleet)).toEqual(direct);
  });

  test.each<[string, () => Fleet, string[]]>([
    ['the dev stack (each cluster its own database)', devFleet, ['guangzhou-01', 'guangzhou-02']],
    ['the wide fleet', wideFleet, ['beijing-01', 'shanghai-01', 'guangzhou-dr']],
    ['raised replicas', raisedReplicasFleet, ['guangzhou-01', 'guangzhou-02']],
    ['lowered replicas', loweredReplicasFleet, ['guangzhou-01', 'guangzhou-02']],
    [
      'two clusters sharing one database: the first of them',
      () => {
        const input = wideFleetInput();
        (input.clusters[2] as any).endpoints.mysql = { ...(input.clusters[1] as any).endpoints.mysql };
        return parseFleet(input, 'shared database');
      },
      ['beijing-01', 'shanghai-01'],
    ],
  ])('without a primary, %s: once per database, hub and direct', (_name, load, expected) => {
    const fleet = load();
    const s = synthesizeFleet(fleet);
    const direct = directJobs(s);
    expect(Object.keys(direct)).toEqual(expected);
    expect(Object.values(direct).every((jobs) => jobs.length === 1)).toBe(true);
    expect(new Set(Object.values(direct).flat()).size).toBe(expected.length);
    expect(hubJobs(s, fleet)).toEqual(direct);
  });

  test("each Job is named after the endpoint its cluster's ConfigMap gives the pod", () => {
    const fleet = devFleet();
    const s = synthesizeFleet(fleet);
    for (const [cluster, [name]] of Object.entries(directJobs(s))) {
      const config = (s.clusters[cluster] as any[]).find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name === 'qcbm-env',
      );
      const mysql = { host: config.data.MYSQL_HOST, port: Number(config.data.MYSQL_PORT) };
      const inputs = schemaJobInputs({
        namespace: 'qcbm',
        configMapName: 'qcbm-env',
        secretName: 'qcbm-keys',
        mysql,
      });
      expect([cluster, name]).toEqual([cluster, schemaJobName(inputs)]);
    }
    expect(Object.keys(directJobs(s))).toHaveLength(2);
  });

  test('app.schemaInit: false: no Job and no Subscription for one, anywhere', () => {
    for (const load of [
      devFleet,
      () => loadExample(exampleStackFiles().find((f) => f.endsWith('prod.yaml'))!),
    ]) {
      const input = structuredClone(load()) as any;
      input.app.schemaInit = false;
      const s = synthesizeExample(parseFleet(input, 'no schema Job'));
      expect(directJobs(s)).toEqual({});
      expect(s.hubApp.filter(isJob)).toEqual([]);
      expect(JSON.stringify(s.hubDistribution)).not.toContain('qcbm-schema-');
    }
  });
});

describe("the schema Job's name in a fleet", () => {
  const prodFile = () => exampleStackFiles().find((f) => f.endsWith('Pulumi.prod.yaml'))!;
  const runtime = (fleet: Fleet, change: (i: number, e: any) => void = () => {}) =>
    Object.fromEntries(
      fleet.clusters.map((c, i) => {
        const endpoints: any = {
          // The stand-ins of what the stack creates (the APM collector, a TSE Nacos), then distinct data stores.
          ...offlineRuntime(fleet).runtime[c.name]?.endpoints,
          mysql: { host: `10.200.${i}.10`, port: 3306 },
          redis: { host: `10.200.${i}.20`, port: 6379 },
          ...c.endpoints,
        };
        change(i, endpoints);
        return [c.name, { endpoints, gatewaySubnetId: `subnet-created${i}` }];
      }),
    );
  const jobOf = (fleet: Fleet, change?: (i: number, e: any) => void) =>
    Object.values(
      directJobs(
        synthesizeFleet(fleet, {
          runtime: runtime(fleet, change),
          tlsCertificateId: offlineCertificateId(fleet),
        }),
      ),
    ).flat();
  const prod = () => loadExample(prodFile());
  const base = jobOf(prod());

  test('is the same when nothing it reads changes', () => {
    expect(base).toHaveLength(1);
    expect(jobOf(prod())).toEqual(base);
    expect(jobOf(prod(), (i, e) => (e.redis = { host: `10.201.${i}.20`, port: 6379 }))).toEqual(base);
    const withReplicas = structuredClone(prod()) as any;
    withReplicas.app.replicas = 3;
    expect(jobOf(parseFleet(withReplicas, 'replicas'))).toEqual(base);
  });

  test("changes with the primary's MySQL port, the image or the Secret's name, not with its address", () => {
    // The Job reads MYSQL_HOST, the writable name (mysql.qcbm-prod.internal): a new address behind it is no new input.
    expect(jobOf(prod(), (i, e) => i === 0 && (e.mysql = { host: '10.200.0.99', port: 3306 }))).toEqual(base);
    expect(jobOf(prod(), (i, e) => i === 0 && (e.mysql = { host: '10.200.0.10', port: 3307 }))).not.toEqual(
      base,
    );
    const image = structuredClone(prod()) as any;
    image.app.schemaInit = { image: 'mysql:8.0.40' };
    expect(jobOf(parseFleet(image, 'image'))).not.toEqual(base);
    const secret = structuredClone(prod()) as any;
    secret.app.secrets.name = 'other-keys';
    expect(jobOf(parseFleet(secret, 'secret'))).not.toEqual(base);
  });

  test('a standby MySQL endpoint changing does not make a new Job', () => {
    expect(jobOf(prod(), (i, e) => i > 0 && (e.mysql = { host: `10.250.${i}.10`, port: 3306 }))).toEqual(
      base,
    );
  });
});
