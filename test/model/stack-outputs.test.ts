import {
  parseStackOutputs,
  printedStackOutputsSchema,
  STACK_OUTPUTS_VERSION,
  stackOutputsSchema,
} from '../../src/model/stack-outputs';
import { ValidationError } from '../../src/model/validation-error';
import { prodStackOutputs } from '../fixtures/stack-outputs';

const WRITE = 'pulumi stack output --json > outputs.json';
const parse = (value: unknown) => parseStackOutputs(value, '--outputs o.json', WRITE);

describe('parseStackOutputs', () => {
  test('reads complete outputs of this version; hidden kubeconfigs read as absent, shown ones as they are', () => {
    const hidden = parse(prodStackOutputs());
    expect(hidden.sites['ap-beijing'].mysqlInstanceId).toBe('cdb-67d948f0');
    expect(hidden.traffic?.clusters['shanghai-01'].poolId).toBe(501874);
    expect(hidden.kubeconfigs).toBeUndefined();
    const shown = parse(prodStackOutputs({ kubeconfigs: { 'shanghai-01': 'apiVersion: v1' } }));
    expect(shown.kubeconfigs).toEqual({ 'shanghai-01': 'apiVersion: v1' });
  });

  test("another output of the user's own program beside the environment's is no error", () => {
    expect(parse({ ...prodStackOutputs(), bucket: 'my-bucket' }).sites).toBeDefined();
  });

  test('outputs without a version (deployed before it existed) fail, saying so and what to run', () => {
    const old: Record<string, unknown> = prodStackOutputs();
    delete old.version;
    expect(() => parse(old)).toThrow(ValidationError);
    expect(() => parse(old)).toThrow(
      '--outputs o.json is invalid (1 problem):\n' +
        '  - outputs.version: is missing: these are the outputs of a stack deployed before its outputs had a ' +
        `version, and this release reads version ${STACK_OUTPUTS_VERSION}. ` +
        `Fix: run \`pulumi up\` with this release of @qcbm/fleet, then write the outputs again: ${WRITE}`,
    );
  });

  test('outputs of a later version send the reader to a release that reads them; of an earlier one, to pulumi up', () => {
    const later = { ...prodStackOutputs(), version: STACK_OUTPUTS_VERSION + 1 };
    expect(() => parse(later)).toThrow(
      `outputs.version: is not ${STACK_OUTPUTS_VERSION}: this release of @qcbm/fleet reads version ` +
        `${STACK_OUTPUTS_VERSION} of the stack outputs (found ${STACK_OUTPUTS_VERSION + 1}). ` +
        'Fix: use the release of @qcbm/fleet that deployed the stack (or a later one) to read its outputs',
    );
    const earlier = { ...prodStackOutputs(), version: STACK_OUTPUTS_VERSION - 1 };
    expect(() => parse(earlier)).toThrow(`Fix: run \`pulumi up\` with this release of @qcbm/fleet`);
    expect(() => parse({ ...prodStackOutputs(), version: String(STACK_OUTPUTS_VERSION) })).toThrow(
      `(found "${STACK_OUTPUTS_VERSION}")`,
    );
  });

  test('outputs of this version in another shape list every problem by path', () => {
    const outputs: any = prodStackOutputs();
    delete outputs.sites['ap-shanghai'].clusterId;
    outputs.traffic.clusters['beijing-01'].weight = 3;
    expect(() => parse(outputs)).toThrow(
      '--outputs o.json is invalid (2 problems):\n' +
        '  - outputs.sites["ap-shanghai"].clusterId: is required (a string). Fix: add this field\n' +
        '  - outputs.traffic.clusters["beijing-01"]: has unknown field "weight". Fix: remove it or correct its spelling',
    );
    expect(() => parse([])).toThrow(/outputs: must be an object, not a list/);
  });
});

describe('stackOutputsSchema (what a stack exports)', () => {
  test('holds the kubeconfigs themselves and nothing beside the shape', () => {
    const exported = prodStackOutputs({ kubeconfigs: { 'beijing-01': 'apiVersion: v1' } });
    expect(stackOutputsSchema.parse(exported)).toEqual(exported);
    expect(stackOutputsSchema.safeParse(prodStackOutputs()).success).toBe(false);
    expect(stackOutputsSchema.safeParse({ ...exported, bucket: 'my-bucket' }).success).toBe(false);
    // What it exports is what a reader reads.
    expect(printedStackOutputsSchema.parse(exported)).toEqual(exported);
  });
});
