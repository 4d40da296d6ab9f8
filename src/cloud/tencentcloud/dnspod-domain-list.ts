import * as pulumi from '@pulumi/pulumi';
import { TENCENTCLOUD_PLUGIN_SERVER, TENCENTCLOUD_PLUGIN_VERSION } from './binding';
import { TENCENTCLOUD_INVOKES } from './type-tokens';

export interface GetDnspodDomainListArgs {
  /** Zones whose name contains it. @default - every zone of the account */
  readonly keyword?: pulumi.Input<string>;
  /** Which zones: ALL, MINE (the account's own), SHARE (shared with it) or RECENT; the provider requires it. */
  readonly type: pulumi.Input<'ALL' | 'MINE' | 'SHARE' | 'RECENT'>;
}

/** One zone of the account's DNSPod, with the fields read here. */
export interface DnspodDomain {
  readonly name: string;
  readonly domainId: number;
  /** ENABLE, PAUSE, SPAM, LOCK. */
  readonly status: string;
  /** Whether the registrar delegates it to DNSPod: DNSERROR where not. */
  readonly dnsStatus: string;
  /** The zone's plan, e.g. DP_FREE. */
  readonly grade: string;
  readonly effectiveDns: readonly string[];
}

export interface GetDnspodDomainListResult {
  readonly id: string;
  readonly domainLists: readonly DnspodDomain[];
}

/** The account's DNSPod zones (`tencentcloud_dnspod_domain_list`). Pass `provider` (and `parent`) in `opts`. */
export function getDnspodDomainList(
  args: GetDnspodDomainListArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetDnspodDomainListResult> {
  return pulumi.runtime.invokeOutput<GetDnspodDomainListResult>(
    TENCENTCLOUD_INVOKES.dnspodDomainList,
    { keyword: args.keyword, type: args.type },
    { version: TENCENTCLOUD_PLUGIN_VERSION, pluginDownloadURL: TENCENTCLOUD_PLUGIN_SERVER, ...opts },
  );
}
