import { ApiObject, App, Chart } from 'cdk8s';
import fc from 'fast-check';
import { generateFleet } from '../../../scripts/generate-fleet';
import {
  ClusterDifference,
  QcbmSecrets,
  type QcbmSecretValues,
  synthesizeFleet,
  type SynthesizedFleet,
} from '../../../src/k8s';
import {
  CONFIG_CHECKSUM_ANNOTATION as CONFIG,
  podChecksums,
  SECRET_CHECKSUM_ANNOTATION as SECRET,
} from '../../../src/k8s/qcbm/pod-checksums';
import { type FleetInput, parseFleet, QCBM_COMPONENT_NAMES, ValidationError } from '../../../src/model';
import { validFleet } from '../../support/fleet-arbitraries';
import { thrownBy } from '../../support/thrown';

type Annotations = Record<string, string>;
const READERS = QCBM_COMPONENT_NAMES.filter((n) => n !== 'qcbm-front');
const DUBBO = ['user-service', 'store-service', 'order-service', 'favorites-service'];

/** Each Deployment's pod annotations in each cluster's rendered manifests: `cluster/deployment` → annotations. */
function podAnnotations(out: SynthesizedFleet): Map<string, Annotations> {
  const map = new Map<string, Annotations>();
  for (const [cluster, objects] of Object.entries(out.clusters)) {
    for (const d of objects as any[]) {
      if (d.kind === 'Deployment')
        map.set(`${cluster}/${d.metadata.name}`, d.spec.template.metadata.annotations ?? {});
    }
  }
  return map;
}

/**
 * The test's own reading of what a rendered Deployment reads through env, with the values its cluster's ConfigMap
 * and Secret hold: the oracle the annotations are checked against.
 */
function readValues(out: SynthesizedFleet): Map<string, string> {
  const map = new Map<string, string>();
  for (const [cluster, objects] of Object.entries(out.clusters) as [string, any[]][]) {
    const data = (kind: string, name: string) =>
      objects.find((o) => o.kind === kind && o.metadata.name === name)?.data ?? {};
    for (const d of objects.filter((o) => o.kind === 'Deployment')) {
      const values = (d.spec.template.spec.containers as any[])
        .flatMap((c) => c.env ?? [])
        .map((e: any) => {
          const from = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
          const kind = e.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret';
          return from ? [kind, from.name, from.key, data(kind, from.name)[from.key] ?? null] : undefined;
        })
        .filter((v: unknown) => v !== undefined);
      map.set(`${cluster}/${d.metadata.name}`, JSON.stringify(values));
    }
  }
  return map;
}

/** Where `after` differs from `before`, by `cluster/deployment`. */
function changedKeys<T>(before: Map<string, T>, after: Map<string, T>): string[] {
  return [...after.keys()].filter((k) => JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));
}

/** Three clusters with the same endpoints (their hub namespaces differ), so only a change makes them differ. */
function sameEndpoints(): FleetInput {
  const input = generateFleet(3);
  for (const c of input.clusters) c.endpoints = structuredClone(input.clusters[0].endpoints);
  return input;
}

function checksumOverrides(out: SynthesizedFleet): string[] {
  return (out.hubDistribution as any[])
    .filter((o) => o.kind === 'Localization' || o.kind === 'Globalization')
    .filter((o) => o.spec.overrides.some((x: any) => x.name === 'checksum-override'))
    .map((o) => [o.kind, o.metadata.namespace, o.metadata.name].filter(Boolean).join('/'));
}

