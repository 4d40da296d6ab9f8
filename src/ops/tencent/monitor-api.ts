import type {
  GetMonitorDataRequest,
  GetMonitorDataResponse,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/monitor/v20180724/monitor_models';
import { sdkCaller, type TencentApiOptions, type WithRequestId } from './tencent-api';

/** Cloud Monitor (API version 2018-07-24) in one region: the metric reads the operations use. */
export interface MonitorApi {
  /** Where every request goes (`X-TC-Region`): the region of the instances whose metric is read. */
  readonly region: string;
  /**
   * GetMonitorData: one metric of up to 50 instances, as points (`Timestamps` and `Values`, one for one) per
   * instance, one every `Period` seconds from `StartTime` to `EndTime` (at most 7200 points a request).
   */
  getMonitorData(request: GetMonitorDataRequest): Promise<WithRequestId<GetMonitorDataResponse>>;
}

/**
 * The Cloud Monitor calls, sent to `region` (its own access point, as for TencentDB). No request is made (and
 * the SDK is not loaded) before the first call.
 */
export function monitorApi(options: TencentApiOptions, region: string): MonitorApi {
  const call = sdkCaller(
    options,
    region,
    `monitor.${region}.tencentcloudapi.com`,
    () => import('tencentcloud-sdk-nodejs/tencentcloud/services/monitor/v20180724/monitor_client'),
  );
  return {
    region,
    getMonitorData: (request) => call('GetMonitorData', (c) => c.GetMonitorData(request)),
  };
}
