import { execFileSync, spawnSync } from 'child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as semver from 'semver';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../support/repo-root';
import { readmeBlock, readmeInstall } from '../support/readme';

const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

/** The dependencies that serve the command line only: the library's entry points must not load them. */
const CLI_ONLY = ['commander', 'microdiff', 'dns-packet'];

/** A preload that records, at exit, which of CLI_ONLY were asked for or loaded. */
const CLI_PROBE = `const Module = require('module');
const cliOnly = ${JSON.stringify(CLI_ONLY)};
const isCliOnly = (name) => cliOnly.some((n) => name === n || name.startsWith(n + '/'));
const requested = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  if (isCliOnly(request)) requested.add(request);
  return load.call(this, request, ...rest);
};
process.on('exit', () => require('fs').writeFileSync(process.env.CLI_PROBE_OUT, JSON.stringify({
  requested: [...requested].sort(),
  loaded: cliOnly.filter((n) => Object.keys(require.cache).some((f) => f.includes('/node_modules/' + n + '/'))),
})));`;

/** Pulumi-free check: a preload that records, at exit, whether any @pulumi module was loaded. */
const PROBE = `process.on('exit', () => require('fs').writeFileSync('pulumi-loaded.json',
  JSON.stringify(Object.keys(require.cache).some((f) => f.includes('@pulumi')))));`;

