// Typed, thin access to the Tencent Cloud APIs the operations use, through Tencent's official Node SDK
// (`tencentcloud-sdk-nodejs`, an optional peer dependency). The SDK (58 MB) is loaded on the first call, never
// on import, so the rest of the package works without it.
import { Agent } from 'http';
import type {
  DescribeAsyncRequestInfoResponse,
  DescribeDBInstancesRequest,
  DescribeDBInstancesResponse,
  ModifyDBInstanceReadOnlyStatusResponse,
  SwitchDrInstanceToMasterResponse,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/cdb/v20170320/cdb_models';
import type {
  Address,
  DescribeAddressPoolDetailResponse,
  ModifyAddressPoolRequest,
  ModifyAddressPoolResponse,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/igtm/v20231024/igtm_models';
import { UserError } from '../../model/user-error';
import { type ValidationIssue, ValidationError } from '../../model/validation-error';

type ClientConfig = ConstructorParameters<
  typeof import('tencentcloud-sdk-nodejs/tencentcloud/services/cdb/v20170320/cdb_client').Client
>[0];

/** Properties for access to the Tencent Cloud API. */
export interface TencentApiOptions {
  /** The API key's SecretId. */
  readonly secretId: string;
  /** The API key's SecretKey. Never printed. */
  readonly secretKey: string;
  /**
   * Send every request to this `host[:port]` over plain `http://`, without any proxy (tests, private endpoints).
   * @default - Tencent Cloud over HTTPS: `cdb.<region>.tencentcloudapi.com` for TencentDB and
   * `monitor.<region>.tencentcloudapi.com` for Cloud Monitor (the region's own access point, so a call to a
   * healthy region does not depend on the nearest one), `igtm.tencentcloudapi.com`
   */
  readonly endpoint?: string;
  /**
   * How long one request may take, in seconds (0.1 to 300).
   * @default 10
   */
  readonly timeoutSeconds?: number;
}

/** The variables the Tencent Cloud Pulumi provider reads too. */
export const TENCENT_CREDENTIAL_VARIABLES = {
  secretId: 'TENCENTCLOUD_SECRET_ID',
  secretKey: 'TENCENTCLOUD_SECRET_KEY',
} as const;

/**
 * API options from the environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY.
 * @param endpoint see `TencentApiOptions.endpoint`
 * @throws ValidationError naming every variable that is missing (never a value)
 */
export function tencentApiOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  endpoint?: string,
): TencentApiOptions {
  const issues: ValidationIssue[] = [];
  const read = (name: string, what: string): string => {
    const value = env[name]?.trim() ?? '';
    if (value === '') {
      issues.push({
        path: name,
        message: 'is not set',
        fix: `export ${name}=<the API key's ${what}> (the same variable the Tencent Cloud Pulumi provider reads; keys are made in the CAM console, API Keys)`,
      });
    }
    return value;
  };
  const secretId = read(TENCENT_CREDENTIAL_VARIABLES.secretId, 'SecretId');
  const secretKey = read(TENCENT_CREDENTIAL_VARIABLES.secretKey, 'SecretKey');
  if (issues.length > 0) throw new ValidationError('Tencent Cloud credentials', issues);
  const options = { secretId, secretKey, ...(endpoint === undefined ? {} : { endpoint }) };
  checkTencentApiOptions(options);
  return options;
}

const ENDPOINT = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;
const DEFAULT_TIMEOUT_SECONDS = 10;

/** @throws ValidationError where the options cannot make a request (the key's value is never shown) */
export function checkTencentApiOptions(options: TencentApiOptions): void {
  const issues: ValidationIssue[] = [];
  if (!options.secretId?.trim()) {
    issues.push({
      path: 'secretId',
      message: 'is empty',
      fix: `set ${TENCENT_CREDENTIAL_VARIABLES.secretId}`,
    });
  }
  if (!options.secretKey?.trim()) {
    issues.push({
      path: 'secretKey',
      message: 'is empty',
      fix: `set ${TENCENT_CREDENTIAL_VARIABLES.secretKey}`,
    });
  }
  if (options.endpoint !== undefined && !ENDPOINT.test(options.endpoint)) {
    issues.push({
      path: 'endpoint',
      message: 'must be host[:port], without a scheme or path',
      value: options.endpoint,
      fix: 'give e.g. 127.0.0.1:8080 (requests then use http://)',
    });
  }
  const timeout = options.timeoutSeconds;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 0.1 && timeout <= 300)) {
    issues.push({
      path: 'timeoutSeconds',
      message: 'must be from 0.1 to 300 seconds',
      value: timeout,
      fix: `leave it out for ${DEFAULT_TIMEOUT_SECONDS} s`,
    });
  }
  if (issues.length > 0) throw new ValidationError('Tencent Cloud API options', issues);
}

