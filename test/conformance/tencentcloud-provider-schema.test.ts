import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type * as pulumi from '@pulumi/pulumi';
import * as ts from 'typescript';
import { QCBM_TYPES, TENCENTCLOUD_INVOKES } from '../../src/cloud/type-tokens';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { FakeTencentCloud } from '../../src/testing/fake-tencent-cloud';
import { isSecretEnvelope } from '../../src/testing/redact';
import {
  inputProblems,
  invokeProblems,
  loadProviderSchema,
  PROVIDER_SCHEMA_ENV,
  PROVIDER_TOKEN,
  type ProviderSchema,
  resourceSchema,
  secretProperties,
} from '../support/provider-schema';
import {
  type BindingClass,
  bindingProblems,
  readBindings,
  type Shape,
} from '../support/provider-schema-bindings';
import { createTimeProblems, type Registration } from '../support/provider-schema-create-rules';
import { REPO_ROOT } from '../support/repo-root';

const BINDINGS = join(REPO_ROOT, 'src/cloud/tencentcloud');
/** Every environment in the repository root, so a new Pulumi.<stack>.yaml is covered without a change here. */
const STACKS = readdirSync(REPO_ROOT)
  .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
  .filter((s): s is string => s !== undefined)
  .sort();

/** Secret outputs a binding declares that the schema does not flag, each with the reason. */
const STRICTER_SECRETS: Readonly<Record<string, readonly string[]>> = {
  // The cluster's admin password: flagged on the endpoint resource, not on the cluster (full/tencentcloud.md §3.8).
  'tencentcloud:Kubernetes/cluster:Cluster': ['password'],
  // The private key of the issued certificate.
  'tencentcloud:Ssl/freeCertificate:FreeCertificate': ['certificatePrivateKey'],
  // The token every reporter authenticates with: whoever has it can write traces into the instance.
  'tencentcloud:Apm/instance:Instance': ['token'],
};

const isTencent = (type: string) => type.startsWith('tencentcloud:') || type === PROVIDER_TOKEN;

