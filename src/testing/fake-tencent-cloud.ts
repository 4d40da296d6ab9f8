import { createHash, X509Certificate } from 'crypto';
import type * as pulumi from '@pulumi/pulumi';
import { parseCidr } from '../model/cidr';
import { RANDOM_TYPES, TENCENTCLOUD_INVOKES, TENCENTCLOUD_TYPES as T } from '../cloud/type-tokens';
import { isSecretEnvelope } from './redact';

/** One resource the program registered, as the engine would receive it. */
export interface RegisteredResource {
  /** The type token, e.g. `TENCENTCLOUD_TYPES.vpc`; an explicit provider's is `TENCENTCLOUD_PROVIDER_TYPE` or the like. */
  readonly type: string;
  /** The logical name. */
  readonly name: string;
  /** false for component resources. */
  readonly custom: boolean;
  /** The logical name of the explicit provider, when one is set. */
  readonly provider?: string;
  /** The inputs, resolved; secret inputs keep Pulumi's secret envelope. */
  readonly inputs: Record<string, unknown>;
  /** The id of an existing resource adopted (Pulumi's `import` option). */
  readonly importId?: string;
}

/**
 * Pulumi mocks standing in for Tencent Cloud, Kubernetes and random: records every registration and answers
 * with deterministic, plausible outputs (ids in Tencent's formats, VIPs and database addresses inside the
 * subnets the program created), so the whole program runs offline with no credentials, CLI or plugins.
 */
export class FakeTencentCloud implements pulumi.runtime.Mocks {
  /** Registrations in the order the program made them. */
  public readonly resources: RegisteredResource[] = [];
  /** Data-source calls (invokes) in the order the program made them, with their inputs. */
  public readonly calls: { readonly token: string; readonly inputs: Record<string, unknown> }[] = [];
  private readonly subnetCidrs = new Map<string, string>();
  private readonly vpcCidrs = new Map<string, string>();