// Packs the library as npm would publish it, installs the tarball into a separate project (no network:
// its dependencies are linked from this repository's node_modules), compiles a consumer against the
// published types with the `exports` map honoured, and runs it.
describe('the packed package, from a consumer project', () => {
  let work: string;
  let consumer: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'qcbm-consumer-'));
    // What `npm pack` would run first (the prepare script's build), only when lib/ is older than src/.
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.js'), '--if-stale'], {
      cwd: REPO_ROOT,
    });
    execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz')) as string;
    consumer = join(work, 'consumer');
    const installed = join(consumer, 'node_modules', '@qcbm', 'fleet');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', installed, '--strip-components=1']);
    copyFileSync(join(REPO_ROOT, 'Pulumi.dev.yaml'), join(consumer, 'Pulumi.dev.yaml'));
    writeFileSync(join(consumer, 'probe.js'), PROBE);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    // The package's own dependencies (as npm would install them), its peers, and the compiler.
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const dependencies = Object.keys(manifest.dependencies as Record<string, string>);
    for (const dep of [
      'cdk8s',
      'cdk8s-plus-27',
      'constructs',
      ...dependencies,
      '@pulumi',
      '@types',
      'typescript',
    ]) {
      mkdirSync(join(consumer, 'node_modules', dep, '..'), { recursive: true });
      symlinkSync(join(REPO_ROOT, 'node_modules', dep), join(consumer, 'node_modules', dep));
    }
  }, 120000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('ships compiled JavaScript and declarations only', () => {
    const files = execFileSync('tar', [
      '-tzf',
      join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) as string),
    ])
      .toString()
      .split('\n')
      .filter(Boolean);
    expect(files).toContain('package/lib/index.js');
    expect(files).toContain('package/lib/index.d.ts');
    expect(files).toContain('package/lib/k8s/index.d.ts');
    expect(files).toContain('package/lib/testing/index.d.ts');
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => f.includes('test/') || f.includes('src/'))).toEqual([]);
    // Nothing a removed or renamed source left behind in lib/.
    const orphans = files
      .filter((f) => f.startsWith('package/lib/') && f.endsWith('.js'))
      .map((f) => f.replace(/^package\/lib\//, 'src/').replace(/\.js$/, '.ts'))
      .filter((f) => !existsSync(join(REPO_ROOT, f)));
    expect(orphans).toEqual([]);
  });

  describe('what the package asks of the project that installs it', () => {
    /** The published manifest, as the consumer received it. */
    const published = () =>
      JSON.parse(readFileSync(join(consumer, 'node_modules/@qcbm/fleet/package.json'), 'utf8')) as {
        peerDependencies: Record<string, string>;
        exports: Record<string, unknown>;
        bin: Record<string, string>;
      };
    /** The manifest of a package as the tests use it: linked into the consumer, else this repository's. */
    const installed = (name: string) => {
      const dir = [consumer, REPO_ROOT].map((d) => join(d, 'node_modules', name)).find((d) => existsSync(d));
      if (!dir) throw new Error(`${name} is not installed`);
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        version: string;
        engines?: { node?: string };
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
    };

    test('every peer the tests run with is inside its declared range, installs on Node 20, and needs one copy of the others', () => {
      const peers = published().peerDependencies;
      expect(Object.keys(peers).sort()).toEqual([
        '@kubernetes/client-node',
        '@pulumi/kubernetes',
        '@pulumi/pulumi',
        '@pulumi/random',
        'cdk8s',
        'cdk8s-plus-27',
        'constructs',
        'tencentcloud-sdk-nodejs',
      ]);
      for (const [name, range] of Object.entries(peers)) {
        const peer = installed(name);
        expect([name, peer.version, semver.satisfies(peer.version, range)]).toEqual([
          name,
          peer.version,
          true,
        ]);
        const node = peer.engines?.node ?? '*';
        expect([name, node, semver.intersects(node, '20.x')]).toEqual([name, node, true]);
        // A peer that needs another peer in a range the installed one is outside would get a second copy of it.
        const needs = { ...peer.dependencies, ...peer.peerDependencies };
        for (const other of Object.keys(needs).filter((n) => n in peers)) {
          const version = installed(other).version;
          expect([name, other, semver.satisfies(version, needs[other])]).toEqual([name, other, true]);
        }
      }
    });

    test('@pulumi/pulumi ends before its first release that needs Node 22', () => {
      const range = published().peerDependencies['@pulumi/pulumi'];
      // `npm view @pulumi/pulumi@3.248.0 engines`: node >=20; 3.249.0 and every later 3.x: node >=22.
      expect(semver.satisfies('3.248.0', range)).toBe(true);
      expect(semver.satisfies('3.249.0', range)).toBe(false);
      expect(semver.intersects(installed('@pulumi/pulumi').engines?.node ?? '*', '20.x')).toBe(true);
    });

    test('the README states the ranges package.json declares, and its install commands stay inside them', () => {
      const peers = published().peerDependencies;
      const { commands, peerRanges } = readmeInstall();
      expect(peerRanges).toEqual(peers);
      const specs = commands
        .split('\n')
        .map((line) => line.replace(/#.*/, '').trim())
        .filter((line) => line.startsWith('npm install '))
        .flatMap((line) => line.split(/\s+/).slice(2))
        .filter((word) => !word.startsWith('-'))
        .map((word) => {
          const at = word.lastIndexOf('@');
          return at > 0 ? [word.slice(0, at), word.slice(at + 1)] : [word, '*'];
        });
      const pinned = specs.filter(([name]) => name in peers);
      expect(pinned.map(([name]) => name).sort()).toEqual([
        '@pulumi/kubernetes',
        '@pulumi/pulumi',
        '@pulumi/random',
      ]);
      for (const [name, spec] of pinned) {
        expect([name, spec, semver.subset(spec, peers[name])]).toEqual([name, spec, true]);
      }
    });

    test('the README installs TypeScript 5: what @pulumi/pulumi accepts and what these tests compile with', () => {
      const spec = readmeInstall()
        .commands.split(/\s+/)
        .find((word) => word.startsWith('typescript@'))
        ?.slice('typescript@'.length);
      expect(spec).toBe('5');
      const accepted = installed('@pulumi/pulumi').peerDependencies?.typescript ?? '';
      expect(semver.subset(spec as string, accepted)).toBe(true);
      // Why the README names the major: a bare `npm install typescript` brings 7, which @pulumi/pulumi refuses.
      expect(semver.satisfies('7.0.0', accepted)).toBe(false);
      expect(semver.satisfies(installed('typescript').version, spec as string)).toBe(true);
    });

    /** Runs node in the consumer with the CLI_PROBE preload; returns what it recorded. */
    function probeCliOnly(args: string[]): { requested: string[]; loaded: string[] } {
      const out = join(consumer, 'cli-probe.json');
      rmSync(out, { force: true });
      const run = spawnSync(process.execPath, ['-r', join(consumer, 'cli-probe.js'), ...args], {
        cwd: consumer,
        encoding: 'utf8',
        env: { ...process.env, CLI_PROBE_OUT: out },
      });
      expect({ args, status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({
        args,
        status: 0,
        stderr: '',
      });
      return JSON.parse(readFileSync(out, 'utf8'));
    }

    test('no library entry point loads commander, microdiff or dns-packet, which serve the command line only', () => {
      writeFileSync(join(consumer, 'cli-probe.js'), CLI_PROBE);
      const entries = Object.keys(published().exports)
        .filter((e) => e !== './package.json')
        .map((e) => `@qcbm/fleet${e.slice(1)}`);
      expect(entries).toEqual(
        expect.arrayContaining(['@qcbm/fleet', '@qcbm/fleet/model', '@qcbm/fleet/k8s']),
      );
      for (const entry of entries) {
        expect([entry, probeCliOnly(['-e', `require(${JSON.stringify(entry)})`])]).toEqual([
          entry,
          { requested: [], loaded: [] },
        ]);
      }
      // The probe sees them where they are used: the command line loads commander as it starts.
      const bin = join(consumer, 'node_modules/@qcbm/fleet', published().bin['qcbm-fleet']);
      expect(probeCliOnly([bin, '--help']).loaded).toContain('commander');
    });
  });

  test('the qcbm-fleet executable runs from the package: help, synth without Pulumi, a readable error', () => {
    const bin = join(consumer, 'node_modules/@qcbm/fleet/lib/cli/bin.js');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['-r', join(consumer, 'probe.js'), bin, ...args], {
        cwd: consumer,
        encoding: 'utf8',
      });
    const help = cli('--help');
    expect([help.status, help.stdout]).toEqual([0, expect.stringContaining('Usage: qcbm-fleet')]);
    const synth = cli('synth', '--stack', 'dev', '--out', 'dist-cli');
    expect([synth.status, synth.stderr]).toEqual([0, '']);
    expect(readdirSync(join(consumer, 'dist-cli')).sort()).toEqual([
      '.qcbm-fleet-files',
      'cluster-guangzhou-01.k8s.yaml',
      'cluster-guangzhou-02.k8s.yaml',
      'hub-app.k8s.yaml',
      'hub-distribution.k8s.yaml',
    ]);
    expect(readFileSync(join(consumer, 'pulumi-loaded.json'), 'utf8')).toBe('false');
    const missing = cli('synth', '--stack', 'nowhere');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /^--stack nowhere: \S+Pulumi\.nowhere\.yaml cannot be read \(ENOENT\)\nFix: check the path\n$/,
    );
  });

  test('a cdk8s consumer compiles against the public API and synthesizes without loading Pulumi', () => {
    writeFileSync(
      join(consumer, 'main.ts'),
      `import { App, Chart } from 'cdk8s';
import { ClusterDifference, MultiClusterApp, QcbmApp } from '@qcbm/fleet/k8s';
import { parseFleet, ValidationError } from '@qcbm/fleet';

const app = new App({ outdir: 'out' });
const chart = new Chart(app, 'hub');
const qcbm = new QcbmApp(chart, 'Qcbm', {
  endpoints: {
    mysql: { host: '10.0.0.10', port: 3306 },
    redis: { host: '10.0.0.20', port: 6379 },
    nacos: { host: '10.0.0.30', port: 8848 },
    skywalking: { host: 'tsw.example.com', port: 11800 },
  },
  gatewaySubnetId: 'subnet-abcd1234',
});
const mca = new MultiClusterApp(chart, 'Dist', {
  app: qcbm,
  subscriptionName: 'qcbm-subscription',
  clusters: [{ name: 'gz-01', clusterId: 'ebfcf224-acc8-4992-8a37-61c371cb7c1f', hubNamespace: 'clusternet-abcde' }],
});
mca.addDifference('gz-01', ClusterDifference.replicas(qcbm.deployment('user-service'), 2));
const kinds = chart.toJson().map((o: { kind: string }) => o.kind);
let rejected = false;
try {
  parseFleet({ name: 'x', clusters: [] });
} catch (e) {
  rejected = e instanceof ValidationError;
}
const pulumiLoaded = Object.keys(require.cache).some((f) => f.includes('@pulumi'));
console.log(JSON.stringify({ kinds, rejected, pulumiLoaded }));
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'node16',
          moduleResolution: 'node16',
          strict: true,
          outDir: 'dist',
          types: ['node'],
          skipLibCheck: false,
        },
        files: ['main.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }),
    );
    execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', consumer], {
      stdio: 'pipe',
    });
    const out = JSON.parse(
      execFileSync(process.execPath, [join(consumer, 'dist/main.js')], { cwd: consumer }).toString(),
    );
    expect(out.kinds).toEqual(
      expect.arrayContaining(['Namespace', 'Deployment', 'Subscription', 'Localization']),
    );
    expect(out.rejected).toBe(true);
    expect(out.pulumiLoaded).toBe(false);
  });

  /** Compiles `files` in the consumer project with these module settings; returns tsc's output on failure. */
  function compile(name: string, files: Record<string, string>, options: Record<string, unknown>): string {
    const dir = join(consumer, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        // Our declarations are checked in full by the cdk8s consumer above; here what counts is resolution.
        compilerOptions: {
          target: 'ES2022',
          strict: true,
          esModuleInterop: true,
          types: ['node'],
          skipLibCheck: true,
          ...options,
        },
        files: Object.keys(files),
      }),
    );
    const run = spawnSync(process.execPath, [TSC, '-p', dir], { encoding: 'utf8' });
    return run.status === 0 ? '' : run.stdout + run.stderr;
  }

  test.each([
    ['node10', { module: 'commonjs', moduleResolution: 'node10' }],
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('every entry point resolves and type-checks with moduleResolution %s', (name, options) => {
    const api = `import { parseFleet, QcbmApp } from '@qcbm/fleet';
import { type Fleet, resolveClusters, siteResourceNames, ValidationError } from '@qcbm/fleet/model';
import { MultiClusterApp, RenderedClusterChart, Subscription } from '@qcbm/fleet/k8s';
import { QCBM_TYPES, QcbmEnvironment, QcbmRegion, tencentcloud } from '@qcbm/fleet/cloud';
import { FakeTencentCloud, type OfflinePlan, planStack } from '@qcbm/fleet/testing';
export const used = [parseFleet, QcbmApp, resolveClusters, ValidationError, MultiClusterApp, RenderedClusterChart,
  Subscription, QcbmEnvironment, QcbmRegion, tencentcloud.TencentCloudProvider, FakeTencentCloud, planStack];
export const tokens: string[] = [QCBM_TYPES.region, tencentcloud.TENCENTCLOUD_TYPES.vpc, siteResourceNames('x').vpc];
export const noPlan: OfflinePlan | undefined = undefined;
export const notAny: Fleet['clusters'][number]['name'] = 'x';
// @ts-expect-error: a resolved type is not any, so a wrong one is an error
export const wrong: Fleet['name'] = 42;
`;
    expect(compile(`api-${name}`, { 'api.ts': api }, { ...options, noEmit: true })).toBe('');
  });

  describe('programs written against the package', () => {
    const UNKNOWN_CLUSTER = `import { App, Chart } from 'cdk8s';
import { addQcbmFleetCharts, RenderedClusterChart } from '@qcbm/fleet/k8s';
import { loadFleetFromStackFile } from '@qcbm/fleet/model';
const app = new App({ outdir: 'dist-unknown' });
const charts = addQcbmFleetCharts(app, { fleet: loadFleetFromStackFile('Pulumi.dev.yaml') });
new RenderedClusterChart(app, 'cluster-nowhere', { source: charts.multiCluster, cluster: 'nowhere-01' });
new Chart(app, 'after');
app.synth();
`;
    beforeAll(() => {
      const errors = compile(
        'programs',
        {
          'use2a/main.ts': readmeBlock('Use 2a: from a fleet description'),
          'use2b/main.ts': readmeBlock('Use 2b: from the constructs'),
          // Type-checked against the packed package here; run under mocks by test/cloud/readme-example.test.ts.
          'pulumi-one/main.ts': readmeBlock('Pulumi: one environment'),
          'pulumi-parts/main.ts': readmeBlock('Pulumi: composed from the parts'),
          'unknown/main.ts': UNKNOWN_CLUSTER,
        },
        { module: 'commonjs', outDir: 'out' },
      );
      if (errors) throw new Error(errors);
    }, 60000);

    test.each(['use2a', 'use2b'])(
      "the README's example %s writes the fleet path's files, without loading Pulumi",
      (example) => {
        execFileSync(
          process.execPath,
          ['-r', join(consumer, 'probe.js'), join(consumer, 'programs/out', example, 'main.js')],
          {
            cwd: consumer,
            stdio: 'pipe',
          },
        );
        expect(readFileSync(join(consumer, 'pulumi-loaded.json'), 'utf8')).toBe('false');
        const files = readdirSync(join(consumer, 'dist')).sort();
        expect(files).toEqual(
          expect.arrayContaining([
            'hub-app.k8s.yaml',
            'hub-distribution.k8s.yaml',
            'cluster-guangzhou-02.k8s.yaml',
          ]),
        );
        const distribution = parseAllDocuments(
          readFileSync(join(consumer, 'dist/hub-distribution.k8s.yaml'), 'utf8'),
        );
        const subscription = distribution.map((d) => d.toJS()).find((o) => o.kind === 'Subscription');
        expect(subscription.spec.feeds).toContainEqual({
          apiVersion: 'v1',
          kind: 'Secret',
          name: 'qcbm-keys',
          namespace: 'qcbm',
        });
        const templates = parseAllDocuments(readFileSync(join(consumer, 'dist/hub-app.k8s.yaml'), 'utf8'));
        expect(templates.map((d) => d.toJS().kind)).not.toContain('Subscription');
        rmSync(join(consumer, 'dist'), { recursive: true });
      },
    );

    test('a rendered chart for a cluster the app does not have fails before any file is written', () => {
      const run = spawnSync(process.execPath, [join(consumer, 'programs/out/unknown/main.js')], {
        cwd: consumer,
        encoding: 'utf8',
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/cluster: is not a member cluster \(found "nowhere-01"\)/);
      expect(
        existsSync(join(consumer, 'dist-unknown')) && readdirSync(join(consumer, 'dist-unknown')),
      ).toEqual([]);
    });
  });
});
