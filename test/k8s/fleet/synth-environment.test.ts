import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { addQcbmFleetCharts } from '../../../src/k8s/fleet/qcbm-fleet-charts';
import { writeFleetCharts } from '../../../src/k8s/fleet/synth-environment';
import { synthesizeFleet } from '../../../src/k8s/fleet/synthesize-fleet';
import * as renderModule from '../../../src/k8s/multi-cluster/render-cluster';
import type { Fleet } from '../../../src/model';
import { parseFleet } from '../../../src/model';
import { generateFleet } from '../../../scripts/generate-fleet';
import { devFleet, wideFleet } from '../../fixtures/fleets';

// `synth` writes with its own path (each cluster rendered once, the fast YAML writer) what cdk8s's `App.synth()`
// writes for the same charts with one RenderedClusterChart per cluster: the same files, byte for byte, and so the
// same objects. Checked on the example fleets and on the bench's generated ones.

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

function both(fleet: Fleet): { ours: Record<string, string>; cdk8s: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'qcbm-synth-'));
  try {
    const ours = join(dir, 'ours');
    writeFleetCharts(addQcbmFleetCharts(new App({ outdir: ours }), { fleet, renderClusters: false }), ours);
    const reference = new App({ outdir: join(dir, 'cdk8s') });
    addQcbmFleetCharts(reference, { fleet });
    reference.synth();
    return { ours: filesOf(ours), cdk8s: filesOf(join(dir, 'cdk8s')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("synth's writer against cdk8s App.synth()", () => {
  test.each([
    ['dev', devFleet],
    ['the wide fleet', wideFleet],
    ['a generated fleet of 10 clusters', () => parseFleet(generateFleet(10))],
    ['a generated fleet of 50 clusters', () => parseFleet(generateFleet(50))],
  ])('%s: the same files, byte for byte, parsing to the same objects', (_name, fleet) => {
    const { ours, cdk8s } = both(fleet());
    expect(Object.keys(ours).sort()).toEqual(Object.keys(cdk8s).sort());
    for (const [file, text] of Object.entries(cdk8s)) {
      expect([file, ours[file] === text]).toEqual([file, true]);
      const objects = (t: string) => parseAllDocuments(t).map((d) => d.toJS());
      expect(objects(ours[file])).toEqual(objects(text));
    }
  });
});

describe('rendering once', () => {
  test.each([
    [
      'synth',
      (fleet: Fleet, dir: string) =>
        writeFleetCharts(addQcbmFleetCharts(new App({ outdir: dir }), { fleet, renderClusters: false }), dir),
    ],
    ['synthesizeFleet (the Pulumi path)', (fleet: Fleet) => synthesizeFleet(fleet)],
  ])('%s renders each cluster once', (_, run) => {
    const fleet = devFleet();
    const dir = mkdtempSync(join(tmpdir(), 'qcbm-once-'));
    const spy = jest.spyOn(renderModule, 'renderCluster');
    try {
      run(fleet, dir);
      const names = fleet.clusters.map((c) => c.name);
      // Once whole, and once only the objects the checksums read (before the checksum overrides exist).
      const [checksums, whole] = [spy.mock.calls.slice(0, names.length), spy.mock.calls.slice(names.length)];
      expect(whole.map(([input]) => input.clusterName)).toEqual(names);
      expect(checksums.map(([input]) => input.clusterName)).toEqual(names);
      for (const [input] of checksums) {
        expect(new Set(input.feeds.map((f) => f.reference.kind))).toEqual(
          new Set(['ConfigMap', 'Deployment']),
        );
      }
      expect(whole.every(([input]) => input.feeds.some((f) => f.reference.kind === 'Ingress'))).toBe(true);
    } finally {
      spy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
