import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import {
  FLEET_CONFIG_KEY,
  loadFleetFromStackFile,
  parseFleetFromStackYaml,
  stackNameOf,
} from '../../src/model/load-fleet';
import { parseFleet } from '../../src/model/parse-fleet';
import { ValidationError, type ValidationIssue } from '../../src/model/validation-error';
import { repoPath } from '../support/repo-root';
import { validationErrorOf } from '../support/thrown';

const STACK_FILE = repoPath('Pulumi.dev.yaml');
const STACK_TEXT = readFileSync(STACK_FILE, 'utf8');

/** A fresh, deep copy of the valid raw fleet from Pulumi.dev.yaml, to break one field at a time. */
function validRaw(): any {
  return structuredClone((parse(STACK_TEXT) as { config: Record<string, unknown> }).config[FLEET_CONFIG_KEY]);
}

/** Runs `fn`, expects a ValidationError (of this module instance), and returns it. */
function validationError(fn: () => unknown): ValidationError {
  const error = validationErrorOf(fn);
  expect(ValidationError.isValidationError(error)).toBe(true);
  expect(error).toBeInstanceOf(ValidationError);
  return error;
}

/**
 * Expects `fn` to throw a ValidationError with an issue at exactly `issuePath`, whose line in the message
 * names the path, says what is wrong and how to fix it. Returns that issue.
 */
function expectIssue(fn: () => unknown, issuePath: string, message: RegExp): ValidationIssue {
  const error = validationError(fn);
  const issue = error.issues.find((i) => i.path === issuePath);
  expect({ paths: error.issues.map((i) => i.path), found: issue !== undefined }).toEqual({
    paths: expect.arrayContaining([issuePath]),
    found: true,
  });
  const found = issue as ValidationIssue;
  expect(found.message).toMatch(message);
  expect(found.fix.length).toBeGreaterThan(0);
  expect(error.message).toContain(`${issuePath}: ${found.message}`);
  expect(error.message).toContain(`Fix: ${found.fix}`);
  return found;
}

/** Parses the valid fleet with one change applied and expects exactly one issue, at `issuePath`. */
function expectOnlyIssue(mutate: (raw: any) => void, issuePath: string, message: RegExp): ValidationIssue {
  const raw = validRaw();
  mutate(raw);
  expect(() => parseFleet(raw)).toThrow(message);
  const issue = expectIssue(() => parseFleet(raw), issuePath, message);
  expect(validationError(() => parseFleet(raw)).issues).toHaveLength(1);
  return issue;
}

