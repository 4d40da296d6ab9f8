import { execFile } from 'child_process';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { ValidationError } from '../../src/model/validation-error';
import type { RegisteredResource } from '../../src/testing/fake-tencent-cloud';
import {
  CERTIFICATE_FOR_OTHER,
  CERTIFICATE_FOR_WWW_QCBM,
  PRIVATE_KEY_STAND_IN,
} from '../fixtures/certificates';
import { isEnvelope, underMocks, valueOf } from './support/under-mocks';
import { REPO_ROOT, repoPath } from '../support/repo-root';
import { KUBERNETES_TYPES, TENCENTCLOUD_INVOKES, TENCENTCLOUD_TYPES as T } from '../../src/cloud/type-tokens';

/** The fleet of prod, as its stack file writes it, with these app fields. */
function prodFleet(app: Record<string, unknown> = {}): any {
  const fleet = parse(readFileSync(repoPath('Pulumi.prod.yaml'), 'utf8')).config['qcbm:fleet'];
  return { ...fleet, app: { ...fleet.app, ...app } };
}

/**
 * Runs the stack program (src/program/index.ts, as `pulumi up` does) under mocks, with `clbOutputs` as what every
 * public CLB answers where given.
 */
async function runProgram(
  fleet: unknown,
  extra: Record<string, string> = {},
  clbOutputs?: Record<string, unknown>,
) {
  const { FakeTencentCloud } = await import('../../src/testing/fake-tencent-cloud');
  const answer = FakeTencentCloud.prototype.newResource;
  const spy = jest.spyOn(FakeTencentCloud.prototype, 'newResource').mockImplementation(function (
    this: InstanceType<typeof FakeTencentCloud>,
    args,
  ) {
    const result = answer.call(this, args);
    const open = args.type === T.clbInstance && args.inputs.networkType === 'OPEN';
    return open && clbOutputs ? { ...result, state: { ...result.state, ...clbOutputs } } : result;
  });
  const calls = jest.spyOn(FakeTencentCloud.prototype, 'call');
  try {
    const run = await underMocks(
      async () => {
        const pulumi = await import('@pulumi/pulumi');
        try {
          let exported: Record<string, unknown> = {};
          jest.isolateModules(() => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program runs at require, afresh
            exported = require('../../src/program/index');
          });
          return { outputs: await valueOf(pulumi.output({ ...exported })), error: undefined };
        } catch (error) {
          return { outputs: undefined, error: ((error as Error).cause ?? error) as Error };
        }
      },
      { 'qcbm:fleet': JSON.stringify(fleet), ...extra },
      Object.keys(extra),
    );
    return { ...run, calls: calls.mock.calls.map(([args]) => args) };
  } finally {
    spy.mockRestore();
    calls.mockRestore();
  }
}

type Run = Awaited<ReturnType<typeof runProgram>>;

/** Every cluster's manifests, by ConfigGroup name (direct delivery: one per cluster). */
function manifestsByTarget(run: Run): Record<string, any[]> {
  return Object.fromEntries(
    run.cloud.ofType(KUBERNETES_TYPES.configGroup).map((g: RegisteredResource) => {
      const objs = isEnvelope(g.inputs.objs) ? g.inputs.objs.value : g.inputs.objs;
      return [g.name, objs as any[]];
    }),
  );
}
/** The id FakeTencentCloud gives an SSL certificate: its logical name's digest. */
const fakeIdOf = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 8);
const certIdIn = (objs: any[], secret = 'qcbm-tls') =>
  Buffer.from(
    objs.find((o) => o.kind === 'Secret' && o.metadata.name === secret).data.qcloud_cert_id,
    'base64',
  ).toString();

