import { join } from 'path';
import * as ts from 'typescript';
import { TENCENTCLOUD_INVOKES } from '../../src/cloud/type-tokens';
import { FakeTencentCloud } from '../../src/testing/fake-tencent-cloud';
import { loadProviderSchema, type PropertySchema, referencedType } from '../support/provider-schema';
import { REPO_ROOT } from '../support/repo-root';

/** A data source in the provider schema (its `functions`). */
interface FunctionSchema {
  readonly inputs?: Readonly<Record<string, PropertySchema>>;
  readonly outputs: Readonly<Record<string, PropertySchema>>;
}

const BINDINGS = join(REPO_ROOT, 'src/cloud/tencentcloud');

/**
 * Each data-source binding: its file, its function, and how its result is declared (the result interface, and per
 * list output the interface of its items), so the fields this library reads are checked against the schema.
 */
const INVOKES = [
  {
    token: TENCENTCLOUD_INVOKES.igtmInstancePackageList,
    file: 'igtm-instance-package-list.ts',
    call: 'getIgtmInstancePackageList',
    args: { filters: [{ name: 'ResourceId', values: ['x'] }], isUsed: 1 },
    result: 'GetIgtmInstancePackageListResult',
    items: { instanceSets: 'IgtmInstancePackage' },
  },
  {
    token: TENCENTCLOUD_INVOKES.dnspodDomainList,
    file: 'dnspod-domain-list.ts',
    call: 'getDnspodDomainList',
    args: { keyword: 'qcbm.com', type: 'ALL' },
    result: 'GetDnspodDomainListResult',
    items: { domainLists: 'DnspodDomain' },
  },
  {
    token: TENCENTCLOUD_INVOKES.tseAccessAddress,
    file: 'tse-access-address.ts',
    call: 'getTseAccessAddress',
    args: { instanceId: 'ins-1a2b3c4d', vpcId: 'vpc-1', subnetId: 'subnet-1', engineRegion: 'ap-beijing' },
    result: 'GetTseAccessAddressResult',
    items: {},
  },
] as const;

describe('Tencent Cloud data sources (invokes) against the provider schema', () => {
  const schema = loadProviderSchema() as ReturnType<typeof loadProviderSchema> & {
    functions: Readonly<Record<string, FunctionSchema>>;
  };

  test('every invoke token has a binding here, and is a data source of the schema', () => {
    expect(INVOKES.map((i) => i.token).sort()).toEqual(Object.values(TENCENTCLOUD_INVOKES).sort());
    for (const { token } of INVOKES)
      expect([token, schema.functions[token] !== undefined]).toEqual([token, true]);
  });

  test.each(INVOKES)('$call passes only inputs of $token, by that token', async (invoke) => {
    const pulumi = await import('@pulumi/pulumi');
    const cloud = new FakeTencentCloud();
    const calls = jest.spyOn(cloud, 'call');
    await pulumi.runtime.setMocks(cloud, 'qcbm', 'conformance', false);
    const module = (await import('../../src/cloud/tencentcloud')) as unknown as Record<
      string,
      (args: unknown) => { apply: (f: (v: unknown) => void) => void }
    >;
    await new Promise<void>((done) => module[invoke.call](invoke.args).apply(() => done()));
    await pulumi.runtime.disconnect();
    expect(calls.mock.calls.map(([a]) => a.token)).toEqual([invoke.token]);
    const inputs = schema.functions[invoke.token].inputs ?? {};
    const passed = Object.keys(invoke.args);
    expect(passed.filter((k) => !inputs[k])).toEqual([]);
    // The binding passes every argument it declares.
    expect(Object.keys(calls.mock.calls[0][0].inputs ?? {}).sort()).toEqual(passed.sort());
  });

  test.each(INVOKES)('the fields $call reads from the result are outputs of $token', (invoke) => {
    const fn = schema.functions[invoke.token];
    const problems: string[] = [];
    const declared = interfaceMembers(join(BINDINGS, invoke.file), invoke.result);
    for (const name of declared.filter((n) => !fn.outputs[n])) problems.push(`${invoke.result}.${name}`);
    for (const [list, itemInterface] of Object.entries(invoke.items)) {
      const ref = fn.outputs[list]?.items?.$ref;
      const type = ref ? referencedType(schema, ref) : undefined;
      if (!type) {
        problems.push(`${list}: not a list of objects in the schema`);
        continue;
      }
      for (const name of interfaceMembers(join(BINDINGS, invoke.file), itemInterface)) {
        if (!type.properties[name]) problems.push(`${itemInterface}.${name}`);
      }
    }
    expect(problems).toEqual([]);
    expect(declared.length).toBeGreaterThan(0);
  });
});

/** The member names of an interface declared in a file. */
function interfaceMembers(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.ES2022, true);
  const found = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  if (!found) throw new Error(`${file} declares no interface ${name}`);
  return found.members.map((m) => m.name?.getText(source) ?? '').filter(Boolean);
}
