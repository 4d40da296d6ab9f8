import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { checkStackConfig } from '../../src/cloud/environment/required-config';
import { parseFleet } from '../../src/model/parse-fleet';
import type { ValidationError } from '../../src/model/validation-error';
import { repoPath } from '../support/repo-root';
import { fleetIssuesOf } from '../support/fleet-issues';
import { thrownBy } from '../support/thrown';

// The fleet file's side of the create-time rules: Redis edition, Kubernetes API access, node image, the
// environment name in CLB names. Each rule is a zod piece or a cross-field check in src/model.

/** A fresh copy of the raw fleet of a shipped stack file. */
function raw(stack: string): any {
  const doc = parse(readFileSync(repoPath(`Pulumi.${stack}.yaml`), 'utf8'));
  return structuredClone(doc.config['qcbm:fleet']);
}

describe('managed Redis in the fleet file', () => {
  test('defaults: Redis 5.0, standard architecture, 2 replicas, no shards', () => {
    const fleet = parseFleet(raw('staging'));
    expect(fleet.cloud.regions[0].redis).toEqual({
      mode: 'managed',
      memSizeMb: 512,
      version: '5.0',
      architecture: 'standard',
      replicas: 2,
    });
  });

  test('takes a cluster architecture with its shards', () => {
    const fleet = raw('staging');
    fleet.cloud.regions[0].redis = { mode: 'managed', version: '4.0', architecture: 'cluster', shards: 8 };
    expect(parseFleet(fleet).cloud.regions[0].redis).toMatchObject({ architecture: 'cluster', shards: 8 });
  });

  test.each([
    ['an unknown version', { version: '3.2' }, 'version', /must be one of "4.0", "5.0", "6.2", "7.0"/],
    ['an unknown architecture', { architecture: 'sentinel' }, 'architecture', /"standard", "cluster"/],
    ['no replica', { replicas: 0 }, 'replicas', /from 1 to 5/],
    ['too many replicas', { replicas: 6 }, 'replicas', /from 1 to 5/],
    [
      'a cluster without shards',
      { architecture: 'cluster' },
      'shards',
      /required with architecture "cluster"/,
    ],
    ['shards on a standard instance', { shards: 3 }, 'shards', /only for architecture "cluster"/],
    ['a shard count not sold', { architecture: 'cluster', shards: 2 }, 'shards', /must be one of 1, 3, 5, 8/],
  ])('refuses %s', (_label, redis, field, message) => {
    const fleet = raw('staging');
    fleet.cloud.regions[0].redis = { mode: 'managed', ...redis };
    expect(fleetIssuesOf(fleet)).toEqual([
      expect.objectContaining({
        path: `fleet.cloud.regions[0].redis.${field}`,
        message: expect.stringMatching(message),
        fix: expect.any(String),
      }),
    ]);
  });
});

describe('fleet.cloud.kubernetesApi', () => {
  test('defaults to the intranet endpoint', () => {
    expect(parseFleet(raw('dev')).cloud.kubernetesApi).toEqual({
      access: 'intranet',
      deployerInNetwork: false,
    });
  });

  test('prod and staging open a public endpoint to an allow-list', () => {
    for (const stack of ['prod', 'staging']) {
      expect(parseFleet(raw(stack)).cloud.kubernetesApi).toEqual({
        access: 'public',
        allowedCidrs: ['203.0.113.0/24'],
      });
    }
  });

  test('direct delivery to clusters Pulumi cannot reach is refused, and the message says which to choose', () => {
    const fleet = raw('prod');
    delete fleet.cloud.kubernetesApi;
    const [issue] = fleetIssuesOf(fleet);
    expect(issue).toEqual({
      path: 'fleet.cloud.kubernetesApi',
      message: expect.stringContaining(
        'keeps the Kubernetes API of "ap-beijing", "ap-shanghai", "ap-guangzhou" on the intranet (the default), but delivery "direct"',
      ),
      fix: expect.stringContaining('{ access: public, allowedCidrs: ['),
    });
    expect(issue.fix).toContain('{ access: intranet, deployerInNetwork: true }');
    expect(issue.fix).toContain('delivery: hub');
  });

  test('intranet with direct delivery is accepted when Pulumi runs inside the network, or with hub delivery', () => {
    const inside = raw('prod');
    inside.cloud.kubernetesApi = { access: 'intranet', deployerInNetwork: true };
    expect(parseFleet(inside).cloud.kubernetesApi).toEqual({ access: 'intranet', deployerInNetwork: true });
    const hub = raw('prod');
    hub.cloud = { ...hub.cloud, delivery: 'hub', kubernetesApi: { access: 'intranet' } };
    expect(parseFleet(hub).cloud.delivery).toBe('hub');
  });

  test.each([
    ['no allow-list', { access: 'public' }, 'allowedCidrs', /is required with access "public"/],
    ['an empty allow-list', { access: 'public', allowedCidrs: [] }, 'allowedCidrs', /at least one network/],
    [
      'the whole internet',
      { access: 'public', allowedCidrs: ['0.0.0.0/0'] },
      'allowedCidrs[0]',
      /whole internet/,
    ],
    ['::/0', { access: 'public', allowedCidrs: ['10.0.0.0/8', '::/0'] }, 'allowedCidrs[1]', /whole internet/],
    [
      'a host address',
      { access: 'public', allowedCidrs: ['203.0.113.9/24'] },
      'allowedCidrs[0]',
      /no host bits/,
    ],
    ['an unknown mode', { access: 'vpn' }, 'access', /"intranet", "public"/],
    [
      'a list on the intranet',
      { access: 'intranet', allowedCidrs: ['10.0.0.0/8'] },
      'allowedCidrs',
      /only for access "public"/,
    ],
    [
      'a deployer flag on a public endpoint',
      { access: 'public', allowedCidrs: ['10.0.0.0/8'], deployerInNetwork: true },
      'deployerInNetwork',
      /only for access "intranet"/,
    ],
    ['an unknown field', { access: 'intranet', cidrs: [] }, '', /unknown field "cidrs"/],
  ])('refuses %s', (_label, kubernetesApi, field, message) => {
    const fleet = raw('prod');
    fleet.cloud.kubernetesApi = kubernetesApi;
    const path = `fleet.cloud.kubernetesApi${field ? `.${field}` : ''}`;
    expect(fleetIssuesOf(fleet)).toEqual(
      expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]),
    );
  });
});