  public newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    const inputs = (args.inputs ?? {}) as Record<string, unknown>;
    this.resources.push({
      type: args.type,
      name: args.name,
      custom: args.custom ?? true,
      ...(args.provider ? { provider: providerName(args.provider) } : {}),
      inputs,
      ...(args.id ? { importId: args.id } : {}),
    });
    const fake = this.fakeOutputs(args.type, args.name, inputs, args.id || undefined);
    // An adopted resource keeps its id, as the provider's import reads it.
    const id = args.id || fake.id;
    const outputs = fake.outputs;
    return { id: args.custom === false ? undefined : id, state: { ...inputs, ...outputs } };
  }

  public call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    const inputs = (args.inputs ?? {}) as Record<string, unknown>;
    this.calls.push({ token: args.token, inputs });
    if (args.token === TENCENTCLOUD_INVOKES.igtmInstancePackageList) return fakePackageList(inputs);
    if (args.token === TENCENTCLOUD_INVOKES.dnspodDomainList) return fakeDomainList(inputs);
    if (args.token === TENCENTCLOUD_INVOKES.tseAccessAddress) {
      // The format TSE's console shows: the intranet address with its port.
      const address = `${this.addressIn(inputs.subnetId, String(inputs.instanceId))}:8848`;
      return { ...inputs, id: String(inputs.instanceId), intranetAddress: address, internetAddress: '' };
    }
    return args.inputs;
  }

  /** The registrations of one type token. */
  public ofType(type: string): RegisteredResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The one registration with this type and name. */
  public find(type: string, name: string): RegisteredResource {
    const found = this.resources.find((r) => r.type === type && r.name === name);
    if (!found) {
      const names = this.ofType(type).map((r) => r.name);
      throw new Error(
        `no ${type} named "${name}" was registered (registered: ${names.join(', ') || 'none'})`,
      );
    }
    return found;
  }

  private fakeOutputs(type: string, name: string, inputs: Record<string, unknown>, importId?: string) {
    const id = (prefix: string) => `${prefix}-${digest(name, 8)}`;
    switch (type) {
      case T.vpc:
        if (typeof inputs.cidrBlock === 'string') this.vpcCidrs.set(id('vpc'), inputs.cidrBlock);
        return { id: id('vpc'), outputs: { defaultRouteTableId: id('rtb') } };
      case T.subnet: {
        const subnetId = id('subnet');
        if (typeof inputs.cidrBlock === 'string') this.subnetCidrs.set(subnetId, inputs.cidrBlock);
        return { id: subnetId, outputs: { availableIpCount: 250 } };
      }
      case T.securityGroup:
        return { id: id('sg'), outputs: {} };
      case T.tkeCluster:
        return { id: id('cls'), outputs: { domain: `${id('cls')}.ccs.tencent-cloud.com` } };
      case T.tkeNodePool:
        return {
          id: id('np'),
          outputs: { autoScalingGroupId: id('asg'), nodeCount: inputs.desiredCapacity },
        };
      case T.tkeClusterEndpoint:
        // As the provider: each kubeconfig is empty unless its endpoint is open.
        return {
          id: id('endpoint'),
          outputs: {
            kubeConfig: inputs.clusterInternet === true ? fakeKubeconfig(name, 'public') : '',
            kubeConfigIntranet: inputs.clusterIntranet === true ? fakeKubeconfig(name, 'intranet') : '',
          },
        };
      case T.clbInstance: {
        const vip =
          inputs.networkType === 'INTERNAL'
            ? this.addressIn(inputs.subnetId, name)
            : `203.0.113.${1 + (parseInt(digest(name, 2), 16) % 250)}`;
        return { id: id('lb'), outputs: { clbVips: [vip], domain: '' } };
      }
      case T.mysqlInstance:
      case T.mysqlReadonlyInstance:
      case T.mysqlDrInstance: {
        // Its address follows the instance, so a promoted copy adopted as the primary keeps the one it had.
        const instanceId = importId ?? id('cdb');
        return {
          id: instanceId,
          outputs: {
            intranetIp: this.addressIn(inputs.subnetId, instanceId),
            intranetPort: 3306,
            internetHost: '',
          },
        };
      }
      case T.redisInstance:
        return {
          id: id('crs'),
          outputs: { ip: this.addressIn(inputs.subnetId, name), port: inputs.port ?? 6379 },
        };
      case T.dnspodDomainInstance:
        return {
          id: String(inputs.domain),
          outputs: {
            domainId: number(name),
            slaveDns: 'f1g1ns1.dnspod.net,f1g1ns2.dnspod.net',
            createTime: PLANNED_TIME,
          },
        };
      case T.sslCertificate:
        return { id: digest(name, 8), outputs: { subjectNames: subjectNamesOf(inputs.cert), status: 1 } };
      case T.sslFreeCertificate:
        return { id: digest(name, 8), outputs: { status: 1, certEndTime: PLANNED_TIME } };
      case T.dnspodRecord:
        return { id: `${String(inputs.domain)}#${number(name)}`, outputs: { monitorStatus: '' } };
      case T.privateDnsZone:
        return { id: id('zone'), outputs: {} };
      case T.privateDnsZoneVpcAttachment: {
        const vpc = (inputs.vpcSet ?? {}) as { region?: unknown; uniqVpcId?: unknown };
        return { id: [inputs.zoneId, vpc.region, vpc.uniqVpcId].join('#'), outputs: {} };
      }
      case T.privateDnsRecord:
        return { id: `${String(inputs.zoneId)}#${number(name)}`, outputs: {} };
      case T.igtmInstance:
        return { id: id('gtm'), outputs: { instanceId: id('gtm') } };
      case T.igtmMonitor:
        return { id: String(number(name)), outputs: { monitorId: number(name) } };
      case T.igtmAddressPool:
        return { id: String(number(name)), outputs: { poolId: number(name) } };
      case T.igtmStrategy:
        return {
          id: `${String(inputs.instanceId)}#${number(name)}`,
          outputs: { strategyId: number(name) },
        };
      case T.ccnInstance:
        return {
          id: id('ccn'),
          outputs: { state: 'AVAILABLE', instanceCount: 0, createTime: PLANNED_TIME },
        };
      case T.ccnAttachmentV2: {
        const cidr = typeof inputs.instanceId === 'string' ? this.vpcCidrs.get(inputs.instanceId) : undefined;
        return {
          id: [inputs.ccnId, inputs.instanceType, inputs.instanceRegion, inputs.instanceId].join('#'),
          outputs: {
            state: 'ACTIVE',
            cidrBlocks: cidr ? [cidr] : [],
            routeIds: [],
            attachedTime: PLANNED_TIME,
          },
        };
      }
      case T.tseInstance:
        return { id: id('ins'), outputs: {} };
      case T.mysqlBackupPolicy:
      case T.mysqlRemoteBackupConfig:
        // As the provider: the policy's id is the instance's.
        return { id: String(inputs.mysqlId ?? inputs.instanceId), outputs: {} };
      case T.redisBackupConfig:
        return { id: String(inputs.redisId), outputs: {} };
      case T.redisReplicateAttachment:
        // As the provider: the attachment's id is the replication group's.
        return { id: String(inputs.groupId), outputs: {} };
      case T.apmInstance:
        // The provider does not document the collector address's form: a scheme and a port, as a URL would have.
        return {
          id: id('apm'),
          outputs: {
            publicCollectorUrl: `https://${id('apm')}.collector.planned.invalid:11800`,
            token: `planned-${digest(`${name}-token`, 12)}`,
          },
        };
      case T.eipInstance:
        return {
          id: id('eip'),
          outputs: { publicIp: `203.0.113.${1 + (parseInt(digest(name, 2), 16) % 250)}`, status: 'UNBIND' },
        };
      case T.natGateway:
        return { id: id('nat'), outputs: { createdTime: PLANNED_TIME } };
      case T.routeTable:
        return { id: id('rtb'), outputs: { isDefault: false, subnetIds: [], routeEntryIds: [] } };
      case T.routeTableEntry:
        return {
          id: `${String(inputs.routeTableId)}.${number(name)}`,
          outputs: { routeItemId: `rti-${digest(name, 8)}` },
        };
      case RANDOM_TYPES.password:
        return { id: id('password'), outputs: { result: `planned-${digest(name, 12)}`, bcryptHash: '' } };
      case RANDOM_TYPES.bytes: {
        const bytes = Buffer.from(`planned-${digest(name, 24)}`, 'utf8').subarray(
          0,
          Number(inputs.length ?? 32),
        );
        return { id: id('bytes'), outputs: { base64: bytes.toString('base64'), hex: bytes.toString('hex') } };
      }
      default:
        return { id: id('id'), outputs: {} };
    }
  }

  /** A stable address inside the subnet the program created, or a documentation address when unknown. */
  private addressIn(subnetId: unknown, name: string): string {
    const cidr = typeof subnetId === 'string' ? parseCidr(this.subnetCidrs.get(subnetId) ?? '') : undefined;
    if (!cidr) return `192.0.2.${1 + (parseInt(digest(name, 2), 16) % 250)}`;
    const size = cidr.end - cidr.start + 1;
    const offset = 2 + (parseInt(digest(name, 6), 16) % Math.max(1, size - 4));
    const n = cidr.start + offset;
    return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
  }
}

