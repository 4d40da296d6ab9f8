import { basename } from 'path';
import { synthesizeFleet } from '../../src/k8s';
import {
  appDeployments,
  appSettings,
  clusterAppSettings,
  fleetAppSettings,
  imageReference,
  isSpread,
  parseFleet,
  QCBM_COMPONENT_NAMES,
  resolveClusters,
  spreadComponents,
} from '../../src/model';
import { devFleet, wideFleet } from '../fixtures/fleets';
import { exampleStackFiles, loadExample, synthesizeExample } from '../support/example-fleets';

describe('app settings: each component, in each cluster', () => {
  test('the image is kept as parts and written `<registry>/<component>:<tag>`', () => {
    const { image } = appSettings({})['qcbm-front'];
    expect(image).toEqual({ registry: 'ccr.ccs.tencentyun.com/qcbm', component: 'qcbm-front', tag: '1.1.3' });
    expect(imageReference(image)).toBe('ccr.ccs.tencentyun.com/qcbm/qcbm-front:1.1.3');
  });

  test("a component's own value wins over the app's, the app's over the default; the overlay wins over all", () => {
    const app = {
      registry: 'registry.example.com/shop',
      imageTag: '2.0.0',
      replicas: 3,
      components: { 'user-service': { imageTag: '2.0.1', replicas: 1 } },
    };
    const written = appSettings(app);
    expect(written['user-service']).toEqual({
      replicas: 1,
      image: { registry: 'registry.example.com/shop', component: 'user-service', tag: '2.0.1' },
      spread: false,
    });
    expect(written['store-service']).toMatchObject({ replicas: 3, image: { tag: '2.0.0' }, spread: true });
    const overlaid = appSettings(app, {
      'user-service': { replicas: 2 },
      'store-service': { imageTag: 'fdd3edd' },
    });
    expect(overlaid['user-service']).toMatchObject({ replicas: 2, image: { tag: '2.0.1' }, spread: true });
    expect(overlaid['store-service']).toMatchObject({ replicas: 3, image: { tag: 'fdd3edd' } });
    expect(appSettings({})['user-service']).toMatchObject({
      replicas: 1,
      image: { tag: '1.1.4' },
      spread: false,
    });
  });

  test('a budget and zone anti-affinity from two replicas on; none for one or zero', () => {
    expect([0, 1, 2, 3].map(isSpread)).toEqual([false, false, true, true]);
  });

  test("a cluster runs the fleet's app with its own differences; resolveClusters carries them", () => {
    const wide = wideFleet();
    expect(fleetAppSettings(wide)['user-service']).toMatchObject({ replicas: 2, image: { tag: '1.1.4' } });
    expect(clusterAppSettings(wide, 'shanghai-01')['user-service']).toMatchObject({
      replicas: 3,
      image: { tag: 'fdd3edd' },
      spread: true,
    });
    expect(clusterAppSettings(wide, 'guangzhou-dr')['order-service']).toMatchObject({
      replicas: 0,
      spread: false,
    });
    const resolved = resolveClusters(wide);
    expect(resolved.map((r) => r.app['order-service'].replicas)).toEqual([2, 2, 0]);
    expect(resolved[0].app).toEqual(fleetAppSettings(wide));
  });

  test('the components that need a budget are those spread in any cluster, in component order', () => {
    const one = appSettings({});
    const raised = appSettings({}, { 'order-service': { replicas: 2 }, 'user-service': { replicas: 5 } });
    expect(spreadComponents([one, one])).toEqual([]);
    expect(spreadComponents([one, raised])).toEqual(['user-service', 'order-service']);
    expect(spreadComponents([appSettings({ replicas: 2 })])).toEqual(QCBM_COMPONENT_NAMES);
  });
});

describe("appDeployments: the app's Deployments, without rendering anything", () => {
  test('one per component, named after it, in the namespace of the app', () => {
    const fleet = parseFleet({
      ...structuredClone(devFleet()),
      app: { ...devFleet().app, namespace: 'shop' },
    });
    expect(appDeployments(fleet)).toEqual(QCBM_COMPONENT_NAMES.map((name) => ({ name, namespace: 'shop' })));
    const synthesized = synthesizeFleet(fleet).hubApp.filter((m) => m.kind === 'Deployment');
    expect(synthesized.map((m) => ({ name: m.metadata?.name, namespace: m.metadata?.namespace }))).toEqual(
      appDeployments(fleet),
    );
  });

  test.each(exampleStackFiles().map((f) => [basename(f), f]))(
    "%s: the Deployments the hub's templates hold",
    (_name, file) => {
      const fleet = loadExample(file);
      const deployments = synthesizeExample(fleet).hubApp.filter((m) => m.kind === 'Deployment');
      expect(deployments).toHaveLength(6);
      expect(deployments.map((m) => ({ name: m.metadata?.name, namespace: m.metadata?.namespace }))).toEqual(
        appDeployments(fleet),
      );
    },
  );
});
