import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface PrivateDnsRecordArgs {
  /** The zone (`zone-…`). */
  readonly zoneId: pulumi.Input<string>;
  /** The name in the zone, e.g. `mysql` or `@`. */
  readonly subDomain: pulumi.Input<string>;
  /** `A`, `AAAA`, `CNAME`, `MX`, `TXT` or `PTR`. */
  readonly recordType: pulumi.Input<'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'PTR'>;
  /** An address for `A`, a name for `CNAME`. */
  readonly recordValue: pulumi.Input<string>;
  /** Seconds, 1 to 86400. @default - the provider's */
  readonly ttl?: pulumi.Input<number>;
  /** 1 to 100. @default - none */
  readonly weight?: pulumi.Input<number>;
  /** `enabled` or `disabled`. @default 'enabled' */
  readonly status?: pulumi.Input<'enabled' | 'disabled'>;
}

/** A record of a Private DNS zone (`tencentcloud_private_dns_record`). */
export class PrivateDnsRecord extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.privateDnsRecord;

  constructor(name: string, args: PrivateDnsRecordArgs, opts?: pulumi.CustomResourceOptions) {
    super(PrivateDnsRecord.TYPE, name, withOutputs(args, []), bindingOptions(opts));
  }
}