/** A response with the id Tencent Cloud gave the request (quote it to Tencent support). */
export type WithRequestId<T> = Omit<T, 'RequestId'> & { readonly RequestId: string };

/**
 * A call that failed: the API's error, an HTTP error, or no answer at all. A `UserError` whose message is one
 * line, `<Action> in <region> failed: <Code>: <Message> (request <id>)`, with a fix where the code tells one.
 */
export class TencentApiError extends UserError {
  /** The API action, e.g. `DescribeDBInstances`. */
  public readonly action: string;
  /** The region the request was sent to. */
  public readonly region: string;
  /** Tencent's error code (`AuthFailure`, `InvalidParameter`, ...), `HTTP <status>`, or `NoAnswer`. */
  public readonly code: string;
  /** The request's id where the API answered; '' where it did not. */
  public readonly requestId: string;
  /**
   * Nothing answered for the region: a connection error, a timeout, or a gateway error (HTTP 502, 503, 504).
   * The request may or may not have been carried out.
   */
  public readonly unreachable: boolean;
  /** What went wrong, without the action and region. */
  public readonly detail: string;

  constructor(props: {
    action: string;
    region: string;
    code: string;
    detail: string;
    requestId?: string;
    unreachable?: boolean;
    cause?: unknown;
  }) {
    const request = props.requestId ? ` (request ${props.requestId})` : '';
    super(
      `${props.action} in ${props.region} failed: ${props.code}: ${props.detail}${request}`,
      fixOf(props.code, props.unreachable ?? false),
    );
    this.name = 'TencentApiError';
    this.action = props.action;
    this.region = props.region;
    this.code = props.code;
    this.detail = props.detail;
    this.requestId = props.requestId ?? '';
    this.unreachable = props.unreachable ?? false;
    if (props.cause !== undefined) this.cause = props.cause;
  }

  /** Wraps what the SDK threw (a `TencentCloudSDKHttpException` or anything else). */
  public static from(action: string, region: string, e: unknown): TencentApiError {
    if (e instanceof TencentApiError) return e;
    const sdk = e as {
      message?: string;
      code?: string;
      requestId?: string;
      httpCode?: number;
      traceId?: string;
    };
    const detail = (typeof sdk?.message === 'string' && sdk.message) || String(e);
    if (typeof sdk?.code === 'string' && sdk.code !== '') {
      return new TencentApiError({
        action,
        region,
        code: sdk.code,
        detail,
        requestId: sdk.requestId,
        cause: e,
      });
    }
    if (typeof sdk?.httpCode === 'number') {
      return new TencentApiError({
        action,
        region,
        code: `HTTP ${sdk.httpCode}`,
        detail,
        unreachable: GATEWAY_ERRORS.has(sdk.httpCode),
        cause: e,
      });
    }
    // The SDK wraps connection errors and timeouts in its exception with neither a code nor an HTTP status.
    if (typeof sdk?.traceId === 'string') {
      return new TencentApiError({ action, region, code: 'NoAnswer', detail, unreachable: true, cause: e });
    }
    return new TencentApiError({ action, region, code: 'InvalidResponse', detail, cause: e });
  }
}

