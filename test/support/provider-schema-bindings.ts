import { readdirSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';
import {
  type PropertySchema,
  type ProviderSchema,
  PROVIDER_TOKEN,
  referencedType,
  resourceSchema,
} from './provider-schema';

/** The value type a binding declares for an input, with `pulumi.Input<>`, promises and `undefined` taken off. */
export type Shape =
  | { readonly kind: 'string' | 'number' | 'boolean' }
  | { readonly kind: 'array'; readonly items: Shape }
  | { readonly kind: 'map'; readonly values: Shape }
  | { readonly kind: 'object'; readonly name: string; readonly members: Readonly<Record<string, Member>> }
  | { readonly kind: 'unsupported'; readonly text: string };

export interface Member {
  readonly optional: boolean;
  readonly shape: Shape;
}

/** A binding class as its source declares it. */
export interface BindingClass {
  readonly file: string;
  readonly className: string;
  /** The type token it registers (`pulumi:providers:<package>` for a provider). */
  readonly token: string;
  /** The members of its arguments interface. */
  readonly args: Readonly<Record<string, Member>>;
  /** Its `declare`d `pulumi.Output` fields. */
  readonly outputs: readonly string[];
}

/**
 * Reads every class in `dir` that extends `pulumi.CustomResource` or `pulumi.ProviderResource`, with the
 * TypeScript checker, so what is compared with the provider schema is the declared types, not sample values.
 */
export function readBindings(dir: string): BindingClass[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const out: BindingClass[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`cannot read ${file}`);
    for (const node of source.statements) {
      if (!ts.isClassDeclaration(node) || !node.name) continue;
      const base = baseClassName(node);
      if (base !== 'CustomResource' && base !== 'ProviderResource') continue;
      const ctor = node.members.find(ts.isConstructorDeclaration);
      const argsParam = ctor?.parameters[1];
      if (!ctor || !argsParam) throw new Error(`${node.name.text}: no (name, args, opts) constructor`);
      const token = base === 'CustomResource' ? staticType(checker, node) : providerToken(checker, ctor);
      out.push({
        file,
        className: node.name.text,
        token,
        args: membersOf(checker, checker.getTypeAtLocation(argsParam)),
        outputs: node.members
          .filter(ts.isPropertyDeclaration)
          .filter((m) => m.modifiers?.some((x) => x.kind === ts.SyntaxKind.DeclareKeyword))
          .map((m) => m.name.getText(source)),
      });
    }
  }
  return out;
}

/** Problems of a binding's declared inputs against the schema: names, deprecations, required, types. */
export function bindingProblems(schema: ProviderSchema, binding: BindingClass): string[] {
  const resource = resourceSchema(schema, binding.token);
  if (!resource) {
    return [
      schema.allResourceTokens.includes(binding.token)
        ? `${binding.token}: in provider ${schema.version} but not in the extract`
        : `${binding.token}: no such resource token in provider ${schema.version}`,
    ];
  }
  const problems = membersProblems(
    schema,
    resource.inputProperties,
    resource.requiredInputs,
    binding.args,
    'args',
  );
  if (binding.token !== PROVIDER_TOKEN) {
    for (const name of binding.outputs) {
      if (!resource.properties[name]) problems.push(`output ${name}: not a property of ${binding.token}`);
    }
  }
  return problems;
}

function membersProblems(
  schema: ProviderSchema,
  properties: Readonly<Record<string, PropertySchema>>,
  required: readonly string[],
  members: Readonly<Record<string, Member>>,
  path: string,
): string[] {
  const problems: string[] = [];
  for (const [name, member] of Object.entries(members)) {
    const prop = properties[name];
    if (!prop) problems.push(`${path}.${name}: no such input in the schema`);
    else if (prop.deprecationMessage)
      problems.push(`${path}.${name}: deprecated (${prop.deprecationMessage})`);
    else problems.push(...shapeProblems(schema, prop, member.shape, `${path}.${name}`));
  }
  for (const name of required) {
    if (!members[name]) problems.push(`${path}.${name}: required by the provider, missing from the binding`);
    else if (members[name].optional)
      problems.push(`${path}.${name}: required by the provider, optional here`);
  }
  return problems;
}

