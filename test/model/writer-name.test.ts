import { join } from 'path';
import { parseFleet, resolveClusters } from '../../src/model';
import { offlineRuntime } from '../../src/model/offline-runtime';
import { writerName } from '../../src/model/writer-name';
import { wideFleetInput } from '../fixtures/fleets';
import { loadExample } from '../support/example-fleets';
import { REPO_ROOT } from '../support/repo-root';
import { validationErrorOf } from '../support/thrown';

const stack = (name: string) => loadExample(join(REPO_ROOT, `Pulumi.${name}.yaml`));

describe('writerName: the one name of the writable MySQL', () => {
  test.each([
    ['prod', 'beijing-01'],
    ['dr', 'guangzhou-a'],
  ])(
    '%s: a record in qcbm-<fleet>.internal, with an explicit TTL, pointing at the primary of %s',
    (name, primary) => {
      const fleet = stack(name);
      expect(writerName(fleet)).toEqual({
        zone: `qcbm-${fleet.name}.internal`,
        record: 'mysql',
        host: `mysql.qcbm-${fleet.name}.internal`,
        ttlSeconds: 30,
        primaryCluster: primary,
      });
    },
  );

  test.each(['prod', 'dr'])(
    "%s: every cluster's offline MySQL endpoint is the name, on the primary's port",
    (name) => {
      const fleet = stack(name);
      const resolved = resolveClusters(fleet, offlineRuntime(fleet).runtime);
      expect(resolved.map((r) => [r.cluster.name, r.endpoints.mysql])).toEqual(
        fleet.clusters.map((c) => [c.name, { host: `mysql.qcbm-${fleet.name}.internal`, port: 3306 }]),
      );
    },
  );

  test('an external primary keeps its plain host', () => {
    const fleet = parseFleet({ ...wideFleetInput(), data: { mysql: { primaryRegion: 'ap-beijing' } } });
    expect(writerName(fleet)).toBeUndefined();
    expect(resolveClusters(fleet).map((r) => r.endpoints.mysql.host)).toEqual(
      fleet.clusters.map(() => '10.1.0.10'),
    );
  });

  test('data.mysql.writerName.ttlSeconds sets the TTL, and a TTL out of the provider range is refused with its fix', () => {
    const raw = JSON.parse(JSON.stringify(stack('prod')));
    raw.data.mysql.writerName = { ttlSeconds: 5 };
    expect(writerName(parseFleet(raw))?.ttlSeconds).toBe(5);
    raw.data.mysql.writerName = { ttlSeconds: 0 };
    const issue = validationErrorOf(() => parseFleet(raw)).issues.find((i) =>
      i.path.endsWith('data.mysql.writerName.ttlSeconds'),
    );
    expect(issue).toMatchObject({ value: 0, fix: expect.stringContaining('give seconds') });
  });

  test('a fleet that names no primary has no name', () => {
    expect(writerName(stack('staging'))).toBeUndefined();
  });
});