const GATEWAY_ERRORS = new Set([502, 503, 504]);

function fixOf(code: string, unreachable: boolean): string | undefined {
  if (unreachable) return 'check the network path to the Tencent Cloud API and run again';
  if (code.startsWith('AuthFailure')) {
    return `check ${TENCENT_CREDENTIAL_VARIABLES.secretId} and ${TENCENT_CREDENTIAL_VARIABLES.secretKey} (a key of this account, not disabled)`;
  }
  if (code.startsWith('UnauthorizedOperation'))
    return "grant the key's CAM user the permission for this action";
  return undefined;
}

/** The SDK is not installed: the operations need it, nothing else does. */
export class TencentSdkMissingError extends UserError {
  constructor(cause: unknown) {
    super(
      'The Tencent Cloud API SDK (tencentcloud-sdk-nodejs, an optional peer dependency) is not installed; this operation calls the Tencent Cloud API through it',
      'npm install tencentcloud-sdk-nodejs',
    );
    this.name = 'TencentSdkMissingError';
    this.cause = cause;
  }
}

/** TencentDB for MySQL (CDB, API version 2017-03-20) in one region: the calls a failover needs. */
export interface CdbApi {
  /** Where every request goes (`X-TC-Region`). */
  readonly region: string;
  /** DescribeDBInstances: with `WithDr: 1` a primary lists its DR instances (`DrInfo`), a DR instance its primary (`MasterInfo`). */
  describeDbInstances(
    request: DescribeDBInstancesRequest,
  ): Promise<WithRequestId<DescribeDBInstancesResponse>>;
  /** ModifyDBInstanceReadOnlyStatus: makes an instance read-only (true) or writable again (false). */
  modifyReadOnlyStatus(
    instanceId: string,
    readOnly: boolean,
  ): Promise<WithRequestId<ModifyDBInstanceReadOnlyStatusResponse>>;
  /** SwitchDrInstanceToMaster: promotes a DR instance; send it to the DR instance's region. Asynchronous. */
  switchDrInstanceToMaster(instanceId: string): Promise<WithRequestId<SwitchDrInstanceToMasterResponse>>;
  /** DescribeAsyncRequestInfo: the state of an asynchronous task (INITIAL, RUNNING, SUCCESS, FAILED, KILLED, ...). */
  describeAsyncRequestInfo(asyncRequestId: string): Promise<WithRequestId<DescribeAsyncRequestInfoResponse>>;
}

/** The CDB calls, sent to `region`. No request is made (and the SDK is not loaded) before the first call. */
export function cdbApi(options: TencentApiOptions, region: string): CdbApi {
  const call = sdkCaller(
    options,
    region,
    `cdb.${region}.tencentcloudapi.com`,
    () => import('tencentcloud-sdk-nodejs/tencentcloud/services/cdb/v20170320/cdb_client'),
  );
  return {
    region,
    describeDbInstances: (request) => call('DescribeDBInstances', (c) => c.DescribeDBInstances(request)),
    modifyReadOnlyStatus: (instanceId, readOnly) =>
      call('ModifyDBInstanceReadOnlyStatus', (c) =>
        c.ModifyDBInstanceReadOnlyStatus({ InstanceId: instanceId, ReadOnly: readOnly ? 1 : 0 }),
      ),
    switchDrInstanceToMaster: (instanceId) =>
      call('SwitchDrInstanceToMaster', (c) => c.SwitchDrInstanceToMaster({ InstanceId: instanceId })),
    describeAsyncRequestInfo: (asyncRequestId) =>
      call('DescribeAsyncRequestInfo', (c) => c.DescribeAsyncRequestInfo({ AsyncRequestId: asyncRequestId })),
  };
}

