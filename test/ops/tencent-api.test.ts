// The Tencent Cloud API access through the real SDK, against the fake API on 127.0.0.1.
import { spawnSync } from 'child_process';
import { createServer } from 'net';
import { ValidationError } from '../../src/model';
import { UserError } from '../../src/model/user-error';
import {
  cdbApi,
  IGTM_REGION,
  igtmApi,
  TencentApiError,
  tencentApiOptionsFromEnv,
  TencentSdkMissingError,
} from '../../src/ops/tencent/tencent-api';
import { REPO_ROOT } from '../support/repo-root';
import { RESET_CONNECTION, startFakeTencentApi } from '../support/fake-tencent-api';
import { guardNetwork, type NetworkGuard } from '../support/network-guard';
import { rejectionOf, thrownBy } from '../support/thrown';

const SECRET_KEY = 'sEcReT-kEy-never-printed-0123456789';

describe('tencentApiOptionsFromEnv', () => {
  test('reads the variables the Pulumi provider reads', () => {
    expect(
      tencentApiOptionsFromEnv(
        { TENCENTCLOUD_SECRET_ID: 'AKIDx', TENCENTCLOUD_SECRET_KEY: 'k' },
        '127.0.0.1:9',
      ),
    ).toEqual({ secretId: 'AKIDx', secretKey: 'k', endpoint: '127.0.0.1:9' });
  });

  test('names every missing variable and how to set it', () => {
    const error = thrownBy(() =>
      tencentApiOptionsFromEnv({ TENCENTCLOUD_SECRET_KEY: '  ' }),
    ) as ValidationError;
    expect(ValidationError.isValidationError(error)).toBe(true);
    expect(error?.issues.map((i) => [i.path, i.message])).toEqual([
      ['TENCENTCLOUD_SECRET_ID', 'is not set'],
      ['TENCENTCLOUD_SECRET_KEY', 'is not set'],
    ]);
    expect(error?.issues[0].fix).toMatch(/^export TENCENTCLOUD_SECRET_ID=/);
  });

  test('refuses an endpoint with a scheme, without showing the key', () => {
    expect(() =>
      tencentApiOptionsFromEnv(
        { TENCENTCLOUD_SECRET_ID: 'id', TENCENTCLOUD_SECRET_KEY: SECRET_KEY },
        'http://127.0.0.1:9',
      ),
    ).toThrow(/endpoint: must be host\[:port\]/);
    const error = thrownBy(() =>
      tencentApiOptionsFromEnv({ TENCENTCLOUD_SECRET_ID: 'id', TENCENTCLOUD_SECRET_KEY: SECRET_KEY }, 'x/y'),
    ) as Error;
    expect(error?.message).toMatch(/endpoint/);
    expect(error?.message).not.toContain(SECRET_KEY);
  });
});

