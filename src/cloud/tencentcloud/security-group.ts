import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface SecurityGroupArgs {
  readonly name?: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
  readonly tags?: Tags;
}

/** A security group (`tencentcloud_security_group`); its rules are one SecurityGroupRuleSet. */
export class SecurityGroup extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.securityGroup;

  constructor(name: string, args: SecurityGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(SecurityGroup.TYPE, name, { ...args }, bindingOptions(opts));
  }
}
