import { basename } from 'path';
import { generateFleet } from '../../../scripts/generate-fleet';
import {
  renderFleetCluster,
  renderFleetClusters,
  synthesizeFleet,
} from '../../../src/k8s/fleet/synthesize-fleet';
import * as rendering from '../../../src/k8s/multi-cluster/render-cluster';
import { type Fleet, parseFleet } from '../../../src/model';
import { offlineCertificateId, offlineRuntime } from '../../../src/model/offline-runtime';
import { ValidationError } from '../../../src/model/validation-error';
import { wideFleet } from '../../fixtures/fleets';
import { exampleStackFiles, loadExample } from '../../support/example-fleets';

const FLEETS: [string, () => Fleet][] = [
  ...exampleStackFiles().map((file): [string, () => Fleet] => [basename(file), () => loadExample(file)]),
  ['the wide fleet', wideFleet],
];

describe('renderFleetCluster: one cluster, as a full synth renders it', () => {
  test('every shipped stack and the wide fleet are covered', () => {
    expect(FLEETS.map(([name]) => name)).toEqual(
      expect.arrayContaining(['Pulumi.dev.yaml', 'Pulumi.prod.yaml', 'the wide fleet']),
    );
  });

  test.each(FLEETS)('%s: every cluster equals its cluster-<name> of synthesizeFleet', (_label, load) => {
    const fleet = load();
    const options = { runtime: offlineRuntime(fleet).runtime, tlsCertificateId: offlineCertificateId(fleet) };
    const whole = synthesizeFleet(fleet, options).clusters;
    const names = fleet.clusters.map((c) => c.name);
    expect(Object.keys(whole)).toEqual(names);
    expect(Object.fromEntries(names.map((n) => [n, renderFleetCluster(fleet, n, options)]))).toStrictEqual(
      whole,
    );
    expect(renderFleetClusters(fleet, options)).toStrictEqual(whole);
  });

  test('renders one cluster of a 20-cluster fleet, not the others', () => {
    const fleet = parseFleet(generateFleet(20), 'generated fleet');
    const spy = jest.spyOn(rendering, 'renderCluster');
    try {
      const manifests = renderFleetCluster(fleet, 'cluster-0013');
      // Its checksums' objects, then the whole cluster.
      expect(spy.mock.calls.map(([input]) => input.clusterName)).toEqual(['cluster-0013', 'cluster-0013']);
      expect(manifests).toStrictEqual(synthesizeFleet(fleet).clusters['cluster-0013']);
    } finally {
      spy.mockRestore();
    }
    // The full synth renders each of the 20 once, and before that their checksums' objects (a control: the spy
    // sees every rendering).
    const all = jest.spyOn(rendering, 'renderCluster');
    try {
      synthesizeFleet(fleet);
      expect(all).toHaveBeenCalledTimes(2 * 20);
    } finally {
      all.mockRestore();
    }
  });

  test("checks that cluster's overrides only, and refuses a cluster the fleet does not have", () => {
    const input = generateFleet(3);
    input.differences = {
      'cluster-0001': {
        patches: [
          {
            type: 'JSONPatch',
            name: 'nothing-there',
            target: { kind: 'Deployment', name: 'user-service' },
            operations: [{ op: 'replace', path: '/spec/nothing/here', value: 1 }],
          },
        ],
      },
    };
    const fleet = parseFleet(input, 'generated fleet');
    expect(() => renderFleetCluster(fleet, 'cluster-0001')).toThrow(ValidationError);
    expect(() => renderFleetCluster(fleet, 'cluster-0001')).toThrow(/cluster "cluster-0001".*nothing-there/s);
    expect(() => renderFleetCluster(fleet, 'cluster-0009')).toThrow(/is not a member cluster/);
    // Another cluster's override is not this rendering's: synth and plan report it.
    expect(renderFleetCluster(fleet, 'cluster-0002').length).toBeGreaterThan(0);
  });

  test("refuses, as synth does, another cluster's difference that cannot be added", () => {
    const input = generateFleet(3);
    input.differences = {
      'cluster-0002': {
        patches: [
          {
            type: 'MergePatch',
            name: 'aimed-at-nothing',
            target: { kind: 'Deployment', name: 'no-such-service' },
            patch: { spec: { replicas: 2 } },
          },
        ],
      },
    };
    const fleet = parseFleet(input, 'generated fleet');
    let synthError: unknown;
    try {
      synthesizeFleet(fleet);
    } catch (e) {
      synthError = e;
    }
    expect(synthError).toBeInstanceOf(ValidationError);
    expect((synthError as Error).message).toMatch(
      /differences\["cluster-0002"\]\.patches\[0\]\.target: names Deployment no-such-service/,
    );
    expect(() => renderFleetCluster(fleet, 'cluster-0000')).toThrow((synthError as Error).message);
  });
});
