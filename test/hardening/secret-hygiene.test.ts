import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { parse, stringify } from 'yaml';
import { synthEnvironment } from '../../src/k8s/fleet/synth-environment';
import { QcbmSecrets } from '../../src/k8s/qcbm/qcbm-secrets';
import { REPO_ROOT } from '../support/repo-root';
import { exampleStackFiles, loadExample, synthesizeExample } from '../support/example-fleets';
import { findSecretLeaks } from '../support/secret-scan';

const FIXTURE = {
  mysqlAccount: 'qcbm',
  mysqlPassword: 'Fixture-Mysql-Pa55!',
  redisPassword: 'Fixture-Redis-Pa55!',
  swAgentAuthentication: 'Fixture-Sw-Token-55',
  nacosAccount: 'nacos',
  nacosPassword: 'Fixture-Nacos-Pa55!',
  nacosServer: {
    authToken: Buffer.from('Fixture-Nacos-Token-Key-55-of-32b').toString('base64'),
    identityKey: 'qcbm-nacos-identity',
    identityValue: 'Fixture-Nacos-Identity-55',
  },
};
const HUB_KUBECONFIG = 'apiVersion: v1\nkind: Config\n# Fixture-Hub-Kubeconfig-55';
const TENCENT_KEY = 'Fixture-Tencent-Key-55';
/** The key of the pods' Secret checksums: their HMAC is published in annotations, the key never. */
const CHECKSUM_KEY = 'Fixture-Checksum-Key-55';
const SECRETS = [
  FIXTURE.mysqlPassword,
  FIXTURE.redisPassword,
  FIXTURE.swAgentAuthentication,
  FIXTURE.nacosPassword,
  FIXTURE.nacosServer.authToken,
  FIXTURE.nacosServer.identityValue,
  'Fixture-Hub-Kubeconfig-55',
  TENCENT_KEY,
  CHECKSUM_KEY,
];