describe('Tencent Cloud provider schema conformance', () => {
  let schema: ProviderSchema;
  beforeAll(() => {
    // Throws, and so fails every test here, when the schema file is missing.
    schema = loadProviderSchema();
  });

  test('a missing schema file fails loudly, naming the variable that points to it', () => {
    expect(() => loadProviderSchema('/nonexistent/schema.json')).toThrow(
      new RegExp(`provider schema not found at /nonexistent/schema.json.*${PROVIDER_SCHEMA_ENV}`),
    );
  });

  describe('every binding class in src/cloud/tencentcloud', () => {
    let bindings: BindingClass[];
    let built: Awaited<ReturnType<typeof buildEach>>;
    beforeAll(async () => {
      bindings = readBindings(BINDINGS);
      built = await buildEach(bindings);
    });

    test('the classes are found, and each is exported from the bindings module', () => {
      expect(bindings.length).toBeGreaterThanOrEqual(18);
      expect(built.notExported).toEqual([]);
    });

    test('token, input names, required inputs and value types match the schema', () => {
      const problems = bindings.flatMap((b) => bindingProblems(schema, b).map((p) => `${b.className}: ${p}`));
      expect(problems).toEqual([]);
    });

    test('each registers its token, passes only schema properties, and keeps secret inputs secret', () => {
      const problems: string[] = [];
      for (const b of bindings) {
        const resource = resourceSchema(schema, b.token)!;
        const registered = built.cloud.resources.find((r) => r.name === sampleName(b));
        const captured = built.captured.get(sampleName(b));
        if (registered?.type !== b.token) problems.push(`${b.className}: registered ${registered?.type}`);
        for (const key of Object.keys(captured?.props ?? {})) {
          if (!resource.properties[key]) problems.push(`${b.className}: passes "${key}", not a property`);
        }
        for (const name of Object.keys(b.args).filter((n) => resource.inputProperties[n]?.secret)) {
          if (!isSecretEnvelope(registered?.inputs[name]))
            problems.push(`${b.className}: ${name} is not secret`);
        }
      }
      expect(problems).toEqual([]);
    });

    test('the secret outputs declared (additionalSecretOutputs) cover every property the schema marks secret', () => {
      const problems: string[] = [];
      for (const b of bindings.filter((x) => x.token !== PROVIDER_TOKEN)) {
        const resource = resourceSchema(schema, b.token)!;
        const declared = new Set(built.captured.get(sampleName(b))?.secretOutputs ?? []);
        const flagged = secretProperties(resource);
        for (const name of flagged.filter((n) => !declared.has(n))) {
          problems.push(`${b.className}: ${name} is secret in the schema, not declared`);
        }
        const allowed = STRICTER_SECRETS[b.token] ?? [];
        for (const name of [...declared].filter((n) => !flagged.includes(n))) {
          if (!resource.properties[name]) problems.push(`${b.className}: declares ${name}, not a property`);
          else if (!allowed.includes(name))
            problems.push(`${b.className}: declares ${name}, not secret in the schema`);
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describe('every data source the bindings call', () => {
    test('is in the schema, and the fields its result type reads are outputs of it', () => {
      const problems: string[] = [];
      for (const token of Object.values(TENCENTCLOUD_INVOKES)) {
        const fn = schema.functions[token];
        if (!fn) {
          problems.push(`${token}: not a data source of the schema`);
          continue;
        }
        const result = RESULT_TYPES[token];
        if (!result) {
          problems.push(`${token}: name its result interface in RESULT_TYPES`);
          continue;
        }
        for (const field of interfaceMembers(result.file, result.name)) {
          if (!fn.outputs[field]) problems.push(`${token}: ${result.name}.${field} is not an output`);
        }
      }
      expect(problems).toEqual([]);
    });

    test('the checks can fail: an unknown input, a missing required one, a wrong type, an unknown token', () => {
      expect(invokeProblems(schema, TENCENTCLOUD_INVOKES.tseAccessAddress, { vpcId: 1, nope: 'x' })).toEqual([
        'vpcId: must be a string, not 1',
        `nope: not an input of ${TENCENTCLOUD_INVOKES.tseAccessAddress}`,
        `instanceId: required by ${TENCENTCLOUD_INVOKES.tseAccessAddress}, not given`,
      ]);
      expect(invokeProblems(schema, 'tencentcloud:Nope/getNope:getNope', {})).toEqual([
        expect.stringContaining('no such data source'),
      ]);
    });
  });

  describe.each(STACKS)('the offline plan of %s', (stack) => {
    let registrations: Registration[];
    let regions: string[];
    let calls: { token: string; inputs: Record<string, unknown> }[];
    beforeAll(async () => {
      ({ registrations, regions, calls } = await planRegistrations(stack));
    });

    test('every data source it calls gets known inputs, the required ones, of the right types', () => {
      const tencent = calls.filter((c) => c.token.startsWith('tencentcloud:'));
      // Every stack that builds a region looks up its TSE Nacos's address (prod, dr and staging are managed).
      expect(tencent.some((c) => c.token === TENCENTCLOUD_INVOKES.tseAccessAddress)).toBe(regions.length > 0);
      const problems = tencent.flatMap((c) =>
        invokeProblems(schema, c.token, c.inputs).map((p) => `${c.token}: ${p}`),
      );
      expect(problems).toEqual([]);
    });

    test('the program ran: the environment and one Tencent Cloud provider per region the fleet creates', () => {
      expect(registrations.filter((r) => r.type === QCBM_TYPES.environment)).toHaveLength(1);
      const providers = registrations.filter((r) => r.type === PROVIDER_TOKEN);
      expect(providers.map((p) => p.inputs.region)).toEqual(regions);
    });

    test('every Tencent Cloud resource it registers has a known token, known inputs, the required ones and the right types', () => {
      const tencent = registrations.filter((r) => isTencent(r.type));
      expect(tencent.length > regions.length).toBe(regions.length > 0);
      const problems = tencent.flatMap((r) =>
        inputProblems(schema, r.type, r.inputs).map((p) => `${r.type} ${r.name}: ${p}`),
      );
      expect(problems).toEqual([]);
    });
  });

  test('across every plan: the rules the provider enforces only at create time hold', async () => {
    const all: Registration[] = [];
    for (const stack of STACKS) all.push(...(await planRegistrations(stack)).registrations);
    expect(createTimeProblems(all)).toEqual([]);
  });

  describe('the checks can fail', () => {
    const REDIS = 'tencentcloud:Redis/instance:Instance';

    test('inputs: unknown name, missing required, wrong types, deprecated, secret in plain text', () => {
      const problems = inputProblems(schema, REDIS, {
        memSize: 1.5,
        port: '6379',
        tags: { app: 1 },
        securityGroups: 'sg-1',
        password: 'Plain-Text-1',
        type: 'master_slave_redis5.0',
        typo: true,
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          'typo: not an input of tencentcloud:Redis/instance:Instance',
          'availabilityZone: required by tencentcloud:Redis/instance:Instance, not given',
          'memSize: must be an integer, not 1.5',
          'port: must be an integer, not "6379"',
          'tags["app"]: must be a string, not 1',
          'securityGroups: must be a list, not "sg-1"',
          'password: the schema marks it secret; pass a secret',
          expect.stringMatching(/^type: deprecated/),
        ]),
      );
      expect(inputProblems(schema, 'tencentcloud:Nope/nope:Nope', {})).toEqual([
        expect.stringContaining('no such resource token'),
      ]);
    });

    test('nested object types are checked through $ref', () => {
      const problems = inputProblems(schema, 'tencentcloud:Kubernetes/nodePool:NodePool', {
        clusterId: 'cls-1',
        vpcId: 'vpc-1',
        minSize: 1,
        maxSize: 2,
        autoScalingConfig: { systemDiskSize: 50, securityGroupIds: ['sg-1'], nope: 1 },
      });
      expect(problems).toEqual([
        'autoScalingConfig.securityGroupIds: deprecated (The order of elements in this field cannot be guaranteed. Use `orderlySecurityGroupIds` instead.)',
        'autoScalingConfig.nope: not a field of this type',
        'autoScalingConfig.instanceType: required, not given',
      ]);
    });

    test('bindings: a required input left optional, a wrong type, an unknown or deprecated input', () => {
      const binding: BindingClass = {
        file: 'x.ts',
        className: 'X',
        token: REDIS,
        outputs: ['ip', 'nope'],
        args: {
          availabilityZone: { optional: true, shape: { kind: 'string' } },
          memSize: { optional: false, shape: { kind: 'string' } },
          type: { optional: true, shape: { kind: 'string' } },
          replicaZoneIds: { optional: true, shape: { kind: 'array', items: { kind: 'string' } } },
          typo: { optional: true, shape: { kind: 'boolean' } },
        },
      };
      expect(bindingProblems(schema, binding)).toEqual([
        'args.memSize: the schema says integer, the binding says string',
        expect.stringMatching(/^args\.type: deprecated/),
        'args.replicaZoneIds[]: the schema says integer, the binding says string',
        'args.typo: no such input in the schema',
        'args.availabilityZone: required by the provider, optional here',
        'output nope: not a property of tencentcloud:Redis/instance:Instance',
      ]);
    });

    test('create-time rules: Redis edition, public API without a group, CLB names across stacks', () => {
      const r = (
        stack: string,
        type: string,
        name: string,
        inputs: Record<string, unknown>,
      ): Registration => ({
        stack,
        type,
        name,
        region: 'ap-shanghai',
        inputs,
      });
      const clb = 'tencentcloud:Clb/instance:Instance';
      expect(
        createTimeProblems([
          r('staging', REDIS, 'redis', { memSize: 1024 }),
          r('staging', 'tencentcloud:Kubernetes/clusterEndpoint:ClusterEndpoint', 'api', {
            clusterInternet: true,
          }),
          r('staging', clb, 'ingress', { clbName: 'qcbm-ingress', networkType: 'OPEN' }),
          r('prod', clb, 'ingress', { clbName: 'qcbm-ingress', networkType: 'OPEN' }),
        ]),
      ).toEqual([
        expect.stringContaining(
          'staging: tencentcloud:Redis/instance:Instance redis: give exactly one of typeId',
        ),
        expect.stringContaining('api: clusterInternet is on without clusterInternetSecurityGroup'),
        expect.stringContaining(
          'prod: tencentcloud:Clb/instance:Instance ingress: clbName "qcbm-ingress" in ap-shanghai',
        ),
      ]);
    });
  });
});

/** Builds one sample of every binding under mocks, capturing what each hands to the engine. */
async function buildEach(bindings: readonly BindingClass[]) {
  const pulumiRuntime = (await import('@pulumi/pulumi')).runtime;
  const cloud = new FakeTencentCloud();
  await pulumiRuntime.setMocks(cloud, 'qcbm', 'conformance', false);
  const module = (await import('../../src/cloud/tencentcloud')) as unknown as Record<string, unknown>;
  const captured = new Map<string, { props: Record<string, unknown>; secretOutputs?: string[] }>();
  const capture: pulumi.ResourceTransformation = (args) => {
    const opts = args.opts as pulumi.CustomResourceOptions;
    captured.set(args.name, { props: args.props, secretOutputs: opts.additionalSecretOutputs });
    return undefined;
  };
  const notExported: string[] = [];
  for (const b of bindings) {
    const Class = module[b.className] as
      (new (name: string, args: unknown, opts: pulumi.CustomResourceOptions) => unknown) | undefined;
    if (!Class) {
      notExported.push(b.className);
      continue;
    }
    new Class(sampleName(b), sampleOf({ kind: 'object', name: b.className, members: b.args }), {
      transformations: [capture],
    });
  }
  await pulumiRuntime.disconnect();
  return { cloud, captured, notExported };
}

const sampleName = (b: BindingClass) => `conformance-${b.className}`;

/** A value of every declared member, so every input (secret ones included) reaches the engine. */
function sampleOf(shape: Shape): unknown {
  switch (shape.kind) {
    case 'string':
      return 'Sample-Value-1';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [sampleOf(shape.items)];
    case 'map':
      return { key: sampleOf(shape.values) };
    case 'object':
      return Object.fromEntries(Object.entries(shape.members).map(([k, m]) => [k, sampleOf(m.shape)]));
    default:
      return undefined;
  }
}

const plans = new Map<string, ReturnType<typeof runPlan>>();
/** The stack's offline plan, run once per stack in this file, one after the other. */
function planRegistrations(stack: string): ReturnType<typeof runPlan> {
  if (!plans.has(stack)) plans.set(stack, runPlan(stack));
  return plans.get(stack)!;
}

/**
 * Runs the stack's offline plan under a fresh mock engine and returns its raw registrations. The program module
 * and everything it loads are imported afresh (jest keeps its own module registry, which the plan's
 * `require.cache` reset does not reach), so each stack's program really runs.
 */
async function runPlan(stack: string) {
  jest.resetModules();
  const { planStack } = await import('../../src/testing/offline-plan');
  const cloud = new FakeTencentCloud();
  await planStack({ stack, projectDir: REPO_ROOT, mocks: cloud });
  const fleet = loadFleetFromStackFile(join(REPO_ROOT, `Pulumi.${stack}.yaml`));
  const regionOf = new Map(cloud.ofType(PROVIDER_TOKEN).map((p) => [p.name, String(p.inputs.region)]));
  const registrations = cloud.resources.map((r): Registration => ({
    stack,
    type: r.type,
    name: r.name,
    ...(r.provider && regionOf.has(r.provider) ? { region: regionOf.get(r.provider) } : {}),
    inputs: r.inputs,
  }));
  // A region holding two sites (two-sites-three-centers' A and B) has one provider.
  return {
    registrations,
    regions: [...new Set(fleet.cloud.regions.map((r) => r.region))],
    calls: cloud.calls.map((c) => ({ token: c.token, inputs: c.inputs })),
  };
}

/** The interface each data source's answer is read through, by token. */
const RESULT_TYPES: Readonly<Record<string, { file: string; name: string }>> = {
  [TENCENTCLOUD_INVOKES.igtmInstancePackageList]: {
    file: 'igtm-instance-package-list.ts',
    name: 'GetIgtmInstancePackageListResult',
  },
  [TENCENTCLOUD_INVOKES.tseAccessAddress]: {
    file: 'tse-access-address.ts',
    name: 'GetTseAccessAddressResult',
  },
  [TENCENTCLOUD_INVOKES.dnspodDomainList]: {
    file: 'dnspod-domain-list.ts',
    name: 'GetDnspodDomainListResult',
  },
};

/** The member names of an interface declared in a binding file. */
function interfaceMembers(file: string, name: string): string[] {
  const path = join(BINDINGS, file);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const declaration = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  if (!declaration) throw new Error(`${file} declares no interface ${name}`);
  return declaration.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
}
