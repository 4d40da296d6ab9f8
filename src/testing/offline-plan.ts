import * as pulumi from '@pulumi/pulumi';
import { join } from 'path';
import { findMissingConfig } from '../cloud/environment/required-config';
import { TENCENTCLOUD_TYPES as T } from '../cloud/type-tokens';
import type { Fleet, HardeningExemption } from '../model/fleet-schema';
import { fleetOfStackDocument, readStackDocument } from '../model/load-fleet';
import {
  deliveryNames,
  ENVIRONMENT_NAME,
  isNamedAfter,
  tencentCloudProviderName,
} from '../model/resource-names';
import { type RuntimeNeed, runtimeNeeds } from '../model/runtime-needs';
import { stackConfigKey } from '../model/stack-config';
import { ValidationError } from '../model/validation-error';
import type { CloudViolation } from '../policy/cloud-rules';
import { type HardeningOptions, QCBM_HARDENING_OPTIONS } from '../policy/kubernetes-hardening';
import { type DisasterRecoveryReport, disasterRecoveryReport } from './disaster-recovery';
import { FakeTencentCloud, type RegisteredResource } from './fake-tencent-cloud';
import { cloudViolations, type KubernetesPlanViolation, kubernetesViolations } from './plan-policy';
import { type PulumiProject, readPulumiProject } from './pulumi-project';
import { type PlannedOptions, recordResourceOptions } from './resource-options';
import { type PublicEntryReport, publicEntryReport } from './public-entry-report';
import { stackConfigOf } from './read-stack-file';
import { collectSecretStrings, redactInputs, REDACTED } from './redact';

export interface OfflinePlanOptions {
  /** The stack, e.g. `prod`; its config is read from `Pulumi.<stack>.yaml`. */
  readonly stack: string;
  /** @default - `Pulumi.<stack>.yaml` in `projectDir` */
  readonly stackFile?: string;
  /** The directory of `Pulumi.yaml`. @default - the current directory */
  readonly projectDir?: string;
  /** `Pulumi.yaml` as the caller read it (`readPulumiProject`). @default - read from `projectDir` */
  readonly project?: PulumiProject;
  /**
   * The mocks to run under; pass your own to read the raw registrations (secret inputs included) afterwards.
   * @default - a fresh FakeTencentCloud
   */
  readonly mocks?: FakeTencentCloud;
  /**
   * What the Kubernetes hardening rules allow in the plan's report, besides the fleet's `policy.exemptions`
   * (synthesis itself refuses what QCBM_HARDENING_OPTIONS and those exemptions do not allow).
   * @default QCBM_HARDENING_OPTIONS, as the policy pack
   */
  readonly hardening?: HardeningOptions;
  /**
   * The module to run in place of `Pulumi.yaml`'s `main`: the same program, compiled.
   * @default - the `main` of `Pulumi.yaml`
   */
  readonly program?: string;
  /**
   * Keep stack traces while the program runs. The Pulumi SDK records one for every promise it makes, which is a
   * tenth of a plan's time; turn them off where nobody reads them.
   * @default true
   */
  readonly stackTraces?: boolean;
}

/** One resource in the plan, with its inputs redacted. */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** The type of the component it belongs to (from its URN); absent at the top level. */
  readonly parentType?: string;
  readonly provider?: string;
  readonly inputs: Record<string, unknown>;
  /** The options that decide what `pulumi up` does to it when it exists (retained, imported, ...). */
  readonly options?: PlannedOptions;
}

/** Resources grouped by the region they live in; `shared` holds what spans regions. */
export interface PlanGroup {
  readonly key: string;
  readonly title: string;
  readonly resources: PlannedResource[];
}

