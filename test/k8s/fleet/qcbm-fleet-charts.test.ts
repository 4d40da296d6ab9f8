import { App } from 'cdk8s';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { addQcbmFleetCharts, synthEnvironment, synthesizeFleet } from '../../../src/k8s';
import { type FleetInput, parseFleet, ValidationError } from '../../../src/model';
import { devFleet, wideFleet, wideFleetInput } from '../../fixtures/fleets';
import { REPO_ROOT } from '../../support/repo-root';
import { kubernetesSchemaErrors } from '../../support/kubernetes-schema';
import { thrownBy } from '../../support/thrown';

/**
 * The TDCC guide's two Localizations for guangzhou-02 (hub namespace clusternet-bbg66), as the seed writes them but
 * for NACOS_HOST: dev runs a Nacos in each cluster, whose Service has the same name in both.
 */
const GUIDE_CONFIG_OVERRIDE = {
  name: 'qcbm-config-override',
  namespace: 'clusternet-bbg66',
  priority: 300,
  feed: { apiVersion: 'v1', kind: 'ConfigMap', name: 'qcbm-env', namespace: 'qcbm' },
  overrides: [
    {
      name: 'config-override',
      type: 'JSONPatch',
      value: [
        { op: 'replace', path: '/data/REDIS_HOST', value: '10.24.4.25' },
        { op: 'replace', path: '/data/MYSQL_PORT', value: '63579' },
        { op: 'replace', path: '/data/MYSQL_HOST', value: 'hk-cdb-a2b1ptyb.sql.tencentcdb.com' },
      ],
    },
  ],
};
const GUIDE_GATEWAY_OVERRIDE = {
  name: 'qcbm-svc-gateway-override',
  namespace: 'clusternet-bbg66',
  priority: 300,
  feed: { apiVersion: 'v1', kind: 'Service', name: 'api-gateway', namespace: 'qcbm' },
  overrides: [
    {
      name: 'svc-override',
      type: 'JSONPatch',
      value: [
        {
          op: 'replace',
          path: '/metadata/annotations/service.kubernetes.io~1qcloud-loadbalancer-internal-subnetid',
          value: 'subnet-k8s00002',
        },
      ],
    },
  ],
};
/**
 * The guide's 13 feeds, with the Ingress moved to networking.k8s.io/v1 (extensions/v1beta1 is gone since 1.22), and
 * each cluster's own Nacos (a standalone StatefulSet and its Services).
 */
const GUIDE_FEEDS = [
  'v1/Namespace/qcbm',
  'v1/ConfigMap/qcbm/qcbm-env',
  'v1/Secret/qcbm/qcbm-keys',
  'apps/v1/Deployment/qcbm/user-service',
  'apps/v1/Deployment/qcbm/store-service',
  'apps/v1/Deployment/qcbm/qcbm-gateway',
  'apps/v1/Deployment/qcbm/qcbm-front',
  'apps/v1/Deployment/qcbm/order-service',
  'apps/v1/Deployment/qcbm/favorites-service',
  'v1/Service/qcbm/qcbm-front',
  'v1/Service/qcbm/api-gateway',
  'networking.k8s.io/v1/Ingress/qcbm/qcbm-ingress',
  'apps/v1/StatefulSet/qcbm/nacos',
  'v1/Service/qcbm/nacos-headless',
  'v1/Service/qcbm/nacos',
];

const ofKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);
const comparable = (l: any) => ({
  name: l.metadata.name,
  namespace: l.metadata.namespace,
  priority: l.spec.priority,
  feed: l.spec.feed,
  overrides: l.spec.overrides.map((o: any) => ({ name: o.name, type: o.type, value: JSON.parse(o.value) })),
});

