import * as pulumi from '@pulumi/pulumi';
import type { Endpoint } from '../../model/fields';
import { TENCENTCLOUD_PLUGIN_SERVER, TENCENTCLOUD_PLUGIN_VERSION } from './binding';
import { TENCENTCLOUD_INVOKES } from './type-tokens';

/** The invoke's token (a data source of provider 0.2.3). */
export const TSE_ACCESS_ADDRESS = TENCENTCLOUD_INVOKES.tseAccessAddress;

export interface GetTseAccessAddressArgs {
  readonly instanceId: pulumi.Input<string>;
  /** Nacos and Polaris need the VPC and subnet of the access address asked for; ZooKeeper does not. */
  readonly vpcId?: pulumi.Input<string>;
  readonly subnetId?: pulumi.Input<string>;
  readonly engineRegion?: pulumi.Input<string>;
}

/**
 * What the data source answers (the fields this library reads). Each "may return null" by the schema's own words,
 * and the format of an address is not documented: read them with `tseIntranetEndpoint`.
 */
export interface GetTseAccessAddressResult {
  readonly id?: string;
  readonly instanceId?: string;
  /** "VPC access IP address list". */
  readonly intranetAddress?: string | null;
  readonly internetAddress?: string | null;
  readonly consoleIntranetAddress?: string | null;
}

/**
 * The access addresses of a TSE engine (`tencentcloud_tse_access_address`). Pass `provider` (and `parent`) in `opts`:
 * the invoke uses that provider's credentials and region.
 */
export function getTseAccessAddress(
  args: GetTseAccessAddressArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetTseAccessAddressResult> {
  return pulumi.runtime.invokeOutput<GetTseAccessAddressResult>(
    TSE_ACCESS_ADDRESS,
    {
      instanceId: args.instanceId,
      vpcId: args.vpcId,
      subnetId: args.subnetId,
      engineRegion: args.engineRegion,
    },
    { version: TENCENTCLOUD_PLUGIN_VERSION, pluginDownloadURL: TENCENTCLOUD_PLUGIN_SERVER, ...opts },
  );
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
// A name with at least one dot: a lone word in the answer is text, not a host.
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/**
 * The first usable endpoint in an access address as TSE gives it, or undefined. The format is not documented
 * ("IP address list"), so this reads every form seen or plausible: `10.0.0.5`, `10.0.0.5:8848`, `http://10.0.0.5:8848`,
 * lists joined by commas, semicolons or spaces, a JSON array of them. An address without a port gets `defaultPort`.
 */
export function tseIntranetEndpoint(address: unknown, defaultPort: number): Endpoint | undefined {
  for (const entry of addressEntries(address)) {
    const endpoint = parseEntry(entry, defaultPort);
    if (endpoint) return endpoint;
  }
  return undefined;
}

function addressEntries(address: unknown): string[] {
  if (Array.isArray(address)) return address.flatMap(addressEntries);
  if (typeof address !== 'string') return [];
  const text = address.trim();
  if (text.startsWith('[')) {
    try {
      return addressEntries(JSON.parse(text));
    } catch {
      // not JSON after all: read it as a list
    }
  }
  return text.split(/[\s,;|]+/).filter((s) => s.length > 0);
}

function parseEntry(entry: string, defaultPort: number): Endpoint | undefined {
  const bare = entry
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/^"|"$/g, '');
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(bare);
  if (!match) return undefined;
  const [, host, portText] = match;
  const port = portText === undefined ? defaultPort : Number(portText);
  if (!(port >= 1 && port <= 65535)) return undefined;
  if (!IPV4.test(host) && !(HOSTNAME.test(host) && !/^[\d.]+$/.test(host))) return undefined;
  return { host: host.toLowerCase(), port };
}