describe('secret hygiene', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'qcbm-secrets-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('the scanner finds a planted secret in every encoding (so a clean scan means something)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'raw.yaml'), `password: ${FIXTURE.mysqlPassword}`);
    writeFileSync(join(dir, 'b64.yaml'), `data: ${Buffer.from(FIXTURE.redisPassword).toString('base64')}`);
    writeFileSync(join(dir, 'json.json'), JSON.stringify({ k: HUB_KUBECONFIG }));
    expect(findSecretLeaks([dir], [FIXTURE.mysqlPassword, FIXTURE.redisPassword, HUB_KUBECONFIG])).toEqual([
      expect.objectContaining({ file: join(dir, 'b64.yaml'), encoding: 'base64' }),
      expect.objectContaining({ file: join(dir, 'json.json'), encoding: 'json-escaped' }),
      expect.objectContaining({ file: join(dir, 'raw.yaml'), encoding: 'raw' }),
    ]);
  });

  test('`cdk8s synth` of every shipped environment that can synth writes no secret', () => {
    // A stack that creates regions gets its endpoints from `pulumi up`: covered by the plan test below.
    const synthesizable = exampleStackFiles().filter((file) => loadExample(file).cloud.regions.length === 0);
    expect(synthesizable).not.toHaveLength(0);
    for (const file of synthesizable) {
      const out = tempDir();
      synthEnvironment({ stackFile: file, outdir: out });
      expect([basename(file), findSecretLeaks([out], SECRETS)]).toEqual([basename(file), []]);
    }
  });

  test('given values, they appear only in the Secret, never in ConfigMaps, env, annotations or overrides', () => {
    expect(exampleStackFiles()).not.toHaveLength(0);
    for (const file of exampleStackFiles()) {
      const secrets = QcbmSecrets.fromValues(FIXTURE, undefined, { checksumKey: CHECKSUM_KEY });
      const out = synthesizeExample(loadExample(file), secrets);
      // The pods carry a keyed hash of the values they read: present, and neither a value nor the key.
      const pods = (out.hubApp as any[]).filter(
        (o) => o.kind === 'Deployment' && o.metadata.name !== 'qcbm-front',
      );
      expect(pods.map((d) => d.spec.template.metadata.annotations['checksum/secret'])).toEqual(
        pods.map(() => expect.stringMatching(/^hmac-sha256:[0-9a-f]{64}$/)),
      );
      const sets = [out.hubApp, out.hubDistribution, ...Object.values(out.clusters)];
      for (const objects of sets) {
        const notSecrets = objects.filter((o: any) => o.kind !== 'Secret');
        const text = JSON.stringify(notSecrets);
        for (const s of SECRETS) {
          expect([
            basename(file),
            s,
            text.includes(s),
            text.includes(Buffer.from(s).toString('base64')),
          ]).toEqual([basename(file), s, false, false]);
        }
      }
      const secret = (out.hubApp as any[]).find((o: any) => o.kind === 'Secret');
      expect(Buffer.from(secret.data.MYSQL_PASSWORD, 'base64').toString()).toBe(FIXTURE.mysqlPassword);
      expect(Buffer.from(secret.data.NACOS_PASSWORD, 'base64').toString()).toBe(FIXTURE.nacosPassword);
      expect(secret.data.NACOS_AUTH_TOKEN).toBe(
        Buffer.from(FIXTURE.nacosServer.authToken).toString('base64'),
      );
    }
  });

  test.each(['prod', 'dev'])(
    'the offline plan of %s, given the secrets as config, writes and prints none of them',
    (stack) => {
      const dir = tempDir();
      const doc = parse(readFileSync(join(REPO_ROOT, `Pulumi.${stack}.yaml`), 'utf8'));
      doc.config['qcbm:mysqlPassword'] = FIXTURE.mysqlPassword;
      doc.config['qcbm:redisPassword'] = FIXTURE.redisPassword;
      doc.config['qcbm:skywalkingToken'] = FIXTURE.swAgentAuthentication;
      doc.config['qcbm:nacosPassword'] = FIXTURE.nacosPassword;
      doc.config['qcbm:hubKubeconfig'] = HUB_KUBECONFIG;
      doc.config['tencentcloud:secretKey'] = TENCENT_KEY;
      doc.config['qcbm:fleet'].app.secrets.source = 'pulumi';
      const stackFile = join(dir, `Pulumi.${stack}.yaml`);
      writeFileSync(stackFile, stringify(doc));
      const out = join(dir, 'plan.json');
      const run = spawnSync(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          join(REPO_ROOT, 'src/cli/bin.ts'),
          'plan',
          '--stack',
          stack,
          '--file',
          stackFile,
          '--out',
          out,
        ],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const plan = JSON.parse(readFileSync(out, 'utf8'));
      // The secrets did reach the program: the Secret is in the plan, its values hidden.
      const manifests = plan.groups.flatMap((g: any) => g.resources).flatMap((r: any) => r.inputs.objs ?? []);
      const secret = manifests.find((o: any) => o.kind === 'Secret');
      expect(secret?.data.MYSQL_PASSWORD).toBe('[secret]');
      expect(secret?.data.NACOS_PASSWORD).toBe('[secret]');
      // The pods' Secret checksums are keyed hashes under the key the stack generated, which the plan never shows
      // (the mocks generate every password as planned-<hex>).
      const pods = manifests.filter((o: any) => o.kind === 'Deployment' && o.metadata.name !== 'qcbm-front');
      expect(pods).not.toHaveLength(0);
      for (const d of pods) {
        expect(d.spec.template.metadata.annotations['checksum/secret']).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
      }
      expect(`${readFileSync(out, 'utf8')}${run.stdout}`).not.toMatch(/planned-[0-9a-f]{12}/);
      writeFileSync(join(dir, 'stdout.txt'), run.stdout);
      expect(findSecretLeaks([out, join(dir, 'stdout.txt')], SECRETS)).toEqual([]);
    },
  );
});