export interface OfflinePlan {
  readonly stack: string;
  readonly environment: string;
  readonly delivery: 'hub' | 'direct';
  /** Who reaches the API servers of the clusters the stack creates (`fleet.cloud.kubernetesApi.access`). */
  readonly kubernetesApi: 'intranet' | 'public';
  /** Secret config the stack file does not hold; the plan used placeholders, `pulumi up` needs real values. */
  readonly placeholders: { key: string; entry?: string; message: string; fix?: string }[];
  /** Keys that are encrypted in the stack file (read as placeholders). */
  readonly encryptedKeys: string[];
  readonly groups: PlanGroup[];
  /**
   * The stack outputs as `pulumi up` would publish them, with placeholder values, as `pulumi stack output --json`
   * prints them (secret outputs as `[secret]`). For this package's program: the shape of `printedStackOutputsSchema`
   * (src/model/stack-outputs.ts), what `qcbm-fleet drill` and `failover` read.
   */
  readonly outputs: unknown;
  /** Cloud policy violations found in the planned resources (see src/policy/cloud-rules.ts). */
  readonly violations: CloudViolation[];
  /** Where the Kubernetes hardening rules looked: `cluster <name>` per cluster (direct delivery), or `hub`. */
  readonly kubernetesTargets: string[];
  /** Kubernetes hardening violations in the manifests each target receives (src/policy/kubernetes-hardening.ts). */
  readonly kubernetesViolations: KubernetesPlanViolation[];
  /**
   * What the fleet allows (`policy.exemptions`), with the reasons, for review: every cluster's effective manifests
   * were checked with them when the program synthesized the fleet (a violation stops the plan there).
   */
  readonly hardeningExemptions: HardeningExemption[];
  /** The topology, the data guarantees and recovery points, the traffic tiers and the failover budget. */
  readonly disasterRecovery: DisasterRecoveryReport;
  /** The published name's health check, certificate and DNSPod zones, and what stays manual. */
  readonly publicEntry: PublicEntryReport;
  /** Every run-time need of QCBM per cluster and what provides it (`runtimeNeeds`); CI refuses a `missing` one. */
  readonly needs: RuntimeNeed[];
}

/**
 * Runs the project's Pulumi program (the `main` of `Pulumi.yaml`, the very program `pulumi up` runs) under
 * mocks: no engine, no CLI, no plugins, no credentials. Everything the program would register is recorded
 * with its inputs; secrets are redacted and the plan refuses to return if any secret value would still appear
 * in it. A TypeScript program needs a TypeScript loader in the process (ts-node, as `pulumi` itself uses).
 * One plan at a time: the Pulumi runtime is global.
 */