describe('loading Pulumi.dev.yaml', () => {
  const fleet = loadFleetFromStackFile(STACK_FILE);

  test('the shipped dev stack is valid, with its two clusters', () => {
    expect(fleet.name).toBe('dev');
    expect(fleet.clusters.map((c) => [c.name, c.clusterId, c.hubNamespace])).toEqual([
      ['guangzhou-01', 'ebfcf224-acc8-4992-8a37-61c371cb7c1f', 'clusternet-5l82l'],
      ['guangzhou-02', '3c1a52d6-5d0e-4f4b-9a0c-7c2b8e6f1d42', 'clusternet-bbg66'],
    ]);
  });

  test('app defaults are filled in', () => {
    expect(fleet.app).toEqual({
      namespace: 'qcbm',
      registry: 'ccr.ccs.tencentyun.com/qcbm',
      imagePullSecret: { source: 'none' },
      ingressHost: 'qcbm.com',
      replicas: 1,
      components: {},
      secrets: { source: 'existing', name: 'qcbm-keys', distribute: true, revision: '1' },
      hostPathVolumes: false,
      schemaInit: { image: 'mariadb:10.11.10' },
    });
  });

  test('distribution is as written, with basePriority 300', () => {
    expect(fleet.distribution).toEqual({
      subscriptionName: 'qcbm-subscription',
      subscriptionNamespace: 'default',
      basePriority: 300,
      strict: false,
    });
  });

  test('cluster defaults are filled in and endpoints keep their ports', () => {
    expect(fleet.clusters[1]).toEqual({
      name: 'guangzhou-02',
      clusterId: '3c1a52d6-5d0e-4f4b-9a0c-7c2b8e6f1d42',
      hubNamespace: 'clusternet-bbg66',
      labels: {},
      region: 'ap-guangzhou',
      area: 'south-china',
      role: 'active',
      gatewaySubnetId: 'subnet-k8s00002',
      endpoints: {
        mysql: { host: 'hk-cdb-a2b1ptyb.sql.tencentcdb.com', port: 63579 },
        redis: { host: '10.24.4.25', port: 6379 },
        skywalking: { host: 'ap-guangzhou.tsw.tencentcloudapi.com', port: 11800 },
      },
      nacos: { mode: 'in-cluster', replicas: 1, storageGb: 10 },
    });
    expect(fleet.differences).toEqual({});
  });

  test("endpoint ports that are left out get the services' default ports", () => {
    const raw = validRaw();
    for (const endpoint of Object.values(raw.clusters[0].endpoints) as { port?: number }[]) {
      delete endpoint.port;
    }
    expect(parseFleet(raw).clusters[0].endpoints).toEqual({
      mysql: { host: '10.0.1.10', port: 3306 },
      redis: { host: '10.0.1.20', port: 6379 },
      skywalking: { host: 'ap-guangzhou.tsw.tencentcloudapi.com', port: 11800 },
    });
  });

  test('left-out distribution settings get their defaults', () => {
    const raw = validRaw();
    delete raw.distribution;
    delete raw.app;
    const fleet2 = parseFleet(raw);
    expect(fleet2.distribution).toEqual({
      subscriptionName: 'qcbm-subscription',
      subscriptionNamespace: 'default',
      basePriority: 300,
      strict: false,
    });
    expect(fleet2.app.namespace).toBe('qcbm');
  });

  test('parseFleet does not change its input', () => {
    const raw = validRaw();
    const before = structuredClone(raw);
    parseFleet(raw);
    expect(raw).toEqual(before);
  });
});