function shapeProblems(schema: ProviderSchema, prop: PropertySchema, shape: Shape, path: string): string[] {
  const expected = (kind: string) => [
    `${path}: the schema says ${kind}, the binding says ${describe(shape)}`,
  ];
  if (prop.$ref) {
    const type = referencedType(schema, prop.$ref);
    if (!type) return [`${path}: the schema names ${prop.$ref}, which it does not define`];
    if (shape.kind !== 'object') return expected(`an object (${prop.$ref})`);
    return membersProblems(schema, type.properties, type.required ?? [], shape.members, path);
  }
  switch (prop.type) {
    case 'string':
    case 'boolean':
      return shape.kind === prop.type ? [] : expected(prop.type);
    case 'integer':
    case 'number':
      return shape.kind === 'number' ? [] : expected(prop.type);
    case 'array':
      if (shape.kind !== 'array') return expected('a list');
      return shapeProblems(schema, prop.items ?? {}, shape.items, `${path}[]`);
    case 'object':
      if (shape.kind !== 'map') return expected('a map');
      return shapeProblems(schema, prop.additionalProperties ?? {}, shape.values, `${path}{}`);
    default:
      return [`${path}: the schema gives it no type`];
  }
}

function describe(shape: Shape): string {
  switch (shape.kind) {
    case 'array':
      return `a list of ${describe(shape.items)}`;
    case 'map':
      return `a map of ${describe(shape.values)}`;
    case 'object':
      return `an object (${shape.name})`;
    case 'unsupported':
      return `an unsupported type (${shape.text})`;
    default:
      return shape.kind;
  }
}

function membersOf(checker: ts.TypeChecker, type: ts.Type): Record<string, Member> {
  return Object.fromEntries(
    checker.getPropertiesOfType(type).map((symbol) => {
      const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
      const memberType = declaration
        ? checker.getTypeOfSymbolAtLocation(symbol, declaration)
        : checker.getDeclaredTypeOfSymbol(symbol);
      const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
      return [symbol.name, { optional, shape: shapeOf(checker, memberType) }];
    }),
  );
}

function shapeOf(checker: ts.TypeChecker, type: ts.Type): Shape {
  const parts = (type.isUnion() ? type.types : [type]).filter((t) => !isWrapperOrEmpty(t));
  const all = (flag: ts.TypeFlags) => parts.length > 0 && parts.every((t) => (t.flags & flag) !== 0);
  if (all(ts.TypeFlags.StringLike)) return { kind: 'string' };
  if (all(ts.TypeFlags.NumberLike)) return { kind: 'number' };
  if (all(ts.TypeFlags.BooleanLike)) return { kind: 'boolean' };
  const [only] = parts;
  if (parts.length === 1 && checker.isArrayType(only)) {
    return { kind: 'array', items: shapeOf(checker, checker.getTypeArguments(only as ts.TypeReference)[0]) };
  }
  if (parts.length === 1 && only.flags & ts.TypeFlags.Object) {
    const index = checker.getIndexInfoOfType(only, ts.IndexKind.String);
    if (index && checker.getPropertiesOfType(only).length === 0) {
      return { kind: 'map', values: shapeOf(checker, index.type) };
    }
    return { kind: 'object', name: checker.typeToString(only), members: membersOf(checker, only) };
  }
  return { kind: 'unsupported', text: checker.typeToString(type) };
}

/** `undefined`, and the `Promise<T>` / `OutputInstance<T>` halves of `pulumi.Input<T>`. */
function isWrapperOrEmpty(t: ts.Type): boolean {
  if (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) return true;
  const isWrapper = (x: ts.Type) => ['Promise', 'OutputInstance'].includes(x.getSymbol()?.getName() ?? '');
  return isWrapper(t) || (t.isIntersection() && t.types.some(isWrapper));
}

function baseClassName(node: ts.ClassDeclaration): string | undefined {
  const clause = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const expression = clause?.types[0]?.expression;
  if (!expression) return undefined;
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : expression.getText();
}

/** The value of a string constant, spelled in place or named (the bindings take theirs from type-tokens.ts). */
function stringValue(checker: ts.TypeChecker, expression: ts.Expression | undefined): string | undefined {
  if (!expression) return undefined;
  if (ts.isStringLiteral(expression)) return expression.text;
  const type = checker.getTypeAtLocation(expression);
  return type.isStringLiteral() ? type.value : undefined;
}

function staticType(checker: ts.TypeChecker, node: ts.ClassDeclaration): string {
  const member = node.members.find(
    (m): m is ts.PropertyDeclaration =>
      ts.isPropertyDeclaration(m) &&
      m.name.getText() === 'TYPE' &&
      (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ?? false),
  );
  const token = stringValue(checker, member?.initializer);
  if (token === undefined) {
    throw new Error(`${node.name?.text}: no static TYPE string; give the class its provider token`);
  }
  return token;
}

function providerToken(checker: ts.TypeChecker, ctor: ts.ConstructorDeclaration): string {
  let pkg: string | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) {
      pkg = stringValue(checker, n.arguments[0]);
    }
    ts.forEachChild(n, visit);
  };
  visit(ctor);
  if (!pkg) throw new Error('a provider binding must call super() with its package name as a string');
  return `pulumi:providers:${pkg}`;
}
