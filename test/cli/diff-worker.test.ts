import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { generateFleet } from '../../scripts/generate-fleet';
import * as manifests from '../../src/cli/cluster-manifests';
import { clusterManifests } from '../../src/cli/cluster-manifests';
import { manifestDigests } from '../../src/cli/manifest-digests';
import { renderBeside, startManifestWorker, WORKER_MIN_CLUSTERS } from '../../src/cli/manifests-beside';
import type { Manifest } from '../../src/k8s/manifest';
import { parseFleet } from '../../src/model';
import type { FleetInput } from '../../src/model/fleet-schema';
import { runCli } from './support';

jest.setTimeout(120_000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-diff-worker-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fleet large enough for `diff` to render its base in a worker thread. */
const large = (): FleetInput => generateFleet(WORKER_MIN_CLUSTERS + 5);
/** A fleet for `renderBeside` itself, which uses the worker it is given. */
const small = (): FleetInput => generateFleet(8);

/** The same manifests (the worker's objects are of this process's realm, not of the test's: no `toStrictEqual`). */
const expectSameManifests = (actual: unknown, expected: unknown) => {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
};

/** A patch of user-service that cannot apply (its path does not exist), named `name`. */
function brokenPatch(input: FleetInput, cluster: string, name: string): void {
  input.differences = {
    ...input.differences,
    [cluster]: {
      patches: [
        {
          type: 'JSONPatch',
          name,
          target: { kind: 'Deployment', name: 'user-service' },
          operations: [{ op: 'replace', path: '/spec/nothing/here', value: 1 }],
        },
      ],
    },
  };
}

describe('manifestDigests: equal only for manifests a diff finds nothing in', () => {
  const digest = (manifests: unknown[]) => manifestDigests({ c: manifests as Manifest[] }).c;
  test.each([
    ['-0 and 0', [{ a: -0 }], [{ a: 0 }]],
    ['an undefined member and none', [{ a: undefined }], [{}]],
    ['another key order', [{ a: 1, b: 2 }], [{ b: 2, a: 1 }]],
    ['a number and its text', [{ a: 1 }], [{ a: '1' }]],
    ['another object order', [{ kind: 'A' }, { kind: 'B' }], [{ kind: 'B' }, { kind: 'A' }]],
  ])('%s differ', (_label, a, b) => {
    expect(digest(a)).not.toBe(digest(b));
  });

  test('manifests that JSON text would not hold exactly have none: they compare equal to nothing', () => {
    expect(digest([{ a: -0 }])).toBeUndefined();
    expect(digest([{ a: undefined }])).toBeUndefined();
    expect(digest([{ a: 1 }])).toEqual(expect.any(String));
  });

  test('equal manifests, built apart, have equal digests', () => {
    const build = () => [{ kind: 'ConfigMap', data: { A: '1' }, list: [1, { b: null }] }];
    expect(digest(build())).toBe(digest(build()));
  });
});

describe('renderBeside: both fleets, with the first in a worker thread', () => {
  test('gives what rendering them one after the other gives', async () => {
    const base = parseFleet(small(), 'base');
    const changed = small();
    changed.clusters[7].endpoints = {
      ...changed.clusters[7].endpoints,
      redis: { host: '10.9.9.9', port: 6379 },
    };
    const head = parseFleet(changed, 'head');
    const here = jest.spyOn(manifests, 'clusterManifests');
    const [before, after] = await renderBeside(base, head, startManifestWorker());
    // This thread rendered the second fleet only: the worker rendered the first.
    expect(here.mock.calls.map(([fleet]) => fleet)).toEqual([head]);
    here.mockRestore();
    expectSameManifests(before, clusterManifests(base));
    expectSameManifests(after, clusterManifests(head));
    expect(before.clusters['cluster-0007']).not.toEqual(after.clusters['cluster-0007']);
    // Only the cluster that differs came over from the worker; the others are this thread's own.
    expect(before.clusters['cluster-0000']).toBe(after.clusters['cluster-0000']);
    expect(before.clusters['cluster-0007']).not.toBe(after.clusters['cluster-0007']);
  });

  test.each([
    [
      'the first fleet fails: its error, even where the second fails too',
      true,
      /cluster "cluster-0003".*base-broken/s,
    ],
    ['only the second fleet fails: its error', false, /cluster "cluster-0004".*head-broken/s],
  ])('%s', async (_label, baseBroken, expected) => {
    const baseInput = small();
    if (baseBroken) brokenPatch(baseInput, 'cluster-0003', 'base-broken');
    const headInput = small();
    brokenPatch(headInput, 'cluster-0004', 'head-broken');
    const [base, head] = [parseFleet(baseInput, 'base'), parseFleet(headInput, 'head')];
    const serial = (() => {
      try {
        clusterManifests(baseBroken ? base : head);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('the fleet was meant to fail');
    })();
    await expect(renderBeside(base, head, startManifestWorker())).rejects.toThrow(serial);
    expect(serial).toMatch(expected);
  });
});

test(`diff of fleets of ${WORKER_MIN_CLUSTERS} clusters or more prints what a serial diff prints`, async () => {
  const input = large();
  const stackFile = (name: string) => {
    const file = join(dir, name);
    writeFileSync(file, stringify({ config: { 'qcbm:fleet': input } }));
    return file;
  };
  const base = stackFile('Pulumi.base.yaml');
  input.clusters[4].endpoints = { ...input.clusters[4].endpoints, redis: { host: '10.0.5.99', port: 6379 } };
  const head = stackFile('Pulumi.head.yaml');
  const run = await runCli(['diff', '--file', head, '--base', base], dir);
  expect([run.code, run.err]).toEqual([0, '']);
  expect(run.out).toMatch(
    new RegExp(
      `^cluster cluster-0004:\n  ~ ConfigMap qcbm/qcbm-env\n      ~ data.REDIS_HOST: "10.0.5.20" → "10.0.5.99"\n[^]*\n${WORKER_MIN_CLUSTERS + 4} clusters unchanged \\(--all lists them\\)\n1 of ${WORKER_MIN_CLUSTERS + 5} clusters change: 0 objects added, 0 removed, 5 changed\\.\n$`,
    ),
  );
});
