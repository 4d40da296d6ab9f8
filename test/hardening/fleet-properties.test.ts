import fc from 'fast-check';
import { synthesizeFleet } from '../../src/k8s/fleet/synthesize-fleet';
import { parseFleet } from '../../src/model/parse-fleet';
import { ValidationError } from '../../src/model/validation-error';
import { validFleet } from '../support/fleet-arbitraries';
import { kubernetesSchemaErrors } from '../support/kubernetes-schema';
import { outcomeOf } from '../support/thrown';

const RUNS = 60;

describe('random valid fleets', () => {
  test(`always synthesize Kubernetes-valid objects that carry each cluster's endpoints (${RUNS} fleets)`, () => {
    let cases = 0;
    fc.assert(
      fc.property(validFleet(), (input) => {
        cases++;
        const fleet = parseFleet(input);
        const out = synthesizeFleet(fleet);
        const all = [...out.hubApp, ...out.hubDistribution, ...Object.values(out.clusters).flat()];
        expect(kubernetesSchemaErrors(all)).toEqual([]);
        for (const cluster of fleet.clusters) {
          const configMap = (out.clusters[cluster.name] as any[]).find((o: any) => o.kind === 'ConfigMap');
          expect(configMap.data.MYSQL_HOST).toBe(cluster.endpoints.mysql!.host);
          expect(configMap.data.REDIS_PORT).toBe(String(cluster.endpoints.redis!.port));
        }
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    expect(cases).toBe(RUNS);
  });
});

/** One change that makes a valid fleet invalid, with the path the error must name. */
type Mutation = { label: string; apply: (f: any) => void; path: RegExp };

const MUTATIONS: Mutation[] = [
  {
    label: 'cluster name of the wrong type',
    apply: (f) => (f.clusters[0].name = 42),
    path: /clusters\[0\]\.name/,
  },
  { label: 'empty cluster name', apply: (f) => (f.clusters[0].name = ''), path: /clusters\[0\]\.name/ },
  {
    label: 'upper-case cluster name',
    apply: (f) => (f.clusters[0].name = 'Guangzhou_01'),
    path: /clusters\[0\]\.name/,
  },
  {
    label: 'duplicate cluster name',
    apply: (f) =>
      f.clusters.push({
        ...structuredClone(f.clusters[0]),
        clusterId: '99999999-9999-4999-8999-999999999999',
      }),
    path: /clusters\[\d+\]\.name/,
  },
  {
    label: 'duplicate cluster id',
    apply: (f) =>
      f.clusters.push({ ...structuredClone(f.clusters[0]), name: 'zz-duplicate', hubNamespace: undefined }),
    path: /clusters\[\d+\]\.clusterId/,
  },
  { label: 'port 0', apply: (f) => (f.clusters[0].endpoints.mysql.port = 0), path: /endpoints\.mysql\.port/ },
  {
    label: 'port 70000',
    apply: (f) => (f.clusters[0].endpoints.redis.port = 70000),
    path: /endpoints\.redis\.port/,
  },
  {
    label: 'port as a string',
    apply: (f) => (f.clusters[0].endpoints.nacos.port = '8848'),
    path: /endpoints\.nacos\.port/,
  },
  { label: 'empty cluster list', apply: (f) => (f.clusters = []), path: /clusters/ },
  { label: 'clusters not a list', apply: (f) => (f.clusters = { a: 1 }), path: /clusters/ },
  {
    label: 'difference naming an unknown component',
    apply: (f) =>
      (f.differences = { [f.clusters[0].name]: { components: { 'payment-service': { replicas: 2 } } } }),
    path: /differences.*components.*payment-service/,
  },
  {
    label: 'difference naming an unknown cluster',
    apply: (f) => (f.differences = { 'nowhere-99': { components: {} } }),
    path: /differences.*nowhere-99/,
  },
  {
    label: 'JSON patch to a missing path',
    apply: (f) =>
      (f.differences = {
        [f.clusters[0].name]: {
          patches: [
            {
              type: 'JSONPatch',
              target: { kind: 'Deployment', name: 'order-service' },
              operations: [{ op: 'replace', path: '/spec/nonexistent/x', value: 1 }],
            },
          ],
        },
      }),
    path: /nonexistent/,
  },
  {
    label: 'patch aimed at an object the app does not emit',
    apply: (f) =>
      (f.differences = {
        [f.clusters[0].name]: {
          patches: [
            { type: 'MergePatch', target: { kind: 'Deployment', name: 'no-such' }, patch: { spec: {} } },
          ],
        },
      }),
    path: /patches\[0\]\.target/,
  },
  {
    label: 'bad CIDR in a cloud region',
    apply: (f) =>
      (f.cloud = {
        regions: [
          {
            region: 'ap-guangzhou',
            zone: 'ap-guangzhou-3',
            vpcCidr: '10.0.0.0/33',
            nodeSubnetCidr: '10.0.0.0/20',
            dataSubnetCidr: '10.0.16.0/24',
            kubernetes: { clusterCidr: '172.16.0.0/16', serviceCidr: '192.168.0.0/20' },
          },
        ],
      }),
    path: /cloud\.regions\[0\]\.vpcCidr/,
  },
  {
    label: 'area of the wrong type',
    apply: (f) => (f.clusters[0].area = ['south-china']),
    path: /clusters\[0\]\.area/,
  },
  { label: 'unknown top-level key', apply: (f) => (f.clustres = []), path: /clustres/ },
];

describe('random single mutations of valid fleets', () => {
  test('always end in a ValidationError naming a path, never another error or a manifest', () => {
    const counts = new Map<string, number>();
    fc.assert(
      fc.property(validFleet(3), fc.nat(MUTATIONS.length - 1), (input, which) => {
        const mutation = MUTATIONS[which];
        counts.set(mutation.label, (counts.get(mutation.label) ?? 0) + 1);
        const fleet = structuredClone(input) as any;
        mutation.apply(fleet);
        const synthesized = outcomeOf(() => synthesizeFleet(parseFleet(fleet)));
        const error = synthesized.threw ? synthesized.error : undefined;
        if (!ValidationError.isValidationError(error)) {
          throw new Error(
            `${mutation.label}: expected a ValidationError, got ${String((error as Error)?.stack ?? error)}`,
          );
        }
        const paths = error.issues.map((i) => i.path);
        expect(paths.every((p) => typeof p === 'string' && p.length > 0)).toBe(true);
        // The path says where; for an unknown key it is the parent and the message names the key.
        const located = error.issues.map((issue) => `${issue.path} ${issue.message}`);
        if (!located.some((text) => mutation.path.test(text))) {
          throw new Error(`${mutation.label}: no issue matches ${mutation.path}; got ${located.join(' | ')}`);
        }
      }),
      { numRuns: 250, seed: 20261123 },
    );
    // Every kind of mutation was exercised, several times over.
    expect([...counts.keys()].sort()).toEqual(MUTATIONS.map((m) => m.label).sort());
    console.log(
      `mutation property: 250 cases, ${[...counts].map(([label, n]) => `${label} ×${n}`).join('; ')}`,
    );
  });
});
