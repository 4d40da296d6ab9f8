import fc from 'fast-check';
import { AREAS, CLUSTER_ROLES, type FleetInput } from '../../src/model/fleet-schema';
import { QCBM_COMPONENT_NAMES } from '../../src/model/qcbm-components';

const ipv4 = fc
  .tuple(fc.integer({ min: 1, max: 254 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
  .map((o) => o.join('.'));
const port = fc.integer({ min: 1, max: 65535 });
const dnsLabel = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const uuid = fc
  .tuple(hex(8), hex(4), hex(3), hex(3), hex(12))
  .map(([a, b, c, d, e]) => `${a}-${b}-4${c}-8${d}-${e}`);
const imageTag = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,11}$/);
const component = fc.constantFrom(...QCBM_COMPONENT_NAMES);

const endpoints = fc.record({
  mysql: fc.record({ host: ipv4, port }),
  redis: fc.record({ host: ipv4, port }),
  nacos: fc.record({ host: ipv4, port }),
  skywalking: fc.record({ host: fc.constant('ap-guangzhou.tsw.tencentcloudapi.com'), port }),
});

const differences = fc.record(
  {
    components: fc.dictionary(
      component,
      fc.record({ imageTag, replicas: fc.integer({ min: 0, max: 20 }) }, { requiredKeys: [] }),
      { maxKeys: 3 },
    ),
    annotations: fc.array(
      fc.record({
        target: fc.constant({ kind: 'Ingress', name: 'qcbm-ingress' }),
        annotations: fc.dictionary(
          fc.stringMatching(/^example\.com\/[a-z]{1,8}$/),
          fc.string({ maxLength: 12 }),
          {
            minKeys: 1,
            maxKeys: 2,
          },
        ),
      }),
      { maxLength: 1 },
    ),
    patches: fc.array(
      fc.oneof(
        fc.record({
          type: fc.constant('JSONPatch' as const),
          target: component.map((name) => ({ kind: 'Deployment', name })),
          operations: fc
            .integer({ min: 0, max: 9 })
            .map((n) => [{ op: 'replace' as const, path: '/spec/replicas', value: n }]),
        }),
        fc.record({
          type: fc.constant('MergePatch' as const),
          target: fc.constant({ kind: 'ConfigMap', name: 'qcbm-env' }),
          patch: fc.stringMatching(/^[a-z]{1,10}$/).map((v) => ({ data: { FEATURE_FLAGS: v } })),
        }),
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

/** Valid fleet descriptions: 1 to `maxClusters` clusters with unique names and ids, and random differences. */
export function validFleet(maxClusters = 5): fc.Arbitrary<FleetInput> {
  const cluster = fc.record(
    {
      clusterId: uuid,
      hubNamespace: fc.option(fc.stringMatching(/^clusternet-[a-z0-9]{5}$/), { nil: undefined }),
      labels: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{1,8}$/), {
        maxKeys: 2,
      }),
      area: fc.constantFrom(...AREAS),
      role: fc.constantFrom(...CLUSTER_ROLES),
      gatewaySubnetId: fc.stringMatching(/^subnet-[a-z0-9]{8}$/),
      endpoints,
      differences: fc.option(differences, { nil: undefined }),
    },
    { requiredKeys: ['clusterId', 'area', 'gatewaySubnetId', 'endpoints'] },
  );
  return fc
    .uniqueArray(fc.tuple(dnsLabel, cluster), {
      minLength: 1,
      maxLength: maxClusters,
      selector: ([name]) => name,
    })
    .filter((list) => new Set(list.map(([, c]) => c.clusterId)).size === list.length)
    .filter((list) => {
      const namespaces = list.map(([, c]) => c.hubNamespace).filter((n) => n !== undefined);
      return new Set(namespaces).size === namespaces.length;
    })
    .map((list) => {
      const fleet: FleetInput = {
        name: 'property',
        clusters: list.map(([name, c]) => {
          const { clusterId, labels, area, role, gatewaySubnetId, endpoints, hubNamespace } = c;
          const cluster = {
            name,
            clusterId,
            labels,
            area,
            role,
            gatewaySubnetId,
            endpoints,
            region: 'ap-guangzhou',
          };
          return { ...cluster, ...(hubNamespace ? { hubNamespace } : {}) };
        }),
        differences: Object.fromEntries(
          list.filter(([, c]) => c.differences !== undefined).map(([name, c]) => [name, c.differences!]),
        ),
      };
      return fleet;
    });
}