describe('prod: a free certificate, validated through DNSPod, on every cluster', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runProgram(prodFleet());
  });

  test('one free DV certificate for the published name, DNS-validated, by the account-wide provider', () => {
    expect(run.result.error).toBeUndefined();
    const certificates = run.cloud.ofType(T.sslFreeCertificate);
    expect(certificates.map((c) => [c.name, c.inputs, c.provider])).toEqual([
      [
        'qcbm-certificate',
        { domain: 'www.qcbm.com', dvAuthMethod: 'DNS_AUTO', alias: 'qcbm-prod' },
        'tencentcloud-ap-beijing',
      ],
    ]);
    expect(run.cloud.ofType(T.sslCertificate)).toEqual([]);
    // The business zone is looked up (declared existing); the access zone is created.
    const lookups = run.calls.filter((c) => c.token === TENCENTCLOUD_INVOKES.dnspodDomainList);
    expect(lookups.map((c) => c.inputs.keyword)).toEqual(['qcbm.com']);
    expect(run.cloud.ofType(T.dnspodDomainInstance).map((z) => z.inputs.domain)).toEqual(['qcbm-gtm.com']);
  });

  test("each cluster's Secret holds the certificate's id; its Ingress serves it and redirects HTTP", () => {
    const targets = manifestsByTarget(run);
    // The engine registers each ConfigGroup once its manifests are serialized: the order is not the program's.
    expect(Object.keys(targets).sort()).toEqual([
      'qcbm-beijing-01-app',
      'qcbm-guangzhou-01-app',
      'qcbm-shanghai-01-app',
    ]);
    const ids = new Set<string>();
    for (const objs of Object.values(targets)) {
      ids.add(certIdIn(objs));
      const ingress = objs.find((o) => o.kind === 'Ingress');
      expect(ingress.spec.tls).toEqual([{ hosts: ['www.qcbm.com'], secretName: 'qcbm-tls' }]);
      expect(ingress.metadata.annotations['ingress.cloud.tencent.com/auto-rewrite']).toBe('true');
    }
    // One id everywhere: the id the (fake) service gave the free certificate, not the offline placeholder.
    expect([...ids]).toEqual([fakeIdOf('qcbm-certificate')]);
  });

  test('the IGTM monitor checks HTTPS on the book list', () => {
    expect(run.cloud.ofType(T.igtmMonitor)[0].inputs).toMatchObject({
      checkProtocol: 'HTTPS',
      path: '/api/book/all',
      host: 'www.qcbm.com',
      enableSni: 'ENABLED',
    });
  });

  test('a renewal is a new certificate under a new name (created before the old one is deleted)', async () => {
    const renewed = await runProgram(prodFleet({ tls: { certificate: 'free', renewal: 1 } }));
    const certificates = renewed.cloud.ofType(T.sslFreeCertificate);
    expect(certificates.map((c) => [c.name, c.inputs.alias])).toEqual([
      ['qcbm-certificate-1', 'qcbm-prod-r1'],
    ]);
  });
});

