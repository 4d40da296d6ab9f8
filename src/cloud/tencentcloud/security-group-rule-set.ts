import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

/** One rule; give exactly one source (cidrBlock, ipv6CidrBlock or sourceSecurityId). */
export interface SecurityRule {
  readonly action: 'ACCEPT' | 'DROP';
  readonly protocol?: 'TCP' | 'UDP' | 'ICMP' | 'ICMPv6' | 'ALL';
  /** `80`, `80,90`, `80-90` or `all`. */
  readonly port?: string;
  readonly cidrBlock?: pulumi.Input<string>;
  readonly ipv6CidrBlock?: pulumi.Input<string>;
  readonly sourceSecurityId?: pulumi.Input<string>;
  readonly description?: string;
}

export interface SecurityGroupRuleSetArgs {
  readonly securityGroupId: pulumi.Input<string>;
  /** In priority order: the first entry wins. @default - none */
  readonly ingresses?: pulumi.Input<pulumi.Input<SecurityRule>[]>;
  /** @default - none */
  readonly egresses?: pulumi.Input<pulumi.Input<SecurityRule>[]>;
}

/** Every rule of one security group (`tencentcloud_security_group_rule_set`); add no other rules to that group. */
export class SecurityGroupRuleSet extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.securityGroupRuleSet;
  declare public readonly version: pulumi.Output<string>;

  constructor(name: string, args: SecurityGroupRuleSetArgs, opts?: pulumi.CustomResourceOptions) {
    super(SecurityGroupRuleSet.TYPE, name, withOutputs(args, ['version']), bindingOptions(opts));
  }
}