describe('the dev fleet reproduces the TDCC guide', () => {
  const synthesized = synthesizeFleet(devFleet());

  test("guangzhou-02's Localizations: the guide's two in content, then the checksum of each Deployment reading them", () => {
    const localizations = ofKind(synthesized.hubDistribution, 'Localization');
    const [config, gateway, ...checksums] = localizations.map(comparable);
    expect([config, gateway]).toEqual([GUIDE_CONFIG_OVERRIDE, GUIDE_GATEWAY_OVERRIDE]);
    // REDIS_HOST and MySQL change; NACOS_HOST does not (each cluster's own Nacos has the same Service name), so the
    // gateway, which reads neither store, keeps its checksum.
    expect(
      checksums.map((l) => [l.name, l.namespace, l.feed.name, l.overrides.map((o: any) => o.name)]),
    ).toEqual(
      ['user-service', 'store-service', 'order-service', 'favorites-service'].map((d) => [
        `qcbm-${d}-override`,
        'clusternet-bbg66',
        d,
        ['checksum-override'],
      ]),
    );
    expect(localizations.every((l) => l.spec.overridePolicy === 'ApplyNow')).toBe(true);
  });

  test('the Subscription distributes every object of the guide to both clusters by id', () => {
    const [subscription] = ofKind(synthesized.hubDistribution, 'Subscription');
    expect(subscription.metadata).toEqual({ name: 'qcbm-subscription', namespace: 'default' });
    const feeds = subscription.spec.feeds.map((f: any) =>
      [f.apiVersion, f.kind, f.namespace, f.name].filter(Boolean).join('/'),
    );
    expect([...feeds].sort()).toEqual([...GUIDE_FEEDS].sort());
    expect(feeds.slice(0, 3)).toEqual(GUIDE_FEEDS.slice(0, 3));
    expect(
      subscription.spec.subscribers.map(
        (s: any) => s.clusterAffinity.matchLabels['clusters.clusternet.io/cluster-id'],
      ),
    ).toEqual(['ebfcf224-acc8-4992-8a37-61c371cb7c1f', '3c1a52d6-5d0e-4f4b-9a0c-7c2b8e6f1d42']);
  });

  test('each cluster runs its own endpoints and subnet', () => {
    const config = (cluster: string) =>
      (synthesized.clusters[cluster] as any[]).find((o: any) => o.kind === 'ConfigMap').data;
    expect(config('guangzhou-01').MYSQL_HOST).toBe('10.0.1.10');
    expect(config('guangzhou-02')).toMatchObject({
      MYSQL_HOST: 'hk-cdb-a2b1ptyb.sql.tencentcdb.com',
      MYSQL_PORT: '63579',
      REDIS_HOST: '10.24.4.25',
    });
    const subnet = (cluster: string) =>
      (synthesized.clusters[cluster] as any[]).find((o: any) => o.metadata.name === 'api-gateway').metadata
        .annotations['service.kubernetes.io/qcloud-loadbalancer-internal-subnetid'];
    expect([subnet('guangzhou-01'), subnet('guangzhou-02')]).toEqual(['subnet-k8s00001', 'subnet-k8s00002']);
  });
});

describe('every synthesized object validates against the Kubernetes schema', () => {
  test.each([
    ['dev', devFleet],
    ['wide', wideFleet],
  ])('%s fleet: hub templates and every rendered cluster', (_name, fleet) => {
    const s = synthesizeFleet(fleet());
    expect(kubernetesSchemaErrors([...s.hubApp, ...Object.values(s.clusters).flat()])).toEqual([]);
  });
});

