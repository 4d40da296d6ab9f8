import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import {
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  unknownCheckingProxy,
} from '@pulumi/policy';
import { runtime } from '@pulumi/pulumi';
import { qcbmPolicies } from '../../policy/policies';
import { CLOUD_RULES } from '../../src/policy/cloud-rules';
import { KUBERNETES_HARDENING_RULES, QCBM_HARDENING_OPTIONS } from '../../src/policy/kubernetes-hardening';
import { stackFileExemptions } from '../../policy/stack-exemptions';
import { REPO_ROOT } from '../support/repo-root';
import { KUBERNETES_TYPES, TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

/** Where a resource goes: its stack and the provider it is registered with. */
interface Placement {
  readonly stack?: string;
  readonly provider?: Record<string, unknown>;
}

/** Runs one policy on one resource as the policy engine would; returns the messages it reports. */
function run(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, any>,
  name = 'r',
  { stack = 's', provider }: Placement = {},
): string[] {
  const messages: string[] = [];
  const args = {
    type,
    props,
    name,
    urn: `urn:pulumi:${stack}::p::${type}::${name}`,
    ...(provider
      ? { provider: { type: KUBERNETES_TYPES.provider, props: provider, urn: 'urn:p', name: 'k8s' } }
      : {}),
  } as unknown as ResourceValidationArgs;
  const validate = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : [policy.validateResource];
  for (const v of validate) if (v) void v(args, (m: string) => messages.push(m));
  return messages;
}

function runAll(
  type: string,
  props: Record<string, any>,
  policies = qcbmPolicies(),
  placement: Placement = {},
): Record<string, string[]> {
  return Object.fromEntries(
    policies
      .map((p) => [p.name, run(p, type, props, 'r', placement)] as const)
      .filter(([, m]) => m.length > 0),
  );
}

const goodDeployment = {
  metadata: { name: 'user-service', namespace: 'qcbm' },
  spec: {
    template: {
      spec: {
        securityContext: { runAsNonRoot: true },
        containers: [
          {
            name: 'user-service',
            image: 'ccr.ccs.tencentyun.com/qcbm/user-service:1.0.0',
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
            readinessProbe: { tcpSocket: { port: 20880 } },
            livenessProbe: { tcpSocket: { port: 20880 } },
          },
        ],
      },
    },
  },
};

describe('the QCBM policy pack', () => {
  test('has one mandatory policy per documented rule', () => {
    const names = qcbmPolicies().map((p) => p.name);
    expect(names).toEqual([...CLOUD_RULES, ...KUBERNETES_HARDENING_RULES].map((r) => `qcbm-${r.id}`));
    expect(new Set(qcbmPolicies().map((p) => p.enforcementLevel))).toEqual(new Set(['mandatory']));
  });

  test('flags a public MySQL and a world-open data port, and nothing else about them', () => {
    expect(runAll(TENCENTCLOUD_TYPES.mysqlInstance, { internetService: 1 })).toEqual({
      'qcbm-no-public-database': [expect.stringContaining('internetService is on')],
    });
    expect(runAll(TENCENTCLOUD_TYPES.mysqlDrInstance, { internetService: 1 })).toHaveProperty(
      'qcbm-no-public-database',
    );
    expect(
      runAll(TENCENTCLOUD_TYPES.securityGroupRuleSet, {
        ingresses: [{ action: 'ACCEPT', protocol: 'TCP', port: '6000-6500', cidrBlock: '0.0.0.0/0' }],
      }),
    ).toEqual({ 'qcbm-no-world-open-data-ports': [expect.stringContaining('port 6379')] });
    expect(runAll(TENCENTCLOUD_TYPES.mysqlInstance, { internetService: 0 })).toEqual({});
  });

  test('flags a public Kubernetes API without its security group, at preview as at update', () => {
    const endpoint = TENCENTCLOUD_TYPES.tkeClusterEndpoint;
    expect(runAll(endpoint, { clusterId: 'cls-1', clusterInternet: true })).toEqual({
      'qcbm-no-open-kubernetes-api': [expect.stringContaining('without clusterInternetSecurityGroup')],
    });
    // During preview the group's id is unknown: the pack's proxy throws on reading it; it is given all the same.
    const preview = unknownCheckingProxy({
      clusterInternet: true,
      clusterInternetSecurityGroup: runtime.unknownValue,
    });
    expect(runAll(endpoint, preview)).toEqual({});
    expect(runAll(endpoint, { clusterInternet: true, clusterInternetSecurityGroup: 'sg-1' })).toEqual({});
  });

  test('flags a bad Deployment resource (as `pulumi up` registers it) once per broken rule', () => {
    expect(runAll('kubernetes:apps/v1:Deployment', goodDeployment)).toEqual({});
    const bad = structuredClone(goodDeployment) as any;
    bad.spec.template.spec.hostNetwork = true;
    bad.spec.template.spec.containers[0].image = 'nginx:latest';
    delete bad.spec.template.spec.containers[0].livenessProbe;
    expect(Object.keys(runAll('kubernetes:apps/v1:Deployment', bad)).sort()).toEqual([
      'qcbm-image-pinned',
      'qcbm-no-host-namespaces',
      'qcbm-probes-set',
    ]);
  });

  test('lets only qcbm-front run as root by default', () => {
    const root = structuredClone(goodDeployment) as any;
    delete root.spec.template.spec.securityContext;
    expect(Object.keys(runAll('kubernetes:apps/v1:Deployment', root))).toEqual(['qcbm-run-as-non-root']);
    root.metadata.name = 'qcbm-front';
    expect(runAll('kubernetes:apps/v1:Deployment', root)).toEqual({});
  });

  test('checks the manifests a ConfigGroup is given', () => {
    const objs = [{ apiVersion: 'apps/v1', kind: 'Deployment', ...goodDeployment }];
    expect(runAll(KUBERNETES_TYPES.configGroup, { objs })).toEqual({});
    const privileged = structuredClone(objs) as any;
    privileged[0].spec.template.spec.containers[0].securityContext.privileged = true;
    expect(runAll(KUBERNETES_TYPES.configGroup, { objs: privileged })).toEqual({
      'qcbm-no-privileged': [expect.stringContaining('Deployment qcbm/user-service')],
    });
  });

  test("honours the fleet's exemptions, as synthesis matches them, and still reports what they do not allow", () => {
    const reason = 'the profiler attaches to the JVM';
    const exemptions = [
      {
        rule: 'no-privileged' as const,
        target: { kind: 'Deployment', name: 'user-service' },
        cluster: 'a',
        reason,
      },
    ];
    const policies = qcbmPolicies(QCBM_HARDENING_OPTIONS, (stack) => ({
      exemptions: stack === 'dev' ? exemptions : [],
    }));
    const objs = [{ apiVersion: 'apps/v1', kind: 'Deployment', ...structuredClone(goodDeployment) }] as any[];
    objs[0].spec.template.spec.containers[0].securityContext.privileged = true;
    objs[0].spec.template.spec.containers[0].image = 'nginx:latest';
    const inA = { stack: 'dev', provider: { clusterIdentifier: 'a' } };
    // Exempted in cluster a: the image is not, and is still reported.
    expect(runAll(KUBERNETES_TYPES.configGroup, { objs }, policies, inA)).toEqual({
      'qcbm-image-pinned': [expect.stringContaining('Deployment qcbm/user-service')],
    });
    // The same Deployment as `pulumi up` registers it (a child of the ConfigGroup, with its provider).
    const [deployment] = objs;
    expect(Object.keys(runAll('kubernetes:apps/v1:Deployment', deployment, policies, inA))).toEqual([
      'qcbm-image-pinned',
    ]);
    // Not in cluster b, not on the hub's templates (an exemption of one cluster), not in another stack.
    for (const elsewhere of [
      { stack: 'dev', provider: { clusterIdentifier: 'b' } },
      { stack: 'dev', provider: { kubeconfig: 'hub' } },
      { stack: 'prod', provider: { clusterIdentifier: 'a' } },
    ]) {
      expect(Object.keys(runAll(KUBERNETES_TYPES.configGroup, { objs }, policies, elsewhere)).sort()).toEqual(
        ['qcbm-image-pinned', 'qcbm-no-privileged'],
      );
    }
  });

  describe("reads each stack's exemptions from its stack file, as policy/index.ts does", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'qcbm-pack-'));
      const doc = parse(readFileSync(join(REPO_ROOT, 'Pulumi.staging.yaml'), 'utf8'));
      doc.config['qcbm:fleet'].policy = {
        exemptions: [
          { rule: 'no-privileged', target: { kind: 'Deployment', name: 'user-service' }, reason: 'r' },
        ],
      };
      writeFileSync(join(dir, 'Pulumi.staging.yaml'), stringify(doc));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const privileged = () => {
      const d = { apiVersion: 'apps/v1', kind: 'Deployment', ...structuredClone(goodDeployment) } as any;
      d.spec.template.spec.containers[0].securityContext.privileged = true;
      return { objs: [d] };
    };

    test('the stack named in the URN', () => {
      const policies = qcbmPolicies(QCBM_HARDENING_OPTIONS, stackFileExemptions(dir));
      expect(runAll(KUBERNETES_TYPES.configGroup, privileged(), policies, { stack: 'staging' })).toEqual({});
    });

    test('a stack without a readable file gets no exemption, and each report says why', () => {
      const policies = qcbmPolicies(QCBM_HARDENING_OPTIONS, stackFileExemptions(dir));
      expect(runAll(KUBERNETES_TYPES.configGroup, privileged(), policies, { stack: 'prod' })).toEqual({
        'qcbm-no-privileged': [
          expect.stringMatching(
            /runs privileged \(no exemption applied: .*Pulumi\.prod\.yaml is invalid \(1 problem\):\n {2}- file: /,
          ),
        ],
      });
    });
  });

  test('passes every resource of the prod plan (regions, data stores, manifests)', async () => {
    const { planStack } = await import('../../src/testing/offline-plan');
    const plan = await planStack({ stack: 'prod', projectDir: REPO_ROOT });
    const resources = plan.groups.flatMap((g) => g.resources);
    expect(resources.length).toBeGreaterThan(60);
    // As policy/index.ts builds the pack: with the exemptions of Pulumi.prod.yaml.
    const policies = qcbmPolicies(QCBM_HARDENING_OPTIONS, stackFileExemptions(REPO_ROOT));
    const reports = resources.flatMap((r) =>
      policies.flatMap((p) =>
        run(p, r.type, r.inputs, r.name, { stack: 'prod' }).map((m) => `${p.name} ${r.name}: ${m}`),
      ),
    );
    expect(reports).toEqual([]);
  });
});
