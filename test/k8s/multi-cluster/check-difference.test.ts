import { ApiObject, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterDifference, MultiClusterApp } from '../../../src/k8s';
import type { ClusterTarget } from '../../../src/k8s/multi-cluster/cluster-target';
import { thrownBy } from '../../support/thrown';

/** Two clusters whose names and localizationNames give the same construct id ("ABX"), one without a hub namespace. */
const A: ClusterTarget = {
  name: 'a',
  clusterId: 'aaaaaaaa-0000-4000-8000-000000000001',
  hubNamespace: 'clusternet-a',
};
const AB: ClusterTarget = { name: 'a-b', clusterId: 'abababab-0000-4000-8000-000000000002' };

class ConfigApp extends Construct {
  public readonly config: ApiObject;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.config = new ApiObject(this, 'Config', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'env', namespace: 'shop' },
      data: { HOST: '10.0.0.1' },
    });
  }
}

function setup() {
  const chart = Testing.chart();
  const app = new ConfigApp(chart, 'App');
  return {
    app,
    mca: new MultiClusterApp(chart, 'Dist', { app, subscriptionName: 'sub', clusters: [A, AB] }),
  };
}

const annotate = (app: ConfigApp, localizationName: string) =>
  ClusterDifference.annotations(app.config, { note: localizationName }, { localizationName });

describe('_checkDifference: what addDifference checks, for a cluster that is not rendered', () => {
  test('holds nothing, and later objects get the ids they get when every difference is added', () => {
    const full = setup();
    full.mca.addDifference('a', annotate(full.app, 'b-x'));
    const later = full.mca.addDifference('a-b', annotate(full.app, 'x'));
    expect(later.node.id).toBe('ABX2');

    const checked = setup();
    checked.mca._checkDifference('a', annotate(checked.app, 'b-x'));
    expect(checked.mca.localizations).toEqual([]);
    const same = checked.mca.addDifference('a-b', annotate(checked.app, 'x'));
    expect(same.node.id).toBe('ABX2');
    expect(checked.mca.globalizations).toEqual([same]);
    expect(checked.mca.renderCluster('a-b')).toEqual(full.mca.renderCluster('a-b'));
  });

  test.each([
    ['a Localization', 'a'],
    ['a Globalization (no hub namespace)', 'a-b'],
  ])('refuses, with the same message, what %s would refuse', (_label, cluster) => {
    const added = setup();
    const refused = thrownBy(() => added.mca.addDifference(cluster, annotate(added.app, 'Not_A_Name')));
    const { message } = refused as Error;
    expect(message).toMatch(/props\.name/);
    const checked = setup();
    expect(() => checked.mca._checkDifference(cluster, annotate(checked.app, 'Not_A_Name'))).toThrow(message);
  });

  test('refuses a cluster that is not a member, as addDifference does', () => {
    const { app, mca } = setup();
    const message = (thrownBy(() => mca.addDifference('nowhere', annotate(app, 'x'))) as Error).message;
    expect(message).toMatch(/is not a member cluster/);
    expect(() => mca._checkDifference('nowhere', annotate(app, 'x'))).toThrow(message);
  });
});
