// `npm run generate:schemas`: writes src/k8s/validation/generated-schemas.ts, the compact schemas the published
// package validates every rendered object with (src/k8s/validation/schema-check.ts reads them).
//
// Sources, all in this repository or its devDependencies, so the output is reproducible from a clone:
// - the Kubernetes kinds: the OpenAPI-generated models of @kubernetes/client-node (field names, types, int32/int64
//   formats, required fields), with the fields whose type is a Quantity taken from cdk8s-plus-27's imports (the
//   client's models type quantities as plain strings);
// - the Clusternet kinds: src/k8s/imports, which `cdk8s import` generated from Clusternet's CRDs (field names,
//   types, required fields, enums). Ranges and formats the CRDs also state are checked by the conformance suite
//   against the CRDs themselves (test/conformance/generated-schemas.test.ts).
//
// Encoding of one definition: space-separated `name:type` (`!name:type` where required). Types: s string, b boolean,
// i32 / i64 integers, n number, ios int-or-string, q quantity, byte base64 string, date RFC 3339 string, any, @Def a
// definition, [T an array of T, {T a map of T, %a|b one of the strings a or b.
import { readFileSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'src', 'k8s', 'validation', 'generated-schemas.ts');

/** The Kubernetes kinds validated against their schema: `apiVersion/kind` → the client's model. */
const KUBERNETES_KINDS: readonly (readonly [apiVersion: string, kind: string, model: string])[] = [
  ['v1', 'ConfigMap', 'V1ConfigMap'],
  ['v1', 'Secret', 'V1Secret'],
  ['v1', 'Service', 'V1Service'],
  ['v1', 'Namespace', 'V1Namespace'],
  ['v1', 'ServiceAccount', 'V1ServiceAccount'],
  ['v1', 'PersistentVolumeClaim', 'V1PersistentVolumeClaim'],
  ['v1', 'Pod', 'V1Pod'],
  ['apps/v1', 'Deployment', 'V1Deployment'],
  ['apps/v1', 'StatefulSet', 'V1StatefulSet'],
  ['apps/v1', 'DaemonSet', 'V1DaemonSet'],
  ['apps/v1', 'ReplicaSet', 'V1ReplicaSet'],
  ['batch/v1', 'Job', 'V1Job'],
  ['batch/v1', 'CronJob', 'V1CronJob'],
  ['networking.k8s.io/v1', 'Ingress', 'V1Ingress'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'V1NetworkPolicy'],
  ['policy/v1', 'PodDisruptionBudget', 'V1PodDisruptionBudget'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', 'V2HorizontalPodAutoscaler'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'V1Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'V1RoleBinding'],
];

/** The Clusternet kinds: `apiVersion/kind` → the import's props interface (its metadata is a Kubernetes ObjectMeta). */
const CLUSTERNET_KINDS: readonly (readonly [apiVersion: string, kind: string, file: string])[] = [
  ['apps.clusternet.io/v1alpha1', 'Subscription', 'clusternet-subscriptions-apps.clusternet.io.ts'],
  ['apps.clusternet.io/v1alpha1', 'Localization', 'clusternet-localizations-apps.clusternet.io.ts'],
  ['apps.clusternet.io/v1alpha1', 'Globalization', 'clusternet-globalizations-apps.clusternet.io.ts'],
];

const OBJECT_META = 'V1ObjectMeta';
const NAME = /^[A-Za-z0-9_$-]+$/;

interface Attribute {
  readonly name: string;
  readonly baseName: string;
  readonly type: string;
  readonly format: string;
}

function clientModels(): string {
  const main = require.resolve('@kubernetes/client-node/package.json');
  return join(dirname(main), 'dist', 'gen', 'models');
}

function clientVersion(): { client: string; kubernetes: string } {
  const pkg = JSON.parse(readFileSync(require.resolve('@kubernetes/client-node/package.json'), 'utf8'));
  const sample = readFileSync(join(clientModels(), 'V1Deployment.js'), 'utf8');
  const spec = /OpenAPI spec version: v?([0-9.]+)/.exec(sample)?.[1];
  if (!spec) throw new Error('no OpenAPI spec version in @kubernetes/client-node V1Deployment.js');
  return { client: pkg.version, kubernetes: spec };
}