/** IGTM (API version 2023-10-24): the address pool calls a drill needs. */
export interface IgtmApi {
  /** DescribeAddressPoolDetail: the pool and its addresses, each with its health `Status` (OK, DOWN, WARN, ...). */
  describeAddressPoolDetail(poolId: number): Promise<WithRequestId<DescribeAddressPoolDetailResponse>>;
  /**
   * ModifyAddressPool. `addressSet` replaces the pool's addresses: list every address to keep, with its
   * `AddressId`; an address left out is deleted (unless `KeepResource: true`). Where the pool's monitor is used
   * by a strategy, `MonitorId` must be given too.
   */
  modifyAddressPool(
    poolId: number,
    addressSet: readonly Address[],
    rest?: Omit<ModifyAddressPoolRequest, 'PoolId' | 'AddressSet'>,
  ): Promise<WithRequestId<ModifyAddressPoolResponse>>;
}

/** IGTM is account-wide; the SDK needs a region all the same. */
export const IGTM_REGION = 'ap-guangzhou';

/** The IGTM calls. No request is made (and the SDK is not loaded) before the first call. */
export function igtmApi(options: TencentApiOptions): IgtmApi {
  const call = sdkCaller(
    options,
    IGTM_REGION,
    'igtm.tencentcloudapi.com',
    () => import('tencentcloud-sdk-nodejs/tencentcloud/services/igtm/v20231024/igtm_client'),
  );
  return {
    describeAddressPoolDetail: (poolId) =>
      call('DescribeAddressPoolDetail', (c) => c.DescribeAddressPoolDetail({ PoolId: poolId })),
    modifyAddressPool: (poolId, addressSet, rest = {}) =>
      call('ModifyAddressPool', (c) =>
        c.ModifyAddressPool({ ...rest, PoolId: poolId, AddressSet: [...addressSet] }),
      ),
  };
}

/**
 * The one way every API of this folder calls its SDK client (`cdbApi`, `igtmApi`, `privateDnsApi`, `monitorApi`): the options
 * checked now, the client loaded on the first call, every failure a `TencentApiError` and every response with
 * its RequestId.
 */
export function sdkCaller<C>(
  options: TencentApiOptions,
  region: string,
  host: string,
  load: () => Promise<{ Client: new (config: ClientConfig) => C }>,
) {
  checkTencentApiOptions(options);
  const client = lazily(async () => {
    const { Client } = await loadSdk(load);
    return new Client(clientConfig(options, region, host));
  });
  return callerFor(region, client);
}

function clientConfig(options: TencentApiOptions, region: string, host: string): ClientConfig {
  const reqTimeout = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  return {
    credential: { secretId: options.secretId, secretKey: options.secretKey },
    region,
    profile: {
      httpProfile: options.endpoint
        ? // An agent of our own: the SDK would otherwise send the request through $http_proxy.
          { endpoint: options.endpoint, protocol: 'http://', reqTimeout, agent: new Agent() }
        : { endpoint: host, reqTimeout },
    },
  };
}

function callerFor<C>(region: string, client: () => Promise<C>) {
  return async <T extends { RequestId?: string }>(
    action: string,
    send: (c: C) => Promise<T>,
  ): Promise<WithRequestId<T>> => {
    const c = await client();
    let response: T;
    try {
      response = await send(c);
    } catch (e) {
      throw TencentApiError.from(action, region, e);
    }
    return { ...response, RequestId: response.RequestId ?? '' };
  };
}

function lazily<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  // A failed load (the SDK missing) is not kept: the next call tries again.
  return () =>
    (made ??= make().catch((e: unknown) => {
      made = undefined;
      throw e;
    }));
}

async function loadSdk<M>(load: () => Promise<M>): Promise<M> {
  try {
    return await load();
  } catch (e) {
    const missing =
      (e as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND' &&
      String((e as Error).message).includes('tencentcloud-sdk-nodejs');
    throw missing ? new TencentSdkMissingError(e) : e;
  }
}
