import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface DnspodRecordArgs {
  /** The zone, e.g. example.com. */
  readonly domain: pulumi.Input<string>;
  /** @default '@' */
  readonly subDomain?: pulumi.Input<string>;
  /** A, AAAA, CNAME, ... */
  readonly recordType: pulumi.Input<string>;
  /** The line name: 默认 (default), 境外, 电信, 联通, 移动, or a regional line on paid plans. */
  readonly recordLine: pulumi.Input<string>;
  readonly value: pulumi.Input<string>;
  /** Seconds, 1..604800; the minimum depends on the domain's plan. @default 600 */
  readonly ttl?: pulumi.Input<number>;
  /** 1..100, enterprise plans only. */
  readonly weight?: pulumi.Input<number>;
  readonly status?: pulumi.Input<string>;
  readonly remark?: pulumi.Input<string>;
}

/** A DNSPod record (`tencentcloud_dnspod_record`). Do not manage records on lines an IGTM strategy owns. */
export class DnspodRecord extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.dnspodRecord;
  declare public readonly monitorStatus: pulumi.Output<string>;

  constructor(name: string, args: DnspodRecordArgs, opts?: pulumi.CustomResourceOptions) {
    super(DnspodRecord.TYPE, name, withOutputs(args, ['monitorStatus']), bindingOptions(opts));
  }
}