describe('node pool image and environment name', () => {
  test('the node image defaults to a TKE public image and refuses what is neither an image name nor an id', () => {
    expect(parseFleet(raw('prod')).cloud.regions[0].kubernetes.nodePool.nodeOs).toBe('tlinux3.1x86_64');
    const fleet = raw('prod');
    fleet.cloud.regions[0].kubernetes.nodePool.nodeOs = 'Ubuntu 22.04';
    expect(fleetIssuesOf(fleet)).toEqual([
      expect.objectContaining({
        path: 'fleet.cloud.regions[0].kubernetes.nodePool.nodeOs',
        message: expect.stringContaining('TKE public image name like "tlinux3.1x86_64"'),
        value: 'Ubuntu 22.04',
      }),
    ]);
  });

  test('an environment whose name would not fit in its CLB names is refused where it creates regions', () => {
    const fleet = raw('prod');
    fleet.name = 'a'.repeat(48);
    expect(fleetIssuesOf(fleet)).toEqual([
      expect.objectContaining({ path: 'fleet.name', fix: 'use at most 47 characters' }),
    ]);
    const dev = raw('dev');
    dev.name = 'a'.repeat(48);
    expect(parseFleet(dev).name).toHaveLength(48);
  });
});

describe('the cluster each site creates (what the environment relies on without checking again)', () => {
  const at = (fleet: unknown, path: string) => fleetIssuesOf(fleet).filter((i) => i.path === path);

  test('a site names a cluster of its region, once', () => {
    const elsewhere = raw('dr');
    elsewhere.cloud.regions[0].cluster = 'shanghai-c';
    expect(at(elsewhere, 'fleet.cloud.regions[0].cluster')).toEqual([
      expect.objectContaining({ message: 'names no cluster of ap-guangzhou', value: 'shanghai-c' }),
    ]);
    const twice = raw('dr');
    twice.cloud.regions[1].cluster = 'guangzhou-a';
    expect(at(twice, 'fleet.cloud.regions[1].cluster')).toEqual([
      expect.objectContaining({ message: 'is already created by cloud.regions[0]' }),
    ]);
  });

  test('a site that names none is the only site of its region, and its region holds one cluster', () => {
    const unnamed = raw('dr');
    delete unnamed.cloud.regions[1].cluster;
    expect(at(unnamed, 'fleet.cloud.regions[1].cluster')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^is required: ap-guangzhou holds 2 sites/) }),
    ]);
    const empty = raw('staging');
    empty.cloud.regions[0].region = 'ap-beijing';
    empty.cloud.regions[0].zone = 'ap-beijing-6';
    expect(at(empty, 'fleet.cloud.regions[0]')).toEqual([
      expect.objectContaining({
        message: 'creates one TKE cluster, but fleet.clusters has 0 cluster(s) in ap-beijing',
      }),
    ]);
  });
});

describe('qcbm:apiAllowedCidrs', () => {
  test('is no longer read: set, it fails with where the allow-list goes now', () => {
    const fleet = parseFleet(raw('prod'));
    expect(() => checkStackConfig(fleet, {}, 'prod')).not.toThrow();
    const error = thrownBy(() => checkStackConfig(fleet, { apiAllowedCidrs: '["203.0.113.0/24"]' }, 'prod'));
    expect((error as ValidationError).issues).toEqual([
      {
        path: 'qcbm:apiAllowedCidrs',
        message: expect.stringContaining('is no longer read'),
        fix: expect.stringContaining(
          'fleet.cloud.kubernetesApi: { access: public, allowedCidrs: [...] } in Pulumi.prod.yaml',
        ),
      },
    ]);
  });
});