describe('hub delivery: the base Deployment carries the base cluster checksum, a differing cluster an override', () => {
  test("one cluster's Redis: exactly the four services reading it get an override, in that cluster only", () => {
    const input = sameEndpoints();
    const same = synthesizeFleet(parseFleet(input));
    expect(checksumOverrides(same)).toEqual([]);
    input.clusters[2].endpoints!.redis!.host = '10.77.0.20';
    const out = synthesizeFleet(parseFleet(input));
    const ns = input.clusters[2].hubNamespace;
    expect(checksumOverrides(out)).toEqual(DUBBO.map((d) => `Localization/${ns}/qcbm-${d}-override`));
    const overrides = (out.hubDistribution as any[]).filter(
      (o) => checksumOverrides({ ...out, hubDistribution: [o] }).length,
    );
    for (const o of overrides) {
      const entry = o.spec.overrides.find((x: any) => x.name === 'checksum-override');
      const rendered = podAnnotations(out).get(`cluster-0002/${o.spec.feed.name}`)!;
      expect(JSON.parse(entry.value)).toEqual({
        spec: { template: { metadata: { annotations: { [CONFIG]: rendered[CONFIG] } } } },
      });
    }
    // The templates on the hub are written with the base cluster's values, and so carry its checksums.
    const base = podAnnotations(out);
    for (const d of (out.hubApp as any[]).filter((o) => o.kind === 'Deployment')) {
      expect([d.metadata.name, d.spec.template.metadata.annotations ?? {}]).toEqual([
        d.metadata.name,
        base.get(`cluster-0000/${d.metadata.name}`),
      ]);
    }
  });

  test('the gateway reads Nacos and the collector, not MySQL; the front reads nothing', () => {
    const input = sameEndpoints();
    const before = podAnnotations(synthesizeFleet(parseFleet(input)));
    input.clusters[1].endpoints!.skywalking!.port = 11801;
    const collector = podAnnotations(synthesizeFleet(parseFleet(input)));
    expect(changedKeys(before, collector)).toEqual(READERS.map((d) => `cluster-0001/${d}`));
    input.clusters[1].endpoints!.skywalking!.port = 11800;
    input.clusters[1].endpoints!.mysql!.port = 3307;
    expect(changedKeys(before, podAnnotations(synthesizeFleet(parseFleet(input))))).toEqual(
      DUBBO.map((d) => `cluster-0001/${d}`),
    );
  });

  test('a cluster whose hub namespace is unknown gets its checksums in a Globalization selecting it', () => {
    const input = sameEndpoints();
    delete input.clusters[1].hubNamespace;
    input.clusters[1].endpoints!.nacos!.host = '10.77.0.30';
    const out = synthesizeFleet(parseFleet(input));
    expect(checksumOverrides(out)).toEqual(
      READERS.map((d) => `Globalization/qcbm-${d}-override-cluster-0001`),
    );
    expect(
      changedKeys(podAnnotations(synthesizeFleet(parseFleet(sameEndpoints()))), podAnnotations(out)),
    ).toEqual(READERS.map((d) => `cluster-0001/${d}`));
  });
});

test('ClusterDifference.podAnnotations refuses an object without a pod template', () => {
  const chart = new Chart(new App(), 'c');
  const configMap = new ApiObject(chart, 'cm', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'env' },
  });
  expect(() => ClusterDifference.podAnnotations(configMap, { a: 'b' })).toThrow(
    /ConfigMap env has no pod template; use one of Deployment, StatefulSet/,
  );
});

describe("direct delivery: each cluster's rendered manifests carry its own checksums", () => {
  test('every Deployment of every cluster carries what podChecksums gives for that cluster', () => {
    const out = synthesizeFleet(parseFleet(generateFleet(4)));
    let checked = 0;
    for (const objects of Object.values(out.clusters) as any[][]) {
      for (const d of objects.filter((o) => o.kind === 'Deployment')) {
        expect(d.spec.template.metadata.annotations ?? {}).toEqual(
          podChecksums(d, objects, { revision: '1' }),
        );
        checked++;
      }
    }
    expect(checked).toBe(4 * QCBM_COMPONENT_NAMES.length);
    // Every cluster's endpoints differ: no two clusters' services carry the same config checksum.
    const configs = [...podAnnotations(out).entries()].filter(([k]) => k.endsWith('/user-service'));
    expect(new Set(configs.map(([, a]) => a[CONFIG])).size).toBe(4);
  });

  test('values produced by pulumi up (the run-time endpoints) count, as the cluster will have them', () => {
    const fleet = parseFleet(sameEndpoints());
    const before = podAnnotations(synthesizeFleet(fleet));
    const after = podAnnotations(
      synthesizeFleet(fleet, {
        runtime: { 'cluster-0001': { endpoints: { mysql: { host: '10.10.16.5', port: 3306 } } } },
      }),
    );
    expect(changedKeys(before, after)).toEqual(DUBBO.map((d) => `cluster-0001/${d}`));
  });

  test('a declared patch of the ConfigMap counts where it changes a key a Deployment reads, and only there', () => {
    const patched = (data: Record<string, string>) => {
      const input = sameEndpoints();
      input.differences = {
        'cluster-0001': {
          patches: [{ type: 'MergePatch', target: { kind: 'ConfigMap', name: 'qcbm-env' }, patch: { data } }],
        },
      };
      return synthesizeFleet(parseFleet(input));
    };
    const before = podAnnotations(synthesizeFleet(parseFleet(sameEndpoints())));
    expect(changedKeys(before, podAnnotations(patched({ FEATURE_FLAGS: 'on' })))).toEqual([]);
    expect(changedKeys(before, podAnnotations(patched({ NACOS_PORT: '8849' })))).toEqual(
      READERS.map((d) => `cluster-0001/${d}`),
    );
  });
});