describe('invalid fleets: one problem each', () => {
  test('control: the unchanged raw fleet parses', () => {
    expect(parseFleet(validRaw()).clusters).toHaveLength(2);
  });

  test('duplicate cluster names', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.clusters[1].name = 'guangzhou-01'),
      'fleet.clusters[1].name',
      /repeats the name of clusters\[0\]/,
    );
    expect(issue).toEqual({
      path: 'fleet.clusters[1].name',
      message: 'repeats the name of clusters[0]',
      value: 'guangzhou-01',
      fix: 'give every cluster its own name',
    });
  });

  test('duplicate cluster ids', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.clusters[1].clusterId = raw.clusters[0].clusterId),
      'fleet.clusters[1].clusterId',
      /repeats the clusterId of clusters\[0\]/,
    );
    expect(issue.fix).toBe('give every cluster its own clusterId');
  });

  test('duplicate hubNamespace', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.clusters[1].hubNamespace = 'clusternet-5l82l'),
      'fleet.clusters[1].hubNamespace',
      /repeats the hubNamespace of clusters\[0\]/,
    );
    expect(issue.value).toBe('clusternet-5l82l');
  });

  test('a cluster name that is not a DNS-1123 label', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.clusters[0].name = 'Guangzhou_01'),
      'fleet.clusters[0].name',
      /must be a DNS-1123 label/,
    );
    expect({ value: issue.value, fix: issue.fix }).toEqual({
      value: 'Guangzhou_01',
      fix: 'use a name like "guangzhou-01"',
    });
  });

  test('a port out of range', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.clusters[1].endpoints.mysql.port = 70000),
      'fleet.clusters[1].endpoints.mysql.port',
      /must be a TCP port from 1 to 65535/,
    );
    expect(issue.value).toBe(70000);
  });

  test('a difference naming an unknown component', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.differences = { 'guangzhou-02': { components: { 'no-such': { replicas: 2 } } } }),
      'fleet.differences["guangzhou-02"].components["no-such"]',
      /is not a QCBM component/,
    );
    expect(issue.fix).toMatch(/use one of "user-service", "store-service"/);
  });

  test('an app component that is not a QCBM component', () => {
    expectOnlyIssue(
      (raw) => (raw.app.components = { 'user-servce': { replicas: 2 } }),
      'fleet.app.components["user-servce"]',
      /is not a QCBM component/,
    );
  });

  test('a difference naming an unknown cluster (key with a "-": bracketed path)', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.differences = { 'shenzhen-01': { components: { 'user-service': { replicas: 2 } } } }),
      'fleet.differences["shenzhen-01"]',
      /names a cluster that is not in fleet.clusters/,
    );
    expect(issue.fix).toBe('use one of "guangzhou-01", "guangzhou-02", or add the cluster to fleet.clusters');
  });

  test('a difference naming an unknown cluster (identifier key: dotted path, per formatPath)', () => {
    // formatPath writes identifier-like keys with a dot (`app.components` style), so "nowhere" is
    // `fleet.differences.nowhere`, not `fleet.differences["nowhere"]`.
    expectOnlyIssue(
      (raw) => (raw.differences = { nowhere: {} }),
      'fleet.differences.nowhere',
      /names a cluster that is not in fleet.clusters/,
    );
  });

  test('an empty cluster list', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.clusters = []),
      'fleet.clusters',
      /must have at least 1 item/,
    );
    expect(issue.value).toEqual([]);
  });

  test('a missing cluster list is reported as a ValidationError, not a crash', () => {
    expectOnlyIssue((raw) => delete raw.clusters, 'fleet.clusters', /is required/);
  });

  test('a cluster list that is not a list is reported as a ValidationError, not a crash', () => {
    expectOnlyIssue(
      (raw) => (raw.clusters = { 'guangzhou-01': raw.clusters[0] }),
      'fleet.clusters',
      /must be an array, not a mapping/,
    );
  });

  test('an unknown field (typo) in a cluster', () => {
    const issue = expectOnlyIssue(
      (raw) => {
        raw.clusters[0].regoin = raw.clusters[0].region;
      },
      'fleet.clusters[0]',
      /has unknown field "regoin"/,
    );
    expect(issue.fix).toBe('remove it or correct its spelling');
  });

  test('an unknown field (typo) at the top level', () => {
    expectOnlyIssue((raw) => (raw.distrbution = {}), 'fleet', /has unknown field "distrbution"/);
  });

  test('a wrong type: port as a string', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.clusters[0].endpoints.redis.port = '6379'),
      'fleet.clusters[0].endpoints.redis.port',
      /must be a number, not string "6379"/,
    );
    expect({ value: issue.value, fix: issue.fix }).toEqual({ value: '6379', fix: 'write a number here' });
  });

  test('image tag "latest" is rejected', () => {
    const issue = expectOnlyIssue(
      (raw) => (raw.app.imageTag = 'latest'),
      'fleet.app.imageTag',
      /must be a pinned image tag .*not "latest"/,
    );
    expect(issue.fix).toMatch(/use a released tag such as "1.1.4"/);
  });

  test('image tag "latest" in a per-cluster difference is rejected too', () => {
    expectOnlyIssue(
      (raw) =>
        (raw.differences = { 'guangzhou-02': { components: { 'user-service': { imageTag: 'latest' } } } }),
      'fleet.differences["guangzhou-02"].components["user-service"].imageTag',
      /not "latest"/,
    );
  });

  test('a required field left out', () => {
    expectOnlyIssue((raw) => delete raw.clusters[1].clusterId, 'fleet.clusters[1].clusterId', /is required/);
  });

  test('an enum value that is not allowed', () => {
    expectOnlyIssue(
      (raw) => (raw.clusters[0].role = 'primary'),
      'fleet.clusters[0].role',
      /must be one of "active", "standby", "dr"/,
    );
  });
});

