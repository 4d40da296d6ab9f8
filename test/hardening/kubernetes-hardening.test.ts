import { basename } from 'path';
import { parseFleet } from '../../src/model/parse-fleet';
import {
  checkKubernetesHardening,
  exemptionFor,
  KUBERNETES_HARDENING_RULES,
  QCBM_HARDENING_OPTIONS,
} from '../../src/policy/kubernetes-hardening';
import { generateFleet } from '../../scripts/generate-fleet';
import { loweredReplicasFleet, raisedReplicasFleet } from '../fixtures/fleets';
import { exampleStackFiles, loadExample, synthesizeExample } from '../support/example-fleets';

const examples = [
  ...exampleStackFiles().map((f) => [basename(f), () => loadExample(f)] as const),
  ['generateFleet(20)', () => parseFleet(generateFleet(20))] as const,
  ['raised replicas in one cluster', raisedReplicasFleet] as const,
  ['lowered replicas in one cluster', loweredReplicasFleet] as const,
];

describe('every example fleet passes the Kubernetes hardening rules', () => {
  test('the shipped environments are dev, dr, prod and staging', () => {
    expect(exampleStackFiles().map((f) => basename(f))).toEqual([
      'Pulumi.dev.yaml',
      'Pulumi.dr.yaml',
      'Pulumi.prod.yaml',
      'Pulumi.staging.yaml',
    ]);
  });

  test.each(examples)('%s: hub templates and every cluster', (_name, load) => {
    const out = synthesizeExample(load());
    const sets = [['hub-app', out.hubApp], ...Object.entries(out.clusters)] as const;
    for (const [where, manifests] of sets) {
      expect(manifests.filter((m: any) => m.kind === 'Deployment').length).toBe(6);
      expect([where, checkKubernetesHardening(manifests, QCBM_HARDENING_OPTIONS)]).toEqual([where, []]);
    }
  });

  test('with the guide hostPath volumes, only an explicit allowance lets them through', () => {
    const fleet = loadExample(exampleStackFiles()[0]);
    const withHostPath = { ...fleet, app: { ...fleet.app, hostPathVolumes: true } };
    expect(() => synthesizeExample(withHostPath)).toThrow(
      /\n {2}- cluster "guangzhou-01", Deployment qcbm\/user-service, \/spec\/template\/spec\/volumes\/0\/hostPath: breaks the hardening rule no-host-path: volumes\[0\] mounts hostPath \/data\/dumps\/user-service\. Fix: .*fleet\.policy\.exemptions/,
    );
    const exemption = { rule: 'no-host-path' as const, reason: "the guide's log and dump directories" };
    const exempted = { ...withHostPath, policy: { exemptions: [exemption] } };
    const manifests = synthesizeExample(exempted).hubApp;
    const rules = new Set(checkKubernetesHardening(manifests, QCBM_HARDENING_OPTIONS).map((v) => v.rule));
    expect([...rules]).toEqual(['no-host-path']);
    const javaServices = manifests.filter(
      (m: any) => m.kind === 'Deployment' && m.spec.template.spec.volumes?.length,
    );
    const allowed = javaServices.map((m: any) => m.metadata.name);
    expect(
      checkKubernetesHardening(manifests, { ...QCBM_HARDENING_OPTIONS, hostPathAllowed: allowed }),
    ).toEqual([]);
  });

  test('an exemption that lets nothing through is refused with its index: one left after the fix, or misspelt', () => {
    const fleet = loadExample(exampleStackFiles()[0]);
    const reason = "the guide's log and dump directories";
    const leftOver = { ...fleet, policy: { exemptions: [{ rule: 'no-host-path' as const, reason }] } };
    expect(() => synthesizeExample(leftOver)).toThrow(
      /\n {2}- fleet\.policy\.exemptions\[0\]: matches no violation \(no-host-path by any object in any cluster\)\. Fix: remove it, or correct its rule, its target \(kind, name, namespace, apiVersion\) or its cluster/,
    );
    const misspelt = {
      ...fleet,
      app: { ...fleet.app, hostPathVolumes: true },
      policy: {
        exemptions: [
          { rule: 'no-host-path' as const, reason },
          { rule: 'no-privileged' as const, target: { kind: 'Deployment', name: 'user-servce' }, reason },
        ],
      },
    };
    let message = '';
    try {
      synthesizeExample(misspelt);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/ is invalid \(1 problem\):\n/);
    expect(message).toContain(
      'fleet.policy.exemptions[1]: matches no violation (no-privileged by Deployment user-servce in any cluster)',
    );
  });
});