describe('fleet differences', () => {
  const wide = synthesizeFleet(wideFleet());

  test('gray update, replicas, annotations and raw patches reach only their cluster', () => {
    const deployment = (cluster: string, name: string) =>
      (wide.clusters[cluster] as any[]).find((o: any) => o.kind === 'Deployment' && o.metadata.name === name);
    expect(deployment('shanghai-01', 'user-service').spec.template.spec.containers[0].image).toBe(
      'ccr.ccs.tencentyun.com/qcbm/user-service:fdd3edd',
    );
    expect(deployment('shanghai-01', 'user-service').spec.replicas).toBe(3);
    expect(deployment('beijing-01', 'user-service').spec.template.spec.containers[0].image).toBe(
      'ccr.ccs.tencentyun.com/qcbm/user-service:1.1.4',
    );
    expect(deployment('shanghai-01', 'qcbm-front').spec.replicas).toBe(4);
    expect(deployment('guangzhou-dr', 'order-service').spec.replicas).toBe(0);
    const ingress = (wide.clusters['shanghai-01'] as any[]).find((o: any) => o.kind === 'Ingress');
    expect(ingress.metadata.annotations['example.com/owner']).toBe('sh-team');
    expect(
      (wide.clusters['guangzhou-dr'] as any[]).find((o: any) => o.kind === 'ConfigMap').data.FEATURE_FLAGS,
    ).toBe('dr-readonly');
  });

  test('a cluster without a hub namespace gets Globalizations selecting it by id', () => {
    const globalizations = ofKind(wide.hubDistribution, 'Globalization');
    // Its endpoints differ: every Deployment reading them gets its checksum there (the front reads none).
    expect(globalizations.map((g) => g.metadata.name).sort()).toEqual([
      'qcbm-config-override-guangzhou-dr',
      'qcbm-env-configmap-override-guangzhou-dr',
      'qcbm-favorites-service-override-guangzhou-dr',
      'qcbm-order-service-override-guangzhou-dr',
      'qcbm-qcbm-gateway-override-guangzhou-dr',
      'qcbm-store-service-override-guangzhou-dr',
      'qcbm-svc-gateway-override-guangzhou-dr',
      'qcbm-user-service-override-guangzhou-dr',
    ]);
    expect(
      globalizations.every(
        (g) =>
          g.spec.clusterAffinity.matchLabels['clusters.clusternet.io/cluster-id'] ===
          '33333333-3333-4333-8333-333333333333',
      ),
    ).toBe(true);
  });

  test('a fleet patch to a missing path fails, naming the cluster, object, op and path', () => {
    const input = wideFleetInput() as any;
    input.differences['shanghai-01'].patches[0].operations = [
      { op: 'replace', path: '/spec/strategy/type', value: 'Recreate' },
    ];
    expect(() => synthesizeFleet(parseFleet(input))).toThrow(
      /cluster "shanghai-01", Localization clusternet-bbbbb\/qcbm-front-deployment-override, override "front-replicas": cannot apply to Deployment qcbm\/qcbm-front: operation 0 \('replace' \/spec\/strategy\/type\): \/spec\/strategy is missing or not an object or array\. On the hub this override is skipped without a word/,
    );
  });

  test('a raw patch replacing a missing ConfigMap key synthesizes with a warning and renders the added key', () => {
    const input = wideFleetInput() as any;
    input.differences['shanghai-01'].patches.push({
      type: 'JSONPatch',
      name: 'feature-flag',
      target: { kind: 'ConfigMap', name: 'qcbm-env' },
      operations: [{ op: 'replace', path: '/data/FEATURE_FLAGS', value: 'beta' }],
    });
    const s = synthesizeFleet(parseFleet(input));
    const config = (s.clusters['shanghai-01'] as any[]).find((o) => o.kind === 'ConfigMap');
    expect(config.data.FEATURE_FLAGS).toBe('beta');
    expect(s.warnings).toEqual([
      'cluster "shanghai-01", Localization clusternet-bbbbb/qcbm-env-configmap-override, override "feature-flag": applies to ConfigMap qcbm/qcbm-env only through a leniency of the hub\'s patch library that the RFC forbids: operation 0 replaces the missing key /data/FEATURE_FLAGS: the hub adds it. Fix: use op \'add\' for a key the object may not have',
    ]);

    input.distribution = { strict: true };
    expect(() => synthesizeFleet(parseFleet(input))).toThrow(
      /replaces the missing key \/data\/FEATURE_FLAGS: the hub adds it/,
    );
  });

  test('`npm run synth` prints the warnings on stderr and still writes the files', () => {
    const input = wideFleetInput() as any;
    input.differences['guangzhou-dr'].patches.push({
      type: 'JSONPatch',
      target: { kind: 'Deployment', name: 'user-service' },
      operations: [
        { op: 'replace', path: '/spec/template/spec/containers/-1/imagePullPolicy', value: 'Always' },
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), 'qcbm-warn-'));
    try {
      const file = join(dir, 'Pulumi.warn.yaml');
      writeFileSync(file, stringify({ config: { 'qcbm:fleet': input } }));
      const run = spawnSync(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', join(REPO_ROOT, 'src/cli/bin.ts'), 'synth'],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, QCBM_FLEET_FILE: file, CDK8S_OUTDIR: join(dir, 'out') },
          encoding: 'utf8',
        },
      );
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(
        /^Warning: cluster "guangzhou-dr", Globalization .*index -1 of \/spec\/template\/spec\/containers\/-1 counts from the end/m,
      );
      expect(readdirSync(join(dir, 'out'))).toContain('cluster-guangzhou-dr.k8s.yaml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a difference naming an object the app does not emit fails with its fleet path and the names to use', () => {
    const input = wideFleetInput() as any;
    input.differences['shanghai-01'].annotations[0].target = { kind: 'Ingress', name: 'qcbm' };
    const error = thrownBy(() => synthesizeFleet(parseFleet(input))) as ValidationError;
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'fleet.differences["shanghai-01"].annotations[0].target',
        fix: 'use one of the app\'s Ingress names: "qcbm-ingress"',
      }),
    ]);
  });

  test('endpoints created by pulumi up are required before cdk8s can synthesize', () => {
    const input = wideFleetInput() as FleetInput & { cloud: unknown };
    const clusters = input.clusters as any[];
    delete clusters[0].endpoints.mysql;
    input.cloud = {
      regions: [
        {
          region: 'ap-beijing',
          zone: 'ap-beijing-5',
          vpcCidr: '10.10.0.0/16',
          nodeSubnetCidr: '10.10.0.0/20',
          dataSubnetCidr: '10.10.16.0/24',
          kubernetes: { clusterCidr: '172.20.0.0/16', serviceCidr: '172.21.0.0/20' },
          nacos: { mode: 'external' },
        },
      ],
    };
    const fleet = parseFleet(input);
    expect(() => synthesizeFleet(fleet)).toThrow(
      /fleet.clusters\[0\].endpoints.mysql: is not known yet: ap-beijing creates it during `pulumi up`/,
    );
    const withEndpoint = synthesizeFleet(fleet, {
      runtime: { 'beijing-01': { endpoints: { mysql: { host: '10.10.16.5', port: 3306 } } } },
    });
    expect(
      (withEndpoint.clusters['beijing-01'] as any[]).find((o: any) => o.kind === 'ConfigMap').data.MYSQL_HOST,
    ).toBe('10.10.16.5');
  });

  test('CLBs created by the stack are attached through TKE annotations, per cluster', () => {
    const s = synthesizeFleet(devFleet(), {
      runtime: {
        'guangzhou-02': { loadBalancers: { ingressClbId: 'lb-ing00002', gatewayClbId: 'lb-gw000002' } },
      },
    });
    const object = (kind: string) =>
      (s.clusters['guangzhou-02'] as any[]).find(
        (o: any) => o.kind === kind && ['qcbm-ingress', 'api-gateway'].includes(o.metadata.name),
      );
    expect(object('Ingress').metadata.annotations['kubernetes.io/ingress.existLbId']).toBe('lb-ing00002');
    expect(object('Service').metadata.annotations['service.kubernetes.io/tke-existed-lbid']).toBe(
      'lb-gw000002',
    );
    expect(
      (s.clusters['guangzhou-01'] as any[]).find((o: any) => o.kind === 'Ingress').metadata.annotations[
        'kubernetes.io/ingress.existLbId'
      ],
    ).toBeUndefined();
  });
});

