import type {
  DescribePrivateZoneListRequest,
  DescribePrivateZoneListResponse,
  DescribePrivateZoneRecordListRequest,
  DescribePrivateZoneRecordListResponse,
  ModifyPrivateZoneRecordRequest,
  ModifyPrivateZoneRecordResponse,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/privatedns/v20201028/privatedns_models';
import { sdkCaller, type TencentApiOptions, type WithRequestId } from './tencent-api';

/** Private DNS (API version 2020-10-28): the calls that retarget a record. */
export interface PrivateDnsApi {
  /** Where every request goes (`X-TC-Region`): Private DNS is account-wide, the SDK needs one all the same. */
  readonly region: string;
  /** DescribePrivateZoneList: the account's private zones; filter `Domain` finds one by its domain. */
  describePrivateZoneList(
    request: DescribePrivateZoneListRequest,
  ): Promise<WithRequestId<DescribePrivateZoneListResponse>>;
  /** DescribePrivateZoneRecordList: a zone's records; the documented filters are `Value` and `RecordType`. */
  describePrivateZoneRecordList(
    request: DescribePrivateZoneRecordListRequest,
  ): Promise<WithRequestId<DescribePrivateZoneRecordListResponse>>;
  /** ModifyPrivateZoneRecord: sets a record's value (and TTL; leave nothing out that should stay). */
  modifyPrivateZoneRecord(
    request: ModifyPrivateZoneRecordRequest,
  ): Promise<WithRequestId<ModifyPrivateZoneRecordResponse>>;
}

/** Private DNS is account-wide; the SDK needs a region all the same. */
export const PRIVATE_DNS_REGION = 'ap-guangzhou';

/** The Private DNS calls. No request is made (and the SDK is not loaded) before the first call. */
export function privateDnsApi(options: TencentApiOptions): PrivateDnsApi {
  const call = sdkCaller(
    options,
    PRIVATE_DNS_REGION,
    'privatedns.tencentcloudapi.com',
    () => import('tencentcloud-sdk-nodejs/tencentcloud/services/privatedns/v20201028/privatedns_client'),
  );
  return {
    region: PRIVATE_DNS_REGION,
    describePrivateZoneList: (request) =>
      call('DescribePrivateZoneList', (c) => c.DescribePrivateZoneList(request)),
    describePrivateZoneRecordList: (request) =>
      call('DescribePrivateZoneRecordList', (c) => c.DescribePrivateZoneRecordList(request)),
    modifyPrivateZoneRecord: (request) =>
      call('ModifyPrivateZoneRecord', (c) => c.ModifyPrivateZoneRecord(request)),
  };
}