describe('Secret values', () => {
  const VALUES: QcbmSecretValues = {
    mysqlAccount: 'qcbm',
    mysqlPassword: 'Fleet-Mysql-Pw-1',
    redisPassword: 'Fleet-Redis-Pw-1',
    swAgentAuthentication: 'Fleet-Token-1',
  };
  const KEY = 'Fleet-Checksum-Key-0123456789abcd';
  const signed = (values: QcbmSecretValues, key = KEY) =>
    synthesizeFleet(parseFleet(sameEndpoints()), {
      secrets: QcbmSecrets.fromValues(values, 'qcbm-keys', { checksumKey: key }),
    });

  test('held by Pulumi: a keyed hash that follows exactly the values each Deployment reads, in every cluster', () => {
    const base = podAnnotations(signed(VALUES));
    expect(base.get('cluster-0001/user-service')![SECRET]).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    const redis = podAnnotations(signed({ ...VALUES, redisPassword: 'Fleet-Redis-Pw-2' }));
    expect(changedKeys(base, redis)).toEqual(
      ['cluster-0000', 'cluster-0001', 'cluster-0002'].flatMap((c) => DUBBO.map((d) => `${c}/${d}`)),
    );
    const token = podAnnotations(signed({ ...VALUES, swAgentAuthentication: 'Fleet-Token-2' }));
    expect(changedKeys(base, token).filter((k) => k.startsWith('cluster-0000/'))).toEqual(
      READERS.map((d) => `cluster-0000/${d}`),
    );
    // One Secret for every cluster: the hub's template carries the HMAC, no cluster needs an override.
    expect(checksumOverrides(signed(VALUES))).toEqual([]);
    const text = JSON.stringify(signed(VALUES));
    expect(text).not.toContain(KEY);
  });

  test('submitted out of band: the revision the fleet declares, bumped by the user', () => {
    const withRevision = (revision: unknown) => {
      const input = sameEndpoints() as any;
      input.app = { secrets: { revision } };
      return parseFleet(input);
    };
    const annotations = (revision: unknown) => podAnnotations(synthesizeFleet(withRevision(revision)));
    expect(annotations(undefined).get('cluster-0002/order-service')![SECRET]).toBe('revision:1');
    expect(annotations(2).get('cluster-0002/order-service')![SECRET]).toBe('revision:2');
    expect(annotations('2026-11-24').get('cluster-0002/qcbm-gateway')![SECRET]).toBe('revision:2026-11-24');
    expect(annotations(2).get('cluster-0002/qcbm-front')).toEqual({});
    for (const bad of ['', 'two words', '-1', true]) {
      const error = thrownBy(() => withRevision(bad)) as ValidationError;
      expect(ValidationError.isValidationError(error)).toBe(true);
      expect(error.issues).toEqual([
        {
          path: 'fleet.app.secrets.revision',
          message: expect.stringMatching(/^must be a (revision of 1 to 63|string or a number)/),
          value: bad,
          fix: 'bump it each time the Secret changes, e.g. from 1 to 2 or to a date like 2026-11-24',
        },
      ]);
    }
  });
});

describe('generated fleets: a changed endpoint changes the checksum exactly where a Deployment reads a changed value', () => {
  const RUNS = 40;
  const change = fc.record({
    cluster: fc.nat(),
    store: fc.constantFrom('mysql', 'redis', 'nacos', 'skywalking'),
    field: fc.constantFrom('host', 'port'),
    /** Write the value it already has: nothing may change. */
    same: fc.boolean(),
  });

  test(`${RUNS} fleets, one endpoint of one cluster each`, () => {
    let changedSomewhere = 0;
    let runs = 0;
    fc.assert(
      fc.property(validFleet(4), change, (input, c) => {
        runs++;
        const before = synthesizeFleet(parseFleet(input));
        const next = structuredClone(input);
        const cluster = next.clusters[c.cluster % next.clusters.length];
        const endpoint = (cluster.endpoints as any)[c.store];
        if (!c.same) {
          if (c.field === 'port') endpoint.port = (endpoint.port % 65535) + 1;
          else
            endpoint.host =
              endpoint.host === 'changed.example.com' ? 'other.example.com' : 'changed.example.com';
        }
        const after = synthesizeFleet(parseFleet(next));
        const reads = changedKeys(readValues(before), readValues(after));
        const annotated = changedKeys(podAnnotations(before), podAnnotations(after));
        expect(annotated).toEqual(reads);
        // Nothing outside the changed cluster, and every Deployment reading the value changes when it changes.
        expect(annotated.filter((k) => !k.startsWith(`${cluster.name}/`))).toEqual([]);
        if (!c.same) {
          const readers = c.store === 'mysql' || c.store === 'redis' ? DUBBO : READERS;
          expect(annotated).toEqual(
            QCBM_COMPONENT_NAMES.filter((n) => readers.includes(n)).map((d) => `${cluster.name}/${d}`),
          );
          changedSomewhere++;
        } else {
          expect(annotated).toEqual([]);
        }
      }),
      { numRuns: RUNS, seed: 20261124 },
    );
    expect(runs).toBe(RUNS);
    expect(changedSomewhere).toBeGreaterThan(0);
  });
});
