import { join } from 'path';
import { appDeployments, loadFleetFromStackFile } from '../../src/model';
import * as synthesis from '../../src/k8s/fleet/synthesize-fleet';
import { drillTarget } from '../../src/ops/drill/drill-target';
import { REPO_ROOT } from '../support/repo-root';

describe('drillTarget', () => {
  test("scales the app's Deployments, named from the model, without rendering the fleet", () => {
    const fleet = loadFleetFromStackFile(join(REPO_ROOT, 'Pulumi.prod.yaml'));
    const synth = jest.spyOn(synthesis, 'synthesizeFleet');
    try {
      const target = drillTarget(fleet, 'ap-shanghai', undefined, undefined);
      expect(target.deployments).toEqual(appDeployments(fleet));
      expect(target.deployments.map((d) => `${d.namespace}/${d.name}`)).toEqual([
        'qcbm/user-service',
        'qcbm/store-service',
        'qcbm/qcbm-gateway',
        'qcbm/qcbm-front',
        'qcbm/order-service',
        'qcbm/favorites-service',
      ]);
      expect(synth).not.toHaveBeenCalled();
    } finally {
      synth.mockRestore();
    }
  });
});
