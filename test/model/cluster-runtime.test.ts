import { resolveClusters, ValidationError } from '../../src/model';
import { devFleet, wideFleet } from '../fixtures/fleets';
import { loadExample } from '../support/example-fleets';
import { join } from 'path';
import { REPO_ROOT } from '../support/repo-root';
import { thrownBy, validationErrorOf } from '../support/thrown';

describe('resolveClusters: where each cluster value comes from', () => {
  test("without run-time values, every value is the fleet file's", () => {
    const [first, second] = resolveClusters(devFleet());
    expect(first.endpoints.mysql).toEqual({ host: '10.0.1.10', port: 3306 });
    expect(second.endpoints.mysql).toEqual({ host: 'hk-cdb-a2b1ptyb.sql.tencentcdb.com', port: 63579 });
    expect([first.gatewaySubnetId, second.gatewaySubnetId]).toEqual(['subnet-k8s00001', 'subnet-k8s00002']);
    expect(first.loadBalancers).toEqual({});
  });

  test("what a region produced replaces the fleet file's, for that cluster only", () => {
    const resolved = resolveClusters(devFleet(), {
      'guangzhou-02': {
        endpoints: { mysql: { host: '10.9.16.5', port: 3306 } },
        gatewaySubnetId: 'subnet-run00002',
        loadBalancers: { ingressClbId: 'lb-ing00002' },
      },
    });
    expect(resolved[1]).toMatchObject({
      endpoints: { mysql: { host: '10.9.16.5', port: 3306 }, redis: { host: '10.24.4.25', port: 6379 } },
      gatewaySubnetId: 'subnet-run00002',
      loadBalancers: { ingressClbId: 'lb-ing00002' },
    });
    expect(resolved[0].endpoints.mysql.host).toBe('10.0.1.10');
  });

  test('a value neither in the file nor produced, and a run-time value for an unknown cluster, are listed together', () => {
    const prod = loadExample(join(REPO_ROOT, 'Pulumi.prod.yaml'));
    const error = thrownBy(() => resolveClusters(prod, { 'nowhere-01': {} }));
    expect(ValidationError.isValidationError(error)).toBe(true);
    const paths = (error as ValidationError).issues.map((i) => i.path);
    expect(paths).toContain('runtime["nowhere-01"]');
    expect(paths).toContain('fleet.clusters[0].endpoints.mysql');
    expect(paths).toContain('fleet.clusters[2].gatewaySubnetId');
  });

  test("a store every cluster shares is reported once, at the cluster that holds it, not at each cluster's region", () => {
    const prod = loadExample(join(REPO_ROOT, 'Pulumi.prod.yaml'));
    const issues = validationErrorOf(() => resolveClusters(prod)).issues;
    const mysql = issues.filter((i) => i.path.endsWith('.endpoints.mysql'));
    expect(mysql).toEqual([
      expect.objectContaining({
        path: 'fleet.clusters[0].endpoints.mysql',
        message:
          "is not known yet: ap-beijing creates it during `pulumi up`, and every cluster writes to beijing-01's",
      }),
    ]);
    // Each cluster's own Redis (prod has no Redis replication group) is reported at that cluster.
    expect(issues.filter((i) => i.path.endsWith('.endpoints.redis')).map((i) => i.path)).toEqual([
      'fleet.clusters[0].endpoints.redis',
      'fleet.clusters[1].endpoints.redis',
      'fleet.clusters[2].endpoints.redis',
    ]);
  });

  test('fleet order is kept', () => {
    expect(resolveClusters(wideFleet()).map((r) => r.cluster.name)).toEqual([
      'beijing-01',
      'shanghai-01',
      'guangzhou-dr',
    ]);
  });
});