export async function planStack(options: OfflinePlanOptions): Promise<OfflinePlan> {
  const projectDir = options.projectDir ?? process.cwd();
  const project = options.project ?? readPulumiProject(projectDir);
  const stackFile = options.stackFile ?? join(projectDir, `Pulumi.${options.stack}.yaml`);
  // One read of the stack file for the fleet and the config. The fleet as synth reads it, so both report a bad
  // file or fleet in the same words; the program's parseFleet of the same description returns this fleet.
  const document = readStackDocument(stackFile);
  const fleet = fleetOfStackDocument(document, stackFile);
  const config = stackConfigOf(document);

  const values = { ...config.values };
  const secretKeys = new Set(config.secretKeys);
  const missing = findMissingConfig(
    fleet,
    {
      hubKubeconfig: values[stackConfigKey('hubKubeconfig')],
      kubeconfigs: parseJson(values[stackConfigKey('kubeconfigs')]) as Record<string, unknown> | undefined,
      mysqlPassword: values[stackConfigKey('mysqlPassword')],
      redisPassword: values[stackConfigKey('redisPassword')],
      tlsCertificate: values[stackConfigKey('tlsCertificate')],
      tlsPrivateKey: values[stackConfigKey('tlsPrivateKey')],
      skywalkingToken: values[stackConfigKey('skywalkingToken')],
      registryUsername: values[stackConfigKey('registryUsername')],
      registryPassword: values[stackConfigKey('registryPassword')],
    },
    options.stack,
  );
  const needs = runtimeNeeds(fleet, { configured: new Set(Object.keys(values)) });
  for (const m of missing) {
    const placeholder = `planned-placeholder-for-${m.key}${m.entry ? `.${m.entry}` : ''}`;
    if (m.entry) {
      const object = (parseJson(values[m.key]) ?? {}) as Record<string, string>;
      values[m.key] = JSON.stringify({ ...object, [m.entry]: placeholder });
    } else {
      values[m.key] = placeholder;
    }
    secretKeys.add(m.key);
  }

  const cloud = options.mocks ?? new FakeTencentCloud();
  await pulumi.runtime.setMocks(cloud, project.name, options.stack, false);
  pulumi.runtime.setAllConfig(values, [...secretKeys]);
  const resourceOptions = recordResourceOptions();
  const limit = Error.stackTraceLimit;
  if (options.stackTraces === false) Error.stackTraceLimit = 0;
  let outputs: Record<string, unknown>;
  try {
    outputs = await resolveOutputs(runProgram(options.program ?? project.program));
  } finally {
    Error.stackTraceLimit = limit;
  }
  await pulumi.runtime.disconnect();

  const parents = parentTypes();
  const secrets = new Set<string>();
  for (const key of secretKeys) secrets.add(values[key]);
  for (const r of cloud.resources) {
    for (const [key, value] of Object.entries(r.inputs)) {
      if (key !== 'objs') collectSecretStrings(value, secrets);
    }
  }
  const planned = cloud.resources.map((r): PlannedResource => ({
    type: r.type,
    name: r.name,
    custom: r.custom,
    ...(parents.has(`${r.type}::${r.name}`) ? { parentType: parents.get(`${r.type}::${r.name}`) } : {}),
    ...(r.provider ? { provider: r.provider } : {}),
    inputs: redactInputs(r.inputs),
    ...(resourceOptions.has(`${r.type}::${r.name}`)
      ? { options: resourceOptions.get(`${r.type}::${r.name}`) }
      : {}),
  }));
  const kubernetes = kubernetesViolations(
    cloud.resources,
    options.hardening ?? QCBM_HARDENING_OPTIONS,
    fleet.policy.exemptions,
  );
  const plan: OfflinePlan = {
    stack: options.stack,
    environment: fleet.name,
    delivery: fleet.cloud.delivery,
    kubernetesApi: fleet.cloud.kubernetesApi.access,
    placeholders: missing.map((m) => ({
      key: m.key,
      ...(m.entry ? { entry: m.entry } : {}),
      message: m.issue.message,
      ...(m.issue.fix ? { fix: m.issue.fix } : {}),
    })),
    encryptedKeys: config.encryptedKeys,
    groups: groupByRegion(fleet, planned),
    outputs: redactOutputs(outputs),
    violations: cloudViolations(cloud.resources),
    // In fleet order: the engine registers the ConfigGroups as their manifests serialize, in no set order.
    kubernetesTargets: [...kubernetes.targets].sort((a, b) => targetOrder(fleet, a) - targetOrder(fleet, b)),
    kubernetesViolations: kubernetes.violations,
    hardeningExemptions: [...fleet.policy.exemptions],
    disasterRecovery: disasterRecoveryReport(fleet),
    publicEntry: publicEntryReport(fleet),
    needs,
  };
  assertNoSecrets(plan, secrets);
  return plan;
}

/** `hub` first, then `cluster <name>` in fleet order. */
function targetOrder(fleet: Fleet, target: string): number {
  return target === 'hub' ? -1 : fleet.clusters.findIndex((c) => `cluster ${c.name}` === target);
}

/**
 * Products that are not in one region, or serve every region: the Cloud Connect Network, IGTM, DNSPod, Private DNS, SSL
 * certificates, a Redis replication group, the APM instance.
 */
const GLOBAL_TYPES = new Set<string>([
  T.ccnInstance,
  T.ccnAttachmentV2,
  T.igtmInstance,
  T.igtmMonitor,
  T.igtmAddressPool,
  T.igtmStrategy,
  T.dnspodRecord,
  T.dnspodDomainInstance,
  T.privateDnsZone,
  T.privateDnsZoneVpcAttachment,
  T.privateDnsRecord,
  T.sslCertificate,
  T.sslFreeCertificate,
  T.redisReplicateAttachment,
  // Regional, but one serves every cluster.
  T.apmInstance,
]);
const GLOBAL = 'global';

