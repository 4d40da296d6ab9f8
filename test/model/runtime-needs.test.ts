import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { parseFleet } from '../../src/model';
import { collectorNetwork, parseCollectorUrl } from '../../src/model/collector-address';
import { pullSecretName, registryHost } from '../../src/model/image-pull-secret';
import { runtimeNeeds } from '../../src/model/runtime-needs';
import { formatNeeds } from '../../src/plan/needs-report';
import { repoPath } from '../support/repo-root';
import { validationErrorOf } from '../support/thrown';

/** A stack file's fleet description, as written, to change before parsing. */
function input(stack: string): any {
  return parse(readFileSync(repoPath(`Pulumi.${stack}.yaml`), 'utf8')).config['qcbm:fleet'];
}
const none = { configured: new Set<string>() };
/** The needs this file is about: tracing and images (the others are in site-needs.test.ts). */
const tracingAndImages = (
  fleet: Parameters<typeof runtimeNeeds>[0],
  context: Parameters<typeof runtimeNeeds>[1],
) => runtimeNeeds(fleet, context).filter((n) => n.need === 'tracing' || n.need === 'images');

describe('fleet.cloud.tracing and the collectors', () => {
  test('declared collectors need an endpoint in every cluster, naming the field and the other way', () => {
    const raw = input('staging');
    delete raw.clusters[0].endpoints.skywalking;
    const [issue] = validationErrorOf(() => parseFleet(raw)).issues;
    expect(issue.path).toBe('fleet.clusters[0].endpoints.skywalking');
    expect(issue.message).toContain('declared collectors');
    expect(issue.fix).toContain('mode: managed');
  });

  test('with an APM instance, a declared collector is refused as unused, and the Secret must be built by Pulumi', () => {
    const raw = input('dev');
    raw.cloud.tracing = { mode: 'managed', region: 'ap-atlantis' };
    const paths = validationErrorOf(() => parseFleet(raw)).issues.map((i) => i.path);
    expect(paths).toEqual([
      'fleet.clusters[0].endpoints.skywalking',
      'fleet.clusters[1].endpoints.skywalking',
      'fleet.cloud.tracing.mode',
      'fleet.cloud.tracing.region',
    ]);
  });

  test('the APM defaults are the provider example’s, and prod asks for one', () => {
    expect(parseFleet(input('prod')).cloud.tracing).toEqual({
      mode: 'managed',
      traceDurationDays: 7,
      spanDailyCounters: 0,
    });
    expect(parseFleet(input('dev')).cloud.tracing).toEqual({ mode: 'external' });
  });

  test.each([
    ['10.0.1.30', 'intranet'],
    ['100.64.3.2', 'intranet'],
    ['skywalking-oap.monitoring.svc', 'intranet'],
    ['oap.observability.svc.cluster.local', 'intranet'],
    ['oap', 'intranet'],
    ['ap-guangzhou.tsw.tencentcloudapi.com', 'internet'],
    ['203.0.113.7', 'internet'],
    ['8.8.8.8', 'internet'],
  ])('a collector at %s is reached over the %s', (host, network) => {
    expect(collectorNetwork(host)).toBe(network);
  });

  test.each([
    [
      'https://ap-guangzhou.apm.example.com:443/path?x=1',
      { host: 'ap-guangzhou.apm.example.com', port: 443 },
    ],
    ['ap-guangzhou.apm.example.com:11800', { host: 'ap-guangzhou.apm.example.com', port: 11800 }],
    ['http://ap-guangzhou.apm.example.com', { host: 'ap-guangzhou.apm.example.com', port: 11800 }],
    ['  203.0.113.9  ', { host: '203.0.113.9', port: 11800 }],
  ])('the APM collector URL %j gives the agent %j', (url, endpoint) => {
    expect(parseCollectorUrl(url)).toEqual(endpoint);
  });

  test.each(['', 'https://', 'host:99999', 'a b:1'])(
    'a collector URL without a usable host (%j) is refused, naming it',
    (url) => {
      expect(() => parseCollectorUrl(url)).toThrow(
        new RegExp(`publicCollectorUrl "${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`),
      );
    },
  );
});

