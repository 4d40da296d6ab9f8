import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TENCENTCLOUD_TYPES as T } from '../../src/cloud/type-tokens';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { siteResourceNames } from '../../src/model/resource-names';
import { UserError } from '../../src/model/user-error';
import {
  failoverChurn,
  failoverPreviewExpectation,
  failoverPreviewProblems,
} from '../../src/ops/pulumi/preview-check';
import { parsePulumiPreview } from '../../src/ops/pulumi/preview-json';
import { runPulumiPreview } from '../../src/ops/pulumi/pulumi-preview';
import {
  digestOf,
  PROD_REF,
  PROD_URNS,
  type PreviewDigestJson,
  prodFailoverPreview,
  withStep,
} from '../fixtures/drill/prod-failover-preview';
import { type FakePulumi, installFakePulumi } from '../support/fake-pulumi';
import { repoPath } from '../support/repo-root';
import { rejectionOf } from '../support/thrown';

const CANARY = 'canary-s3cr3t-9f2b';

let fake: FakePulumi;
let work: string;
beforeEach(() => {
  fake = installFakePulumi();
  work = realpathSync(mkdtempSync(join(tmpdir(), 'qcbm-preview-')));
});
afterEach(() => {
  fake.remove();
  rmSync(work, { recursive: true, force: true });
});