/** `Kind#field` (the definition's name without group and version) of every field cdk8s types as a Quantity. */
function quantityFields(): Set<string> {
  const file = require.resolve('cdk8s-plus-27/lib/imports/k8s.d.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out = new Set<string>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      if (!/\bQuantity\b/.test(member.type.getText(source))) continue;
      const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === 'schema');
      const schema = typeof tag?.comment === 'string' ? tag.comment : undefined;
      const match = schema && /\.([A-Za-z0-9]+)#([A-Za-z0-9_$-]+)$/.exec(schema);
      if (match) out.add(`${match[1]}#${match[2]}`);
    }
  });
  if (!out.has('ResourceRequirements#limits')) throw new Error('no Quantity fields found in cdk8s-plus-27');
  return out;
}

/** The definition name without its version prefix: V1ResourceRequirements → ResourceRequirements. */
const bareName = (model: string) =>
  model.replace(/^(Core|Discovery|Events|Storage)?V\d+((alpha|beta)\d+)?/, '');

function kubernetesDefinitions(): Map<string, string> {
  const dir = clientModels();
  const quantities = quantityFields();
  const defs = new Map<string, string>();
  const pending = KUBERNETES_KINDS.map(([, , model]) => model);
  while (pending.length > 0) {
    const model = pending.pop() as string;
    if (defs.has(model)) continue;
    const js = readFileSync(join(dir, `${model}.js`), 'utf8');
    const map = new RegExp(`${model}\\.attributeTypeMap = (\\[[\\s\\S]*?\\]);`).exec(js)?.[1];
    if (!map) throw new Error(`no attributeTypeMap in ${model}.js`);
    const attributes = JSON.parse(map) as Attribute[];
    const dts = readFileSync(join(dir, `${model}.d.ts`), 'utf8');
    const required = new Set([...dts.matchAll(/^\s+'([^']+)':/gm)].map((m) => m[1]));
    const fields = attributes.map((a) => {
      if (!NAME.test(a.baseName))
        throw new Error(`${model}.${a.baseName}: a field name the encoding cannot hold`);
      const quantity = quantities.has(`${bareName(model)}#${a.baseName}`);
      const type = clientType(a.type, a.format, quantity, (ref) => pending.push(ref));
      return `${required.has(a.name) ? '!' : ''}${a.baseName}:${type}`;
    });
    defs.set(model, fields.join(' '));
  }
  return defs;
}

function clientType(type: string, format: string, quantity: boolean, ref: (model: string) => void): string {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return `[${clientType(array[1], format, quantity, ref)}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return `{${clientType(map[1], format, quantity, ref)}`;
  switch (type) {
    case 'string':
      if (quantity) return 'q';
      return format === 'byte' ? 'byte' : format.startsWith('date-time') ? 'date' : 's';
    case 'number':
      return format === 'int32' ? 'i32' : format === 'int64' ? 'i64' : 'n';
    case 'boolean':
      return 'b';
    case 'Date':
      return 'date';
    case 'IntOrString':
      return 'ios';
    case 'any':
    case 'object':
      return 'any';
    default:
      if (!/^[A-Z][A-Za-z0-9]+$/.test(type)) throw new Error(`unknown client type ${type}`);
      ref(type);
      return `@${type}`;
  }
}

function clusternetDefinitions(): { defs: Map<string, string>; roots: Map<string, string> } {
  const defs = new Map<string, string>();
  const roots = new Map<string, string>();
  for (const [apiVersion, kind, file] of CLUSTERNET_KINDS) {
    const path = join(ROOT, 'src', 'k8s', 'imports', file);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const interfaces = new Map<string, ts.InterfaceDeclaration>();
    const enums = new Map<string, string[]>();
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
      if (ts.isEnumDeclaration(node)) {
        enums.set(
          node.name.text,
          node.members.map((m) => {
            if (!m.initializer || !ts.isStringLiteral(m.initializer)) {
              throw new Error(`${file} ${node.name.text}: an enum member without a string value`);
            }
            return m.initializer.text;
          }),
        );
      }
    });
    const root = `${kind}Props`;
    const typeOf = (node: ts.TypeNode, where: string): string => {
      if (ts.isArrayTypeNode(node)) return `[${typeOf(node.elementType, where)}`;
      if (ts.isTypeLiteralNode(node)) {
        const [index] = node.members;
        if (node.members.length !== 1 || !ts.isIndexSignatureDeclaration(index) || !index.type) {
          throw new Error(`${where}: an object type that is not a map`);
        }
        return `{${typeOf(index.type, where)}`;
      }
      const text = node.getText(source);
      if (text === 'string') return 's';
      if (text === 'number') return 'n';
      if (text === 'boolean') return 'b';
      if (text === 'any') return 'any';
      if (text === 'ApiObjectMetadata') return `@${OBJECT_META}`;
      const values = enums.get(text);
      if (values) return `%${values.join('|')}`;
      if (!interfaces.has(text)) throw new Error(`${where}: unknown type ${text}`);
      visit(text);
      return `@${text}`;
    };
    const visit = (name: string): void => {
      if (defs.has(name)) return;
      defs.set(name, '');
      const node = interfaces.get(name) as ts.InterfaceDeclaration;
      const fields = node.members.map((member) => {
        if (!ts.isPropertySignature(member) || !member.type)
          throw new Error(`${file} ${name}: not a property`);
        const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === 'schema');
        const schema = typeof tag?.comment === 'string' ? tag.comment : '';
        const json = /#(.+)$/.exec(schema)?.[1] ?? member.name.getText(source);
        if (!NAME.test(json))
          throw new Error(`${file} ${name}.${json}: a field name the encoding cannot hold`);
        return `${member.questionToken ? '' : '!'}${json}:${typeOf(member.type, `${file} ${name}.${json}`)}`;
      });
      // The props of a kind hold neither apiVersion nor kind, which its toJson() adds.
      const typeMeta = name === root ? ['apiVersion:s', 'kind:s'] : [];
      defs.set(name, [...typeMeta, ...fields].join(' '));
    };
    visit(root);
    roots.set(`${apiVersion}/${kind}`, root);
  }
  return { defs, roots };
}

/** The generated module's text (one entry a line; .prettierignore leaves it as written). */
export function generatedSchemas(): string {
  const version = clientVersion();
  const kubernetes = kubernetesDefinitions();
  const clusternet = clusternetDefinitions();
  const defs = new Map([...kubernetes, ...clusternet.defs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const kinds = new Map([
    ...KUBERNETES_KINDS.map(([apiVersion, kind, model]) => [`${apiVersion}/${kind}`, model] as const),
    ...clusternet.roots,
  ]);
  const entries = (map: ReadonlyMap<string, string>) =>
    [...map].map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return [
    '// Generated by scripts/generate-schemas.ts (npm run generate:schemas): do not edit.',
    `// Kubernetes ${version.kubernetes} (the models of @kubernetes/client-node ${version.client}, quantities as cdk8s-plus-27`,
    '// types them) and Clusternet (src/k8s/imports). The encoding is described in the script.',
    '',
    '/** The Kubernetes version the schemas are of. */',
    `export const SCHEMA_KUBERNETES_VERSION = ${JSON.stringify(version.kubernetes)};`,
    '',
    '/** The definition each kind is validated with, by `apiVersion/kind`. */',
    'export const SCHEMA_KINDS: Readonly<Record<string, string>> = {',
    ...entries(kinds),
    '};',
    '',
    '/** Every definition the kinds reach, by name. */',
    'export const SCHEMA_DEFINITIONS: Readonly<Record<string, string>> = {',
    ...entries(defs),
    '};',
    '',
  ].join('\n');
}

/** Where the module goes. */
export const GENERATED_SCHEMAS_FILE = OUT;

if (require.main === module) {
  const text = generatedSchemas();
  writeFileSync(OUT, text);
  process.stdout.write(`wrote ${OUT} (${text.length} characters)\n`);
}
