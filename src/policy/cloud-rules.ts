import { TENCENTCLOUD_TYPES as T } from '../cloud/tencentcloud/type-tokens';

/**
 * Cloud hardening rules over Tencent Cloud resource inputs, as plain functions: the policy pack in policy/
 * runs them under `pulumi up --policy-pack`, and tests and the offline plan call them directly.
 */
export interface CloudResource {
  /** The Pulumi type token, e.g. `TENCENTCLOUD_TYPES.mysqlInstance`. */
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
}

export interface CloudViolation {
  readonly rule: string;
  readonly resource: string;
  readonly message: string;
}

/** Ports of the data services that must never be open to the internet (Nacos: HTTP 8848 and its clients' gRPC 9848). */
export const DATA_PORTS = [3306, 6379, 8848, 9848] as const;

export const CLOUD_RULES = [
  {
    id: 'no-public-database',
    description: 'MySQL instances (primary, read-only, DR) have public access off.',
  },
  {
    id: 'no-world-open-data-ports',
    description: 'No security group rule accepts 0.0.0.0/0 or ::/0 on 3306, 6379, 8848 or 9848.',
  },
  {
    id: 'no-open-kubernetes-api',
    description:
      'A public TKE API endpoint (clusterInternet) names the security group that limits who reaches it (clusterInternetSecurityGroup).',
  },
] as const;

const MYSQL_TYPES = new Set<string>([T.mysqlInstance, T.mysqlReadonlyInstance, T.mysqlDrInstance]);
const RULE_SET = T.securityGroupRuleSet;
/** Resources that can open a TKE cluster's API server to the internet. */
const API_ENDPOINT_TYPES = new Set<string>([T.tkeClusterEndpoint, T.tkeCluster]);

/** The fields of a security group rule the rules read (inputs are not validated here). */
interface SecurityRuleShape {
  readonly action?: string;
  readonly protocol?: string;
  readonly port?: string;
  readonly cidrBlock?: string;
  readonly ipv6CidrBlock?: string;
}

export function checkCloudResource(resource: CloudResource): CloudViolation[] {
  const out: CloudViolation[] = [];
  const label = `${resource.type} ${resource.name}`;
  if (MYSQL_TYPES.has(resource.type) && Number(resource.props.internetService ?? 0) !== 0) {
    out.push({
      rule: 'no-public-database',
      resource: label,
      message: 'internetService is on: the database is reachable from the internet; set it to 0',
    });
  }
  if (
    API_ENDPOINT_TYPES.has(resource.type) &&
    resource.props.clusterInternet === true &&
    !isGiven(resource.props, 'clusterInternetSecurityGroup')
  ) {
    out.push({
      rule: 'no-open-kubernetes-api',
      resource: label,
      message:
        'clusterInternet is on without clusterInternetSecurityGroup: the Kubernetes API would be open to the internet (managedClusterInternetSecurityPolicies is deprecated and not read); name a security group that accepts 443 only from your networks, or use the intranet endpoint',
    });
  }
  if (resource.type === RULE_SET) {
    const ingresses = (resource.props.ingresses ?? []) as readonly SecurityRuleShape[];
    ingresses.forEach((rule, i) => {
      const world = rule.cidrBlock === '0.0.0.0/0' || rule.ipv6CidrBlock === '::/0';
      const exposed = DATA_PORTS.filter((p) => portMatches(String(rule.port ?? 'all'), p));
      if (rule.action === 'ACCEPT' && world && exposed.length > 0 && rule.protocol !== 'ICMP') {
        out.push({
          rule: 'no-world-open-data-ports',
          resource: label,
          message: `ingresses[${i}] accepts the whole internet on port ${exposed.join(', ')}; allow the node subnet or a security group instead`,
        });
      }
    });
  }
  return out;
}

/** Whether an input is given. */
function isGiven(props: Record<string, unknown>, key: string): boolean {
  if (!(key in props)) return false;
  try {
    const value = props[key];
    return value !== undefined && value !== null && value !== '';
  } catch {
    // The policy pack's props throw on a value unknown during preview, such as the id of a group created in the
    // same update: it will be given.
    return true;
  }
}

/** Tencent port syntax: `80`, `80,90`, `80-90`, `all`. */
export function portMatches(spec: string, port: number): boolean {
  if (spec.toLowerCase() === 'all') return true;
  return spec.split(',').some((part) => {
    const [from, to] = part.split('-').map((s) => Number(s.trim()));
    return to === undefined ? from === port : from <= port && port <= to;
  });
}
