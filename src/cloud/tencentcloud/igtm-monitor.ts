import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface IgtmMonitorArgs {
  readonly monitorName: pulumi.Input<string>;
  readonly checkProtocol: pulumi.Input<'PING' | 'TCP' | 'HTTP' | 'HTTPS'>;
  /** Seconds between checks: 15, 60, 120 or 300, and at least the package's minCheckInterval. */
  readonly checkInterval: pulumi.Input<number>;
  /** Seconds: 2, 3, 5 or 10. */
  readonly timeout: pulumi.Input<number>;
  /** Retries of a failed check: 0, 1 or 2. */
  readonly failTimes: pulumi.Input<number>;
  /** Percent of detectors that must fail: 20, 30, 40, 50, 60, 70, 80 or 100. */
  readonly failRate: pulumi.Input<number>;
  readonly detectorStyle: pulumi.Input<'AUTO' | 'INTERNAL' | 'OVERSEAS' | 'IPV6' | 'ALL'>;
  /** Detector groups (`tencentcloud:Igtm/getDetectors`); each selected node consumes probe quota. */
  readonly detectorGroupIds: pulumi.Input<pulumi.Input<number>[]>;
  /** Consecutive failing periods, 1 to 5. @default - provider default */
  readonly continuePeriod?: pulumi.Input<number>;
  /** HTTP(S) only. @default '/' */
  readonly path?: pulumi.Input<string>;
  /** HTTP(S) Host header. @default - the instance's business domain */
  readonly host?: pulumi.Input<string>;
  /** HTTP(S): 400 or 500; a status at or above it is a failure. @default 500 */
  readonly returnCodeThreshold?: pulumi.Input<number>;
  /** TCP only. @default - none */
  readonly tcpPort?: pulumi.Input<number>;
  /** ENABLED or DISABLED. @default 'DISABLED' */
  readonly enableRedirect?: pulumi.Input<'ENABLED' | 'DISABLED'>;
  /** ENABLED or DISABLED. @default 'DISABLED' */
  readonly enableSni?: pulumi.Input<'ENABLED' | 'DISABLED'>;
  /** PING only: 20, 50 or 100. @default - none */
  readonly pingNum?: pulumi.Input<number>;
  /** PING only: 10, 30, 50, 80, 90 or 100. @default - none */
  readonly packetLossRate?: pulumi.Input<number>;
}

/** An IGTM health monitor (`tencentcloud_igtm_monitor`); address pools name it by `monitorId`. */
export class IgtmMonitor extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.igtmMonitor;
  declare public readonly monitorId: pulumi.Output<number>;

  constructor(name: string, args: IgtmMonitorArgs, opts?: pulumi.CustomResourceOptions) {
    super(IgtmMonitor.TYPE, name, withOutputs(args, ['monitorId']), bindingOptions(opts));
  }
}
