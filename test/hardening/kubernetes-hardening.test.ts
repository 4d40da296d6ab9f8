import { basename } from 'path';
import { parseFleet } from '../../src/model/parse-fleet';
import {
  checkKubernetesHardening,
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
    const manifests = synthesizeExample(withHostPath).hubApp;
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