/** A workload that passes every rule; each test breaks one thing. */
function goodDeployment(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'svc', namespace: 'qcbm' },
    spec: {
      template: {
        spec: {
          securityContext: { runAsNonRoot: true },
          volumes: [{ name: 'logs', emptyDir: {} }],
          containers: [
            {
              name: 'svc',
              image: 'registry.example.com/svc:1.2.3',
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1Gi' } },
              readinessProbe: { tcpSocket: { port: 8080 } },
              livenessProbe: { tcpSocket: { port: 8080 } },
            },
          ],
        },
      },
    },
  };
}

const BREAKS: Record<string, (d: any) => void> = {
  'no-privileged': (d) => (d.spec.template.spec.containers[0].securityContext.privileged = true),
  'no-privilege-escalation': (d) =>
    delete d.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation,
  'drop-all-capabilities': (d) =>
    (d.spec.template.spec.containers[0].securityContext.capabilities = { drop: ['NET_RAW'] }),
  'no-host-namespaces': (d) => (d.spec.template.spec.hostNetwork = true),
  'no-host-path': (d) => d.spec.template.spec.volumes.push({ name: 'h', hostPath: { path: '/var/log' } }),
  'resources-set': (d) => delete d.spec.template.spec.containers[0].resources.limits,
  'probes-set': (d) => delete d.spec.template.spec.containers[0].readinessProbe,
  'image-pinned': (d) => (d.spec.template.spec.containers[0].image = 'registry.example.com/svc:latest'),
  'run-as-non-root': (d) => delete d.spec.template.spec.securityContext,
};

describe('the hardening rules themselves', () => {
  test('a well-configured workload passes', () => {
    expect(checkKubernetesHardening([goodDeployment()])).toEqual([]);
  });

  test('every documented rule has a breaking case here', () => {
    expect(Object.keys(BREAKS).sort()).toEqual(KUBERNETES_HARDENING_RULES.map((r) => r.id).sort());
  });

  test.each(Object.entries(BREAKS))('%s: one break, exactly that rule', (rule, brk) => {
    const d = goodDeployment();
    brk(d);
    const violations = checkKubernetesHardening([d]);
    expect(violations.map((v) => v.rule)).toEqual(expect.arrayContaining([rule]));
    expect(new Set(violations.map((v) => v.rule))).toEqual(new Set([rule]));
    expect(violations[0].object).toBe('Deployment qcbm/svc');
  });

  test('an untagged image is not pinned; a digest is', () => {
    const untagged = goodDeployment();
    untagged.spec.template.spec.containers[0].image = 'registry.example.com:5000/svc';
    expect(checkKubernetesHardening([untagged]).map((v) => v.rule)).toEqual(['image-pinned']);
    const digest = goodDeployment();
    digest.spec.template.spec.containers[0].image = `registry.example.com/svc@sha256:${'a'.repeat(64)}`;
    expect(checkKubernetesHardening([digest])).toEqual([]);
  });

  test('named workloads may be allowed root or a hostPath; others may not', () => {
    const d = goodDeployment();
    BREAKS['run-as-non-root'](d);
    BREAKS['no-host-path'](d);
    expect(checkKubernetesHardening([d], { rootAllowed: ['svc'], hostPathAllowed: ['svc'] })).toEqual([]);
    expect(
      checkKubernetesHardening([d], { rootAllowed: ['other'], hostPathAllowed: ['other'] }),
    ).toHaveLength(2);
  });

  test('Jobs and CronJobs run to completion: exempt from probes, held to every other rule', () => {
    const withoutProbes = () => {
      const d = goodDeployment();
      delete d.spec.template.spec.containers[0].readinessProbe;
      delete d.spec.template.spec.containers[0].livenessProbe;
      return d;
    };
    const job = { ...withoutProbes(), apiVersion: 'batch/v1', kind: 'Job' };
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'svc', namespace: 'qcbm' },
      spec: { jobTemplate: { spec: withoutProbes().spec } },
    };
    expect(checkKubernetesHardening([job, cronJob])).toEqual([]);
    expect(checkKubernetesHardening([withoutProbes()]).map((v) => v.rule)).toEqual([
      'probes-set',
      'probes-set',
    ]);
    BREAKS['run-as-non-root'](job);
    expect(checkKubernetesHardening([job]).map((v) => [v.rule, v.object])).toEqual([
      ['run-as-non-root', 'Job qcbm/svc'],
    ]);
    expect(KUBERNETES_HARDENING_RULES.find((r) => r.id === 'probes-set')?.description).toMatch(
      /except in Jobs/,
    );
  });
});