describe('cdbApi and igtmApi, through the SDK', () => {
  let network: NetworkGuard;
  beforeEach(() => {
    network = guardNetwork();
  });
  afterEach(() => {
    network.restore();
    expect(network.hosts().filter((h) => h !== '127.0.0.1')).toEqual([]);
  });

  test('send the action, version and region the SDK puts on the wire, and return the RequestId', async () => {
    const fake = await startFakeTencentApi({
      DescribeDBInstances: () => ({ TotalCount: 1, Items: [{ InstanceId: 'cdb-a1' }] }),
      ModifyDBInstanceReadOnlyStatus: () => ({}),
      SwitchDrInstanceToMaster: () => ({ AsyncRequestId: 'async-1' }),
      DescribeAsyncRequestInfo: () => ({ Status: 'RUNNING', Info: '' }),
      DescribeAddressPoolDetail: (params) => ({
        AddressPool: { PoolId: params.PoolId, PoolName: 'beijing-01' },
        AddressSet: [{ Addr: '203.0.113.10', IsEnable: 'ENABLED', AddressId: 7, Status: 'OK' }],
      }),
      ModifyAddressPool: () => ({ Msg: 'success' }),
    });
    try {
      const options = { secretId: 'AKIDx', secretKey: SECRET_KEY, endpoint: fake.endpoint };
      const cdb = cdbApi(options, 'ap-beijing');
      const found = await cdb.describeDbInstances({ InstanceIds: ['cdb-a1'], WithDr: 1 });
      expect(found.Items?.[0].InstanceId).toBe('cdb-a1');
      expect(found.RequestId).toBe(fake.calls[0].requestId);
      await cdb.modifyReadOnlyStatus('cdb-a1', true);
      await cdb.modifyReadOnlyStatus('cdb-a1', false);
      expect((await cdb.switchDrInstanceToMaster('cdb-a1')).AsyncRequestId).toBe('async-1');
      expect((await cdb.describeAsyncRequestInfo('async-1')).Status).toBe('RUNNING');

      const igtm = igtmApi(options);
      const pool = await igtm.describeAddressPoolDetail(12);
      expect(pool.AddressSet?.[0].Status).toBe('OK');
      const kept = { Addr: '203.0.113.10', IsEnable: 'DISABLED', AddressId: 7, Weight: 100 };
      expect((await igtm.modifyAddressPool(12, [kept], { MonitorId: 3 })).Msg).toBe('success');

      expect(fake.calls.map((c) => [c.action, c.version, c.region, c.params])).toEqual([
        ['DescribeDBInstances', '2017-03-20', 'ap-beijing', { InstanceIds: ['cdb-a1'], WithDr: 1 }],
        ['ModifyDBInstanceReadOnlyStatus', '2017-03-20', 'ap-beijing', { InstanceId: 'cdb-a1', ReadOnly: 1 }],
        ['ModifyDBInstanceReadOnlyStatus', '2017-03-20', 'ap-beijing', { InstanceId: 'cdb-a1', ReadOnly: 0 }],
        ['SwitchDrInstanceToMaster', '2017-03-20', 'ap-beijing', { InstanceId: 'cdb-a1' }],
        ['DescribeAsyncRequestInfo', '2017-03-20', 'ap-beijing', { AsyncRequestId: 'async-1' }],
        ['DescribeAddressPoolDetail', '2023-10-24', IGTM_REGION, { PoolId: 12 }],
        ['ModifyAddressPool', '2023-10-24', IGTM_REGION, { MonitorId: 3, PoolId: 12, AddressSet: [kept] }],
      ]);
    } finally {
      await fake.close();
    }
  });

  test("wrap the API's error in one line with the code and the request id", async () => {
    const fake = await startFakeTencentApi({
      DescribeDBInstances: () => ({
        error: { Code: 'AuthFailure.SecretIdNotFound', Message: 'no such key' },
      }),
    });
    try {
      const error = await rejectionOf<TencentApiError>(
        cdbApi(
          { secretId: 'AKIDx', secretKey: SECRET_KEY, endpoint: fake.endpoint },
          'ap-shanghai',
        ).describeDbInstances({}),
      );
      expect(error).toBeInstanceOf(TencentApiError);
      expect(error).toMatchObject({
        action: 'DescribeDBInstances',
        region: 'ap-shanghai',
        code: 'AuthFailure.SecretIdNotFound',
        requestId: fake.calls[0].requestId,
        unreachable: false,
      });
      expect(error.message).toBe(
        `DescribeDBInstances in ap-shanghai failed: AuthFailure.SecretIdNotFound: no such key (request ${fake.calls[0].requestId})`,
      );
      expect(UserError.isUserError(error)).toBe(true);
      expect(error.fix).toContain('TENCENTCLOUD_SECRET_ID');
    } finally {
      await fake.close();
    }
  });

  test('an action the fake does not know answers InvalidAction, as Tencent does', async () => {
    const fake = await startFakeTencentApi({});
    try {
      const error = await rejectionOf<TencentApiError>(
        cdbApi(
          { secretId: 'AKIDx', secretKey: SECRET_KEY, endpoint: fake.endpoint },
          'ap-beijing',
        ).switchDrInstanceToMaster('cdb-a1'),
      );
      expect(error.code).toBe('InvalidAction');
      expect(error.requestId).toBe(fake.calls[0].requestId);
      expect(fake.calls[0].action).toBe('SwitchDrInstanceToMaster');
    } finally {
      await fake.close();
    }
  });

  test('no answer (a reset, a closed port) is an unreachable error without a request id', async () => {
    const fake = await startFakeTencentApi({ DescribeDBInstances: () => RESET_CONNECTION });
    const closedPort = await freePort();
    try {
      for (const endpoint of [fake.endpoint, `127.0.0.1:${closedPort}`]) {
        const error = await rejectionOf<TencentApiError>(
          cdbApi({ secretId: 'AKIDx', secretKey: SECRET_KEY, endpoint }, 'ap-beijing').describeDbInstances(
            {},
          ),
        );
        expect(error).toMatchObject({ code: 'NoAnswer', requestId: '', unreachable: true });
        expect(error.message).toMatch(
          /^DescribeDBInstances in ap-beijing failed: NoAnswer: request to http:\/\/127\.0\.0\.1/,
        );
        expect(error.message).not.toContain(SECRET_KEY);
      }
    } finally {
      await fake.close();
    }
  });

  test('the secret key never goes on the wire', async () => {
    const fake = await startFakeTencentApi({ DescribeDBInstances: () => ({}) });
    try {
      await cdbApi(
        { secretId: 'AKIDx', secretKey: SECRET_KEY, endpoint: fake.endpoint },
        'ap-beijing',
      ).describeDbInstances({});
      expect(fake.calls).toHaveLength(1);
      // Signed with it (TC3-HMAC-SHA256 under the secret id), never carrying it.
      expect(fake.calls[0].raw).toMatch(/"authorization":"TC3-HMAC-SHA256 Credential=AKIDx\//);
      expect(fake.calls[0].raw).not.toContain(SECRET_KEY);
    } finally {
      await fake.close();
    }
  });
});

describe('loading the SDK', () => {
  test('importing the runbook does not load the SDK', () => {
    const probe = `require('./src/ops/failover'); require('./src/ops/tencent/tencent-api');
process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('tencentcloud-sdk-nodejs')).length));`;
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', probe], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('0');
  });

  test('without the SDK, the first call says how to install it', async () => {
    const missing = (path: string) => () => {
      throw Object.assign(new Error(`Cannot find module '${path}' from 'src/ops/tencent/tencent-api.ts'`), {
        code: 'MODULE_NOT_FOUND',
      });
    };
    const cdbClient = 'tencentcloud-sdk-nodejs/tencentcloud/services/cdb/v20170320/cdb_client';
    let api!: typeof import('../../src/ops/tencent/tencent-api');
    await jest.isolateModulesAsync(async () => {
      jest.doMock(cdbClient, missing(cdbClient));
      api = await import('../../src/ops/tencent/tencent-api');
    });
    const cdb = api.cdbApi(
      { secretId: 'AKIDx', secretKey: SECRET_KEY, endpoint: '127.0.0.1:1' },
      'ap-beijing',
    );
    const error = await rejectionOf<TencentSdkMissingError>(cdb.describeDbInstances({}));
    expect(error.name).toBe('TencentSdkMissingError');
    expect(error.message).toContain('tencentcloud-sdk-nodejs, an optional peer dependency) is not installed');
    expect(error.fix).toBe('npm install tencentcloud-sdk-nodejs');
    jest.dontMock(cdbClient);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
