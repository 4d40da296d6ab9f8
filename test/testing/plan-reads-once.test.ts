import type * as FsModule from 'fs';
import { join, resolve } from 'path';
import * as parseInputModule from '../../src/model/parse-input';
import { REPO_ROOT } from '../support/repo-root';

// The module object itself (an `import * as` namespace cannot be spied on).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs: typeof FsModule = require('fs');

// One plan per file: the Pulumi runtime is global.
describe('the offline plan reads each file once and checks the fleet once', () => {
  const reads: string[] = [];
  const subjects: string[] = [];
  beforeAll(async () => {
    // A file is read whole (readFileSync) or with a bound (openSync, then reads of the descriptor).
    for (const method of ['readFileSync', 'openSync'] as const) {
      const original = fs[method] as (...a: unknown[]) => unknown;
      jest.spyOn(fs, method).mockImplementation(((path: unknown, ...rest: unknown[]) => {
        if (typeof path === 'string' && /Pulumi\.[^/]*ya?ml$/.test(path)) reads.push(resolve(path));
        return original(path, ...rest);
      }) as never);
    }
    const parseInput = parseInputModule.parseInput;
    jest.spyOn(parseInputModule, 'parseInput').mockImplementation((schema, value, subject, ...rest) => {
      subjects.push(subject);
      return parseInput(schema, value, subject, ...rest);
    });
    const { planStack } = await import('../../src/testing/offline-plan');
    const { readPulumiProject } = await import('../../src/testing/pulumi-project');
    await planStack({ stack: 'dev', projectDir: REPO_ROOT, project: readPulumiProject(REPO_ROOT) });
  });
  afterAll(() => jest.restoreAllMocks());

  test('Pulumi.yaml is read by the caller alone and Pulumi.dev.yaml once, for both the fleet and the config', () => {
    expect(reads).toEqual([join(REPO_ROOT, 'Pulumi.yaml'), join(REPO_ROOT, 'Pulumi.dev.yaml')]);
  });

  test('the fleet is validated once, although both the plan and the program read it', () => {
    const fleetChecks = subjects.filter((s) => s.includes('Pulumi.dev.yaml'));
    expect(fleetChecks).toEqual([join(REPO_ROOT, 'Pulumi.dev.yaml')]);
    // The constructs still check their own props: the spy saw the whole run.
    expect(subjects.length).toBeGreaterThan(fleetChecks.length);
  });
});