function groupByRegion(fleet: Fleet, resources: PlannedResource[]): PlanGroup[] {
  const regionOf = (r: PlannedResource): string | undefined => {
    if (GLOBAL_TYPES.has(r.type)) return GLOBAL;
    for (const region of fleet.cloud.regions) {
      const name = region.region;
      const provider = tencentCloudProviderName(name);
      if (r.provider === provider || isNamedAfter(name, r.name) || r.name === provider) return name;
    }
    for (const cluster of fleet.clusters) {
      // A region holding two sites names their components after the clusters; delivery names its children so.
      const provider = deliveryNames(ENVIRONMENT_NAME).clusterProvider(cluster.name);
      const named = (prefix: string) => isNamedAfter(prefix, r.name);
      if (named(cluster.name) || named(provider) || r.provider === provider) return cluster.region;
    }
    return undefined;
  };
  const groups = new Map<string, PlanGroup>();
  for (const r of resources) {
    const region = regionOf(r);
    const key = region ?? 'shared';
    if (!groups.has(key)) {
      const clusters = fleet.clusters.filter((c) => c.region === region).map((c) => c.name);
      const title =
        region === GLOBAL
          ? 'global (Cloud Connect Network, traffic layer, certificate, replication group, tracing)'
          : region
            ? `region ${region} (cluster ${clusters.join(', ')})`
            : 'shared (every region)';
      groups.set(key, { key, title, resources: [] });
    }
    groups.get(key)!.resources.push(r);
  }
  const last = [GLOBAL, 'shared'];
  const order = (key: string) =>
    last.includes(key) ? Number.MAX_SAFE_INTEGER - 1 + last.indexOf(key) : [...groups.keys()].indexOf(key);
  return [...groups.values()].sort((a, b) => order(a.key) - order(b.key));
}

/** `type::name` → the type of its parent component, read from the URNs the mock engine built. */
function parentTypes(): Map<string, string> {
  const out = new Map<string, string>();
  // setMocks installs a MockMonitor, which keeps the URNs it built (parent type chain included).
  const monitor = pulumi.runtime.getMonitor() as { getRegisteredResources?: () => Map<string, unknown> };
  if (typeof monitor?.getRegisteredResources !== 'function') return out;
  for (const urn of monitor.getRegisteredResources().keys()) {
    const parts = urn.split('::');
    const name = parts.slice(3).join('::');
    const chain = parts[2].split('$');
    if (chain.length > 1) out.set(`${chain[chain.length - 1]}::${name}`, chain[chain.length - 2]);
  }
  return out;
}

/**
 * Runs the program module afresh (as `pulumi up` would) and returns its exports: the stack outputs. A user error
 * the program reports as a RunError comes back as the ValidationError it wraps.
 */
function runProgram(program: string): Record<string, unknown> {
  const path = require.resolve(program);
  delete require.cache[path];
  let exported: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(path) as Record<string, unknown>;
  } catch (e) {
    const cause = (e as Error).cause;
    throw ValidationError.isValidationError(cause) ? cause : e;
  }
  return Object.fromEntries(Object.entries(exported).filter(([key]) => key !== '__esModule'));
}

/** The stack outputs as `pulumi stack output` shows them: a secret output as `[secret]`. */
async function resolveOutputs(exported: Record<string, unknown>): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(exported)) {
    const output = pulumi.output(value);
    resolved[key] = (await pulumi.isSecret(output)) ? REDACTED : await resolve(output);
  }
  return resolved;
}

function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply((v) => done(v)));
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function redactOutputs(value: unknown): unknown {
  return redactInputs({ outputs: value }).outputs;
}

/** Fails closed: a plan that would print a secret (raw or base64) is not returned. */
function assertNoSecrets(plan: OfflinePlan, secrets: Set<string>): void {
  const text = JSON.stringify(plan);
  for (const secret of secrets) {
    if (!secret || secret === REDACTED) continue;
    const forms = [secret, JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64')];
    if (forms.some((f) => text.includes(f))) {
      throw new Error(
        `offline plan of "${plan.stack}" would reveal a secret value; this is a bug in the plan's redaction`,
      );
    }
  }
}

export type { RegisteredResource };
