import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { externalClusterInput } from '../../support/dr-fleets';
import { repoPath } from '../../support/repo-root';

/** The cluster of `sharedRegionFleetInput` that the stack does not create. */
export const EXTERNAL_CLUSTER = 'shanghai-edge';

/**
 * The staging fleet plus a cluster this stack does not create, in the region it builds (ap-shanghai): its site
 * names its own cluster, and the second one brings its own subnet and data services. Delivered directly.
 */
export function sharedRegionFleetInput(): any {
  const doc = parse(readFileSync(repoPath('Pulumi.staging.yaml'), 'utf8'));
  const fleet = doc.config['qcbm:fleet'];
  fleet.cloud.regions[0].cluster = 'shanghai-staging';
  fleet.clusters.push(
    externalClusterInput({
      name: EXTERNAL_CLUSTER,
      region: 'ap-shanghai',
      area: 'east-china',
      octet: 150,
      clusterId: '5b0c7a3e-1f2d-4e6a-9b8c-7d6e5f4a3b21',
      gatewaySubnetId: 'subnet-5h7k9m2p',
    }),
  );
  return fleet;
}