describe('an uploaded certificate from secret config', () => {
  const uploaded = { tls: { certificate: 'uploaded' } };

  test('is uploaded with its key kept secret, and its id reaches every cluster', async () => {
    const run = await runProgram(prodFleet(uploaded), {
      'qcbm:tlsCertificate': CERTIFICATE_FOR_WWW_QCBM,
      'qcbm:tlsPrivateKey': PRIVATE_KEY_STAND_IN,
    });
    expect(run.result.error).toBeUndefined();
    const [certificate] = run.cloud.ofType(T.sslCertificate);
    expect(certificate.inputs).toMatchObject({ type: 'SVR', name: 'qcbm-prod' });
    expect(isEnvelope(certificate.inputs.key)).toBe(true);
    expect(isEnvelope(certificate.inputs.cert)).toBe(true);
    expect(run.cloud.ofType(T.sslFreeCertificate)).toEqual([]);
    for (const objs of Object.values(manifestsByTarget(run)))
      expect(certIdIn(objs)).toBe(fakeIdOf('qcbm-certificate'));
  });

  test('without the secret config the program stops first, naming both keys and the command', async () => {
    const run = await runProgram(prodFleet(uploaded));
    expect(ValidationError.isValidationError(run.result.error)).toBe(true);
    const issues = (run.result.error as ValidationError).issues.map((i) => `${i.path}: ${i.fix}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^qcbm:tlsCertificate: pulumi config set --secret --stack test qcbm:tlsCertificate/,
        ),
        expect.stringMatching(
          /^qcbm:tlsPrivateKey: pulumi config set --secret --stack test qcbm:tlsPrivateKey/,
        ),
      ]),
    );
    expect(run.cloud.resources).toEqual([]);
  });

  test('one that does not cover the published name is refused, naming the names it has', async () => {
    // The refusal comes once the service reports the names (pulumi up): a rejection Pulumi reports as the run's
    // failure, so it runs as a program of its own.
    const program = `
      const pulumi = require('@pulumi/pulumi');
      const { FakeTencentCloud } = require('./src/testing/fake-tencent-cloud');
      const errors = [];
      process.on('unhandledRejection', (e) => errors.push(String((e && e.message) || e)));
      (async () => {
        await pulumi.runtime.setMocks(new FakeTencentCloud(), 'qcbm', 'failing', false);
        const { parseFleet } = require('./src/model');
        const { TencentCloudProvider } = require('./src/cloud/tencentcloud/provider');
        const { createCertificate } = require('./src/cloud/entry/certificate');
        const parent = new pulumi.ComponentResource('test:index:Parent', 'parent');
        createCertificate('qcbm', {
          fleet: parseFleet(JSON.parse(process.env.FLEET)),
          certificate: pulumi.secret(process.env.CERTIFICATE),
          privateKey: pulumi.secret('stand-in'),
          provider: new TencentCloudProvider('tc', { region: 'ap-beijing' }),
        }, parent);
        await new Promise((r) => setTimeout(r, 2000));
        console.log(JSON.stringify({ errors: [...new Set(errors)] }));
        process.exit(0);
      })();`;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-e', program],
        {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            FLEET: JSON.stringify(prodFleet(uploaded)),
            CERTIFICATE: CERTIFICATE_FOR_OTHER,
          },
        },
        (error, out, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(out)),
      ),
    );
    const report = JSON.parse(stdout.split('\n').find((l) => l.startsWith('{"errors"'))!);
    expect(report.errors).toContainEqual(
      expect.stringMatching(
        /the certificate in qcbm:tlsCertificate is for other\.example\.com, not for the published name www\.qcbm\.com/,
      ),
    );
  }, 60000);
});

describe('an existing certificate and a domain-based CLB', () => {
  test('an existing certificate: no SSL resource, its id in every Secret', async () => {
    const run = await runProgram(prodFleet({ tls: { certificate: 'existing', certificateId: 'Kx7pQ2mZ' } }));
    expect(run.result.error).toBeUndefined();
    expect([...run.cloud.ofType(T.sslCertificate), ...run.cloud.ofType(T.sslFreeCertificate)]).toEqual([]);
    for (const objs of Object.values(manifestsByTarget(run))) expect(certIdIn(objs)).toBe('Kx7pQ2mZ');
  });

  test('public CLBs without a VIP: each pool gets the CLB domain, and the outputs publish it', async () => {
    const domain = 'lb-0a1b2c3d.clb.tencentclb.com';
    const run = await runProgram(prodFleet(), {}, { clbVips: [], domain });
    expect(run.result.error).toBeUndefined();
    const pools = run.cloud.ofType(T.igtmAddressPool);
    expect(pools).toHaveLength(3);
    for (const p of pools) expect((p.inputs.addressSets as { addr: string }[])[0].addr).toBe(domain);
    const traffic = (run.result.outputs as any).traffic;
    expect(Object.values(traffic.clusters).map((c: any) => c.address)).toEqual([domain, domain, domain]);
  });
});

describe('whether a certificate name covers the published name', () => {
  test('exact names, and a wildcard for one label only', async () => {
    const { coversName } = await import('../../src/cloud/entry/certificate');
    expect(coversName('www.qcbm.com', 'www.qcbm.com')).toBe(true);
    expect(coversName('WWW.qcbm.com', 'www.QCBM.com')).toBe(true);
    expect(coversName('*.qcbm.com', 'www.qcbm.com')).toBe(true);
    expect(coversName('*.qcbm.com', 'a.www.qcbm.com')).toBe(false);
    expect(coversName('*.qcbm.com', 'qcbm.com')).toBe(false);
    expect(coversName('qcbm.com', 'www.qcbm.com')).toBe(false);
  });
});