/** Writes `text` into the work folder and returns its path. */
function fileOf(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

const preview = (options: { stack?: string; timeoutMs?: number; signal?: AbortSignal } = {}) =>
  runPulumiPreview({ cwd: work, stack: 'prod', env: { PATH: fake.path }, ...options });

async function userErrorOf(promise: Promise<unknown>): Promise<UserError> {
  const e = await rejectionOf(promise);
  expect(UserError.isUserError(e) ? 'UserError' : e).toBe('UserError');
  return e as UserError;
}

describe('runPulumiPreview', () => {
  test('runs pulumi preview of the stack, without refresh, in the project folder, and reads its JSON', async () => {
    fake.behave({ stdoutFile: fileOf('preview.json', JSON.stringify(prodFailoverPreview(), null, 4)) });
    const result = await runPulumiPreview({
      cwd: work,
      stack: 'prod',
      env: { PATH: fake.path, PULUMI_ENABLE_STREAMING_JSON_PREVIEW: 'true' },
    });
    expect(fake.calls()).toEqual([
      {
        argv: ['preview', '--stack', 'prod', '--non-interactive', '--json', '--refresh=false'],
        cwd: work,
        // The one document, not streamed events, whatever the caller's environment says.
        env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: 'false' },
        stackFile: null,
      },
    ]);
    expect(result.steps).toHaveLength(prodFailoverPreview().steps.length);
    expect(result.steps.find((s) => s.urn === PROD_URNS.guangzhou.drInstance)).toEqual({
      op: 'replace',
      urn: PROD_URNS.guangzhou.drInstance,
      replaceReasons: ['masterInstanceId', 'masterRegion'],
      diffReasons: ['masterInstanceId', 'masterRegion'],
    });
    expect(result.steps.find((s) => s.urn === PROD_URNS.shanghai.mysql)?.op).toBe('import');
    expect(result.changeSummary).toMatchObject({ import: 3, replace: 3, delete: 6, create: 1, update: 7 });
    expect(result.diagnostics).toEqual([]);
  });

  test('refuses where pulumi is not on the PATH, naming the fix', async () => {
    const empty = mkdtempSync(join(work, 'bin-'));
    const e = await userErrorOf(
      runPulumiPreview({ cwd: work, stack: 'prod', env: { PATH: empty, HOME: work } }),
    );
    expect(e.message).toBe('the Pulumi CLI (pulumi) is not on the PATH');
    expect(e.fix).toMatch(/^install the Pulumi CLI 3\.x .*put the folder that holds `pulumi` on the PATH$/);
    expect(fake.calls()).toEqual([]);
  });

  test('a failed preview names the exit code and the last lines of stderr, with the fix they point to', async () => {
    fake.behave({
      exitCode: 2,
      stdout: `{"config":{"qcbm:token":"${CANARY}"}}`,
      stderr: "warning: A new version of Pulumi is available.\nerror: no stack named 'prod' found\n",
    });
    const e = await userErrorOf(preview());
    expect(e.message).toBe(
      'pulumi preview --stack prod --non-interactive --json --refresh=false exited with code 2:\n' +
        '  warning: A new version of Pulumi is available.\n' +
        "  error: no stack named 'prod' found",
    );
    expect(e.fix).toBe(
      `select or create the stack in ${work}: \`pulumi stack select prod\` (or \`pulumi stack init prod\`), or give the stack's name with --stack`,
    );
    expect(`${e.message} ${e.fix}`).not.toContain(CANARY);
  });

  test('a failure that says nothing on stderr quotes the errors of its JSON', async () => {
    const failedDigest = {
      config: { 'qcbm:mysqlPassword': '[secret]', 'qcbm:note': CANARY },
      diagnostics: [
        { message: 'a warning', severity: 'warning' },
        { message: 'error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE\n', severity: 'error' },
      ],
    };
    fake.behave({ exitCode: 255, stdout: JSON.stringify(failedDigest) });
    const e = await userErrorOf(preview());
    expect(e.message).toMatch(
      /exited with code 255:\n {2}error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE$/,
    );
    expect(e.fix).toMatch(/^set PULUMI_CONFIG_PASSPHRASE/);
    expect(`${e.message} ${e.fix}`).not.toContain(CANARY);
  });

  test('output that is not JSON is refused without quoting it', async () => {
    fake.behave({ stdout: `Previewing update (prod)\n  qcbm:token: ${CANARY}\n` });
    const e = await userErrorOf(preview());
    expect(e.message).toMatch(/printed \d+ bytes on stdout that are not a JSON document$/);
    expect(`${e.message} ${e.fix}`).not.toContain(CANARY);

    fake.behave({ stdout: '' });
    expect((await userErrorOf(preview())).message).toMatch(/printed nothing on stdout$/);
  });

  test('JSON that is not a preview is refused, naming the place', async () => {
    fake.behave({ stdout: JSON.stringify({ steps: [{ op: 'create', urn: 'urn:x' }, { op: 'create' }] }) });
    expect((await userErrorOf(preview())).message).toMatch(/not a preview: steps\[1\]\.urn is not a string$/);
  });

  test('a stack name that could read as an option is refused before anything runs', async () => {
    const e = await userErrorOf(preview({ stack: '--show-secrets' }));
    expect(e.message).toBe('--stack "--show-secrets" is not a Pulumi stack name');
    expect(fake.calls()).toEqual([]);
  });

  test('a preview that takes too long, or is stopped, is ended', async () => {
    fake.behave({ sleepMs: 20000, stdout: '{}' });
    const started = Date.now();
    const late = await userErrorOf(preview({ timeoutMs: 300 }));
    expect(late.message).toMatch(/did not finish within 300 ms and was ended$/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const stopped = await userErrorOf(preview({ signal: controller.signal }));
    expect(stopped.message).toMatch(/was stopped before it finished$/);
    expect(Date.now() - started).toBeLessThan(10000);
    expect(fake.calls()).toHaveLength(2);
  });

  test('stdout beyond the bound ends the preview', async () => {
    fake.behave({ stdoutFile: fileOf('preview.json', JSON.stringify(prodFailoverPreview())) });
    const e = await userErrorOf(
      runPulumiPreview({ cwd: work, stack: 'prod', env: { PATH: fake.path }, maxStdoutBytes: 100 }),
    );
    expect(e.message).toMatch(/printed more than 100 bytes on stdout and was ended$/);
  });
});

describe('failoverPreviewProblems on prod after a failover to Shanghai, Beijing lost', () => {
  const fleet = loadFleetFromStackFile(repoPath('test/fixtures/failover/prod-lost.after.yaml'));
  const expectation = failoverPreviewExpectation(fleet, PROD_REF);
  const problemsOf = (digest: PreviewDigestJson) =>
    failoverPreviewProblems(parsePulumiPreview(JSON.stringify(digest), 'pulumi preview'), expectation);
  const { shanghai } = PROD_URNS;
  const clb = PROD_URNS.inRegion(T.clbInstance, siteResourceNames('ap-shanghai').clb('ingress'));
  const tke = PROD_URNS.inRegion(T.tkeCluster, siteResourceNames('ap-guangzhou').tkeCluster);

  test('the preview the failover expects passes, read from the CLI', async () => {
    fake.behave({ stdoutFile: fileOf('preview.json', JSON.stringify(prodFailoverPreview())) });
    expect(failoverPreviewProblems(await preview(), expectation)).toEqual([]);
  });

  test('the promoted instance replaced, created anew or left out fails, naming it', () => {
    const replaced = withStep(prodFailoverPreview(), shanghai.mysql, {
      op: 'replace',
      replaceReasons: ['availabilityZone'],
    });
    expect(problemsOf(replaced)).toEqual([
      `${shanghai.mysql}: replace (replaceReasons: availabilityZone); not an import of the promoted cdb-drsh0001`,
    ]);
    expect(problemsOf(withStep(prodFailoverPreview(), shanghai.mysql, { op: 'create' }))).toEqual([
      `${shanghai.mysql}: create; created anew, not an import of the promoted cdb-drsh0001`,
    ]);
    expect(problemsOf(withStep(prodFailoverPreview(), shanghai.account, { op: 'delete' }))).toEqual([
      `${shanghai.account}: delete; not an import of the promoted cdb-drsh0001`,
    ]);
    const withoutDatabase = digestOf(prodFailoverPreview().steps.filter((s) => s.urn !== shanghai.database));
    expect(problemsOf(withoutDatabase)).toEqual([
      expect.stringMatching(/^\S+::ap-shanghai-mysql-db: absent/),
    ]);
  });

  test('a CLB or a cluster replaced fails, naming its URN', () => {
    const clbReplaced = withStep(prodFailoverPreview(), clb, { op: 'replace', replaceReasons: ['vipIsp'] });
    expect(problemsOf(clbReplaced)).toEqual([
      `${clb}: replace (replaceReasons: vipIsp); a failover replaces or deletes only the disaster-recovery instances, the MySQL backups and the old primary's MySQL resources`,
    ]);
    // As --show-replacement-steps prints a replacement: each step is named.
    let steps = withStep(prodFailoverPreview(), tke, { op: 'create-replacement' }).steps;
    steps = [...steps, { op: 'delete-replaced', urn: tke, detailedDiff: null }];
    expect(problemsOf(digestOf(steps)).map((p) => p.split(';')[0])).toEqual([
      `${tke}: create-replacement`,
      `${tke}: delete-replaced`,
    ]);
    expect(problemsOf(withStep(prodFailoverPreview(), clb, { op: 'delete' }))).toEqual([
      expect.stringMatching(/::ap-shanghai-ingress-clb: delete; a failover replaces or deletes only/),
    ]);
  });

  test('the private DNS record replaced fails; updated in place it passes', () => {
    const record = PROD_URNS.followers.writerRecord;
    const replaced = withStep(prodFailoverPreview(), record, { op: 'replace', replaceReasons: ['zoneId'] });
    expect(problemsOf(replaced)).toEqual([
      `${record}: replace (replaceReasons: zoneId); a private DNS record changes in place (the writable name's follows the primary by an update)`,
    ]);
    expect(prodFailoverPreview().steps.find((s) => s.urn === record)?.op).toBe('update');
  });

  test('the expected churn: the copies, the backups and the old primary, never the adopted resources', () => {
    const churn = failoverChurn(fleet, PROD_REF);
    expect([...churn.keys()].map((urn) => urn.split('::').at(-1)).sort()).toEqual([
      'ap-beijing-mysql',
      'ap-beijing-mysql-account',
      'ap-beijing-mysql-db',
      'ap-beijing-mysql-dr',
      'ap-beijing-mysql-privilege',
      'ap-beijing-mysql-root',
      'ap-guangzhou-mysql-dr',
      'ap-shanghai-mysql-dr',
      'qcbm-mysql-backup',
      'qcbm-mysql-remote-backup',
    ]);
    expect(expectation.adopted).toEqual([shanghai.mysql, shanghai.database, shanghai.account]);
  });

  test('a fleet without a promotion has no failover to preview', () => {
    const before = loadFleetFromStackFile(repoPath('Pulumi.prod.yaml'));
    expect(() => failoverPreviewExpectation(before, PROD_REF)).toThrow(
      /^the fleet records no promotion \(data\.mysql\.promotion\)/,
    );
  });
});
