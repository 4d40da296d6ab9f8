import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO_ROOT } from '../fixtures/fleets';

// Packs the library as npm would publish it, installs the tarball into a separate project (no network:
// its dependencies are linked from this repository's node_modules), compiles a consumer against the
// published types with the `exports` map honoured, and runs it.
describe('the packed package, from a consumer project', () => {
  let work: string;
  let consumer: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'qcbm-consumer-'));
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: REPO_ROOT, stdio: 'pipe' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz')) as string;
    consumer = join(work, 'consumer');
    const installed = join(consumer, 'node_modules', '@qcbm', 'fleet');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', installed, '--strip-components=1']);
    for (const dep of [
      'cdk8s',
      'cdk8s-plus-27',
      'constructs',
      'zod',
      'yaml',
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
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => f.includes('test/') || f.includes('src/'))).toEqual([]);
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
});