describe('fleet.app.imagePullSecret', () => {
  const withPull = (imagePullSecret: unknown) => {
    const raw = input('dev');
    if (imagePullSecret !== undefined) raw.app.imagePullSecret = imagePullSecret;
    return parseFleet(raw).app.imagePullSecret;
  };

  test('left out: no pull secret is referenced', () => {
    expect(withPull(undefined)).toEqual({ source: 'none' });
    expect(pullSecretName(withPull(undefined))).toBeUndefined();
  });

  test('a name is a Secret that exists (the guide’s form); the object forms default the name', () => {
    expect(withPull('qcloudregistrykey')).toEqual({ source: 'existing', name: 'qcloudregistrykey' });
    expect(withPull({ source: 'pulumi' })).toEqual({ source: 'pulumi', name: 'qcloudregistrykey' });
    expect(withPull({ source: 'existing', name: 'tcr-pull' })).toEqual({
      source: 'existing',
      name: 'tcr-pull',
    });
  });

  test('a bad name or source is refused at its path', () => {
    const raw = input('dev');
    raw.app.imagePullSecret = 'Not_A_Name';
    expect(validationErrorOf(() => parseFleet(raw)).issues.map((i) => i.path)).toEqual([
      'fleet.app.imagePullSecret.name',
    ]);
    raw.app.imagePullSecret = { source: 'none', name: 'x' };
    expect(validationErrorOf(() => parseFleet(raw)).issues[0].path).toBe('fleet.app.imagePullSecret');
  });

  test('the registry host of a registry path', () => {
    expect(registryHost('ccr.ccs.tencentyun.com/qcbm')).toBe('ccr.ccs.tencentyun.com');
    expect(registryHost('https://registry.example.com:5000/a/b')).toBe('registry.example.com:5000');
  });
});

describe('runtimeNeeds: what provides tracing and images in each cluster', () => {
  test('prod: the APM instance, reached through each site’s NAT gateway; images without credentials', () => {
    const needs = tracingAndImages(parseFleet(input('prod')), none);
    expect(needs.map((n) => [n.cluster, n.need, n.status, n.field])).toEqual([
      ['beijing-01', 'tracing', 'built', 'fleet.cloud.regions[0].egress'],
      ['beijing-01', 'images', 'declared', 'fleet.app.imagePullSecret'],
      ['shanghai-01', 'tracing', 'built', 'fleet.cloud.regions[1].egress'],
      ['shanghai-01', 'images', 'declared', 'fleet.app.imagePullSecret'],
      ['guangzhou-01', 'tracing', 'built', 'fleet.cloud.regions[2].egress'],
      ['guangzhou-01', 'images', 'declared', 'fleet.app.imagePullSecret'],
    ]);
    expect(needs[0].provider).toContain('APM instance this stack creates in ap-beijing');
    expect(needs[0].provider).toContain("token from the APM instance's outputs");
  });

  test('a public collector from a site without a way out is missing, with the fix; the plan says so', () => {
    const raw = input('prod');
    raw.cloud.regions[1].egress = 'none';
    const needs = tracingAndImages(parseFleet(raw), none);
    const missing = needs.filter((n) => n.status === 'missing');
    expect(missing.map((n) => [n.cluster, n.need])).toEqual([['shanghai-01', 'tracing']]);
    expect(missing[0].provider).toContain('the collector cannot be reached');
    expect(missing[0].fix).toContain('fleet.cloud.regions[1].egress: nat');
    const report = formatNeeds(needs).join('\n');
    expect(report).toContain('1 missing');
    expect(report).toContain('tracing: MISSING (fleet.cloud.regions[1].egress)');
    expect(report).toContain('fix: set fleet.cloud.regions[1].egress: nat');
  });

  test('a declared collector on the intranet needs no way out; the token comes from config or the Secret', () => {
    const raw = input('staging');
    raw.cloud.regions[0].egress = 'none';
    raw.clusters[0].endpoints.skywalking = { host: '10.140.8.40', port: 11800 };
    const [tracing] = tracingAndImages(parseFleet(raw), { configured: new Set(['qcbm:skywalkingToken']) });
    expect(tracing).toMatchObject({ status: 'declared', field: 'fleet.clusters[0].endpoints.skywalking' });
    expect(tracing.provider).toBe(
      'collector 10.140.8.40:11800 in the network; the token from qcbm:skywalkingToken',
    );
    // The fleet may say how the collectors are reached where the host does not tell.
    raw.cloud.tracing = { mode: 'external', network: 'internet' };
    expect(tracingAndImages(parseFleet(raw), none)[0].status).toBe('missing');
    const dev = tracingAndImages(parseFleet(input('dev')), none);
    expect(dev[0].status).toBe('declared');
    expect(dev[0].provider).toContain('network is not created by this stack');
    expect(dev[0].provider).toContain('Secret qcbm-keys, created out of band');
  });

  test('images: a pull secret that exists, or one this stack creates from the registry account', () => {
    const raw = input('dev');
    raw.app.imagePullSecret = 'qcloudregistrykey';
    const existing = tracingAndImages(parseFleet(raw), none).find((n) => n.need === 'images')!;
    expect(existing.status).toBe('declared');
    expect(existing.provider).toContain('qcloudregistrykey, which must exist in namespace qcbm');
    raw.app.imagePullSecret = { source: 'pulumi' };
    const built = tracingAndImages(parseFleet(raw), none).find((n) => n.need === 'images')!;
    expect(built.status).toBe('built');
    expect(built.provider).toContain('kubernetes.io/dockerconfigjson for ccr.ccs.tencentyun.com');
    expect(built.provider).toContain('not set yet');
    const configured = new Set(['qcbm:registryUsername', 'qcbm:registryPassword']);
    expect(tracingAndImages(parseFleet(raw), { configured })[1].provider).not.toContain('not set yet');
  });
});
