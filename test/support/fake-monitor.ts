import type { FakeAnswer, FakeHandler } from './fake-tencent-api';

// Cloud Monitor (API 2018-07-24) as the failover's lag check sees it, for the fake Tencent Cloud API:
// GetMonitorData of QCE/CDB SecondsBehindMaster for the DR instance, in the DR instance's region.

/** The periods Cloud Monitor keeps SecondsBehindMaster at. */
const PERIODS = new Set([5, 60, 300, 3600, 86400]);

/** What the fake's Cloud Monitor reports, and how it behaves. */
export interface FakeMonitor {
  /**
   * The DR instance's SecondsBehindMaster, oldest first, one a period up to the end of the window asked for;
   * `[]`: no data point.
   * @default [0]
   */
  readonly lag?: readonly number[];
  /** GetMonitorData answers this instead (an error, a network failure). */
  readonly answer?: FakeAnswer;
}

/** The instance whose lag is reported, and where it is. */
export interface MonitoredInstance {
  readonly instanceId: string;
  readonly region: string;
}

export function monitorHandlers(monitor: FakeMonitor, dr: MonitoredInstance): Record<string, FakeHandler> {
  return {
    GetMonitorData: (params, { region }) => {
      if (monitor.answer) return monitor.answer;
      const invalid = (Message: string) => ({ error: { Code: 'InvalidParameter', Message } });
      if (params.Namespace !== 'QCE/CDB') return invalid(`namespace ${params.Namespace} is not supported`);
      if (params.MetricName !== 'SecondsBehindMaster') return invalid(`no metric ${params.MetricName}`);
      const period = params.Period ?? 300;
      if (!PERIODS.has(period)) return invalid(`period ${period} is not supported by this metric`);
      const end =
        Math.floor((params.EndTime ? Date.parse(params.EndTime) : Date.now()) / 1000 / period) * period;
      const start = params.StartTime ? Date.parse(params.StartTime) / 1000 : end - 86400;
      if (!(end >= start)) return invalid('EndTime must not be before StartTime');
      const instances: { Dimensions: { Name: string; Value: string }[] }[] = params.Instances ?? [];
      const DataPoints = instances.map(({ Dimensions }) => {
        const id = Dimensions.find((d) => d.Name === 'InstanceId')?.Value;
        // Like the real API: an instance of another region (or none) has an empty series.
        const values = id === dr.instanceId && region === dr.region ? [...(monitor.lag ?? [0])] : [];
        const Timestamps = values.map((_, i) => end - (values.length - 1 - i) * period);
        return { Dimensions, Timestamps, Values: values };
      });
      return {
        MetricName: params.MetricName,
        Period: period,
        StartTime: params.StartTime,
        EndTime: params.EndTime,
        DataPoints,
      };
    },
  };
}