describe('cdk8s synth of an environment', () => {
  test('writes the hub files and one file per cluster, with no Secret values', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'qcbm-synth-'));
    try {
      synthEnvironment({ stackFile: join(REPO_ROOT, 'Pulumi.dev.yaml'), outdir });
      expect(readdirSync(outdir).sort()).toEqual([
        'cluster-guangzhou-01.k8s.yaml',
        'cluster-guangzhou-02.k8s.yaml',
        'hub-app.k8s.yaml',
        'hub-distribution.k8s.yaml',
      ]);
      const docs = readdirSync(outdir).flatMap((f) =>
        parseAllDocuments(readFileSync(join(outdir, f), 'utf8')).map((d) => d.toJS()),
      );
      expect(docs.filter((d) => d.kind === 'Secret')).toEqual([]);
      // The hub: 11 objects of the guide and a Nacos (StatefulSet, two Services), a Subscription, 2 Localizations and
      // 4 checksums (guangzhou-02's services); 14 per cluster. Each cluster of dev has its own database: a schema Job each, on
      // the hub with a Subscription of its own, and in that cluster's manifests.
      expect(docs.length).toBe(14 + 1 + 2 + 4 + 14 * 2 + 2 * 3);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('the charts can be composed into any cdk8s App', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'qcbm-app-')) });
    const charts = addQcbmFleetCharts(app, { fleet: devFleet(), renderClusters: false });
    expect(charts.clusterCharts).toEqual([]);
    expect(app.charts.map((c) => c.node.id)).toEqual(['hub-app', 'hub-distribution']);
    expect(existsSync(app.outdir)).toBe(true);
    rmSync(app.outdir, { recursive: true, force: true });
  });
});