describe('invalid fleets: every problem in one error', () => {
  test('four independent problems are all reported, each with its fix', () => {
    const raw = validRaw();
    raw.clusters[0].name = 'Bad_Name';
    raw.clusters[1].endpoints.mysql.port = 0;
    raw.app.imageTag = 'latest';
    raw.differences = { 'shenzhen-01': {} };
    const error = validationError(() => parseFleet(raw, 'Pulumi.test.yaml'));
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'fleet.app.imageTag',
      'fleet.clusters[0].name',
      'fleet.clusters[1].endpoints.mysql.port',
      'fleet.differences["shenzhen-01"]',
    ]);
    expect(error.message).toMatch(/^Pulumi\.test\.yaml is invalid \(4 problems\):\n/);
    expect(error.message.match(/\. Fix: /g)).toHaveLength(4);
    expect(error.name).toBe('ValidationError');
  });

  test('one problem is counted in the singular', () => {
    const raw = validRaw();
    raw.app.imageTag = 'latest';
    expect(() => parseFleet(raw)).toThrow(
      /^fleet description is invalid \(1 problem\):\n {2}- fleet\.app\.imageTag: /,
    );
  });
});

describe('stack files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qcbm-fleet-test-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  test('a stack file whose fleet is valid loads like Pulumi.dev.yaml', () => {
    const file = write('Pulumi.copy.yaml', STACK_TEXT);
    expect(loadFleetFromStackFile(file)).toEqual(loadFleetFromStackFile(STACK_FILE));
  });

  test('a stack file without the qcbm:fleet key', () => {
    const file = write('Pulumi.nofleet.yaml', 'config:\n  qcbm:other: 1\n  aws:region: us-east-1\n');
    const error = validationError(() => loadFleetFromStackFile(file));
    expect(error.issues).toEqual([
      {
        path: 'config["qcbm:fleet"]',
        message: 'is missing',
        fix: 'add the fleet description under config: qcbm:fleet:',
      },
    ]);
    expect(error.message).toMatch(new RegExp(`^${escapeRegExp(file)} is invalid \\(1 problem\\)`));
    expect(() => loadFleetFromStackFile(file)).toThrow(/config\["qcbm:fleet"\]: is missing/);
  });

  test('a stack file without any config', () => {
    expectIssue(
      () => parseFleetFromStackYaml('encryptionsalt: abc\n', 'Pulumi.x.yaml'),
      'config["qcbm:fleet"]',
      /is missing/,
    );
    expectIssue(() => parseFleetFromStackYaml('', 'Pulumi.x.yaml'), 'config["qcbm:fleet"]', /is missing/);
  });

  test('a stack file that is not valid YAML', () => {
    const file = write('Pulumi.broken.yaml', 'config:\n  qcbm:fleet: [unclosed\n    name: dev\n');
    const issue = expectIssue(() => loadFleetFromStackFile(file), 'file', /^is not valid YAML: /);
    expect(issue.fix).toBe('correct the YAML syntax');
    expect(() => loadFleetFromStackFile(file)).toThrow(/is not valid YAML/);
  });

  test('a stack file that cannot be read', () => {
    const file = path.join(dir, 'Pulumi.absent.yaml');
    const issue = expectIssue(() => loadFleetFromStackFile(file), 'file', /^cannot be read \(ENOENT\)$/);
    expect(issue.fix).toBe('check the path');
    expect(() => loadFleetFromStackFile(file)).toThrow(file);
  });

  test('fleet errors in a stack file name the file', () => {
    const text = STACK_TEXT.replace('port: 63579', 'port: 70000');
    expect(text).not.toBe(STACK_TEXT);
    const file = write('Pulumi.badport.yaml', text);
    const issue = expectIssue(
      () => loadFleetFromStackFile(file),
      'fleet.clusters[1].endpoints.mysql.port',
      /must be a TCP port/,
    );
    expect(issue.value).toBe(70000);
    expect(() => loadFleetFromStackFile(file)).toThrow(`${file} is invalid (1 problem)`);
  });
});

describe('stackNameOf', () => {
  test('reads the stack name from a stack file name', () => {
    expect(stackNameOf('Pulumi.prod.yaml')).toBe('prod');
    expect(stackNameOf('/work/stacks/Pulumi.dev.yml')).toBe('dev');
    expect(stackNameOf(STACK_FILE)).toBe('dev');
    expect(stackNameOf('Pulumi.org.eu-prod.yaml')).toBe('org.eu-prod');
  });

  test('is undefined for files that are not stack files', () => {
    expect([stackNameOf('Pulumi.yaml'), stackNameOf('prod.yaml'), stackNameOf('Pulumi.prod.json')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