/** A provider reference (`<provider URN>::<id>`, the URN ending in `::<name>`) → the provider's logical name. */
function providerName(reference: string): string {
  const urn = reference.split('::').slice(0, -1).join('::');
  return urn.split('::').pop() ?? reference;
}

/** A stable six-digit number, as IGTM's monitor, pool and strategy ids are. */
function number(name: string): number {
  return 100000 + (parseInt(digest(name, 8), 16) % 900000);
}

const PLANNED_TIME = '2026-01-01 00:00:00';

/**
 * One package, as Tencent's sample DescribeInstancePackageList answers for a STANDARD package (a check every
 * 60 s at best, TTL 60 s at least), with the resource id and type the filters ask for.
 */
function fakePackageList(inputs: Record<string, unknown>): Record<string, unknown> {
  const filters = Array.isArray(inputs.filters)
    ? (inputs.filters as { name?: unknown; values?: unknown }[])
    : [];
  const asked = (field: string) => {
    const values = filters.find((f) => f.name === field)?.values;
    return Array.isArray(values) && typeof values[0] === 'string' ? values[0] : undefined;
  };
  return {
    ...inputs,
    id: 'igtm-instance-package-list',
    instanceSets: [
      {
        resourceId: asked('ResourceId') ?? 'gtm-pkg-planned',
        instanceId: asked('InstanceId') ?? '',
        instanceName: asked('InstanceName') ?? '',
        packageType: asked('PackageType') ?? 'STANDARD',
        minCheckInterval: 60,
        minGlobalTtl: 60,
        status: 'ENABLED',
        isExpire: 0,
        autoRenewFlag: 1,
        createTime: PLANNED_TIME,
        currentDeadline: '2027-01-01 00:00:00',
        remark: '',
        scheduleStrategies: ['LOCATION'],
        trafficStrategies: ['WEIGHT', 'ALL'],
        costItemLists: [],
      },
    ],
  };
}

/**
 * The account's DNSPod holds every zone a plan looks up (the stack file declares them existing); a test that needs
 * an absent zone answers the invoke itself.
 */
function fakeDomainList(inputs: Record<string, unknown>): Record<string, unknown> {
  const name = typeof inputs.keyword === 'string' ? inputs.keyword : 'qcbm.com';
  return {
    ...inputs,
    id: 'dnspod-domain-list',
    domainLists: [
      {
        name,
        domainId: number(name),
        status: 'ENABLE',
        dnsStatus: '',
        grade: 'DP_FREE',
        effectiveDns: ['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'],
      },
    ],
  };
}

/** The names an uploaded certificate covers, as the SSL service reads them; none where it is not a PEM certificate. */
function subjectNamesOf(cert: unknown): string[] {
  const pem = isSecretEnvelope(cert) ? cert.value : cert;
  if (typeof pem !== 'string') return [];
  try {
    const x509 = new X509Certificate(pem);
    const alt = (x509.subjectAltName ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.startsWith('DNS:'))
      .map((s) => s.slice(4));
    return alt.length > 0 ? alt : [/CN=([^\n,]+)/.exec(x509.subject)?.[1] ?? ''].filter(Boolean);
  } catch {
    return [];
  }
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function fakeKubeconfig(name: string, endpoint: 'public' | 'intranet'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{name: ${name}, cluster: {server: "https://${name}.${endpoint}.planned.invalid"}}]`,
    `users: [{name: planned, user: {token: planned}}]`,
    `contexts: [{name: ${name}, context: {cluster: ${name}, user: planned}}]`,
    `current-context: ${name}`,
  ].join('\n');
}