function withoutProbes(container: any): any {
  const copy = { ...container };
  delete copy.readinessProbe;
  delete copy.livenessProbe;
  return copy;
}

describe('where a violation is, and what exempts it', () => {
  test.each([
    ['no-privileged', '/spec/template/spec/containers/0/securityContext/privileged'],
    ['no-host-namespaces', '/spec/template/spec/hostNetwork'],
    ['no-host-path', '/spec/template/spec/volumes/1/hostPath'],
    ['resources-set', '/spec/template/spec/containers/0/resources/limits/cpu'],
    ['image-pinned', '/spec/template/spec/containers/0/image'],
  ])('%s names the JSON pointer of the field', (rule, path) => {
    const d = goodDeployment();
    BREAKS[rule](d);
    expect(checkKubernetesHardening([d]).map((v) => v.path)).toContain(path);
  });

  test('an init container is pointed at in initContainers, a CronJob through its job template', () => {
    const d = goodDeployment();
    const probeless = withoutProbes(d.spec.template.spec.containers[0]);
    // The API server refuses probes on init containers: they need none.
    const init = { ...probeless, name: 'init' };
    init.securityContext = { ...init.securityContext, privileged: true };
    d.spec.template.spec.initContainers = [init];
    expect(checkKubernetesHardening([d]).map((v) => v.path)).toEqual([
      '/spec/template/spec/initContainers/0/securityContext/privileged',
    ]);
    const cron = { kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: d.spec } } };
    expect(checkKubernetesHardening([cron]).map((v) => v.path)).toEqual([
      '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/privileged',
    ]);
  });

  test('a sidecar init container (restartPolicy Always) needs its probes', () => {
    const d = goodDeployment();
    const probeless = withoutProbes(d.spec.template.spec.containers[0]);
    d.spec.template.spec.initContainers = [{ ...probeless, name: 'proxy', restartPolicy: 'Always' }];
    expect(checkKubernetesHardening([d]).map((v) => v.path)).toEqual([
      '/spec/template/spec/initContainers/0/readinessProbe',
      '/spec/template/spec/initContainers/0/livenessProbe',
    ]);
  });

  test('an exemption matches its rule, its target (namespace and apiVersion where given) and its cluster', () => {
    const d = goodDeployment();
    const reason = 'r';
    const target = { kind: 'Deployment', name: 'svc' };
    expect(exemptionFor([{ rule: 'no-privileged', reason }], 'no-privileged', d, 'a')).toBeDefined();
    expect(exemptionFor([{ rule: 'no-host-path', reason }], 'no-privileged', d, 'a')).toBeUndefined();
    expect(exemptionFor([{ rule: 'no-privileged', target, reason }], 'no-privileged', d, 'a')).toBeDefined();
    const other = { kind: 'Deployment', name: 'other' };
    expect(
      exemptionFor([{ rule: 'no-privileged', target: other, reason }], 'no-privileged', d, 'a'),
    ).toBeUndefined();
    const elsewhere = { ...target, namespace: 'elsewhere' };
    expect(
      exemptionFor([{ rule: 'no-privileged', target: elsewhere, reason }], 'no-privileged', d),
    ).toBeUndefined();
    const v2 = { ...target, apiVersion: 'apps/v2' };
    expect(exemptionFor([{ rule: 'no-privileged', target: v2, reason }], 'no-privileged', d)).toBeUndefined();
    const inA = { rule: 'no-privileged' as const, cluster: 'a', reason };
    expect(exemptionFor([inA], 'no-privileged', d, 'a')).toBe(inA);
    expect(exemptionFor([inA], 'no-privileged', d, 'b')).toBeUndefined();
    // The hub's templates go to every cluster: an exemption for one cluster does not cover them.
    expect(exemptionFor([inA], 'no-privileged', d)).toBeUndefined();
  });
});
