import { isSecretEnvelope } from '../../src/testing/redact';
import { TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

/** One resource a stack's offline plan registered, with its raw inputs. */
export interface Registration {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** The region of its explicit provider. */
  readonly region?: string;
  readonly inputs: Record<string, unknown>;
}

const T = {
  redis: TENCENTCLOUD_TYPES.redisInstance,
  endpoint: TENCENTCLOUD_TYPES.tkeClusterEndpoint,
  cluster: TENCENTCLOUD_TYPES.tkeCluster,
  clb: TENCENTCLOUD_TYPES.clbInstance,
  pool: TENCENTCLOUD_TYPES.tkeNodePool,
} as const;

/**
 * What the provider enforces only when it creates a resource, written in the schema's descriptions (and the
 * provider's create code) rather than its types. Every stack is assumed to share one account, as staging and
 * prod may.
 */
export function createTimeProblems(registrations: readonly Registration[]): string[] {
  const problems: string[] = [];
  const where = (r: Registration) => `${r.stack}: ${r.type} ${r.name}`;
  const given = (r: Registration, key: string) => {
    const v = plain(r.inputs[key]);
    return v !== undefined && v !== null && v !== '';
  };
  for (const r of registrations) {
    if (r.type === T.redis && given(r, 'typeId') === given(r, 'type')) {
      problems.push(
        `${where(r)}: give exactly one of typeId and the deprecated type ("set one item and only one item")`,
      );
    }
    if (r.type === T.redis && given(r, 'redisReplicasNum')) {
      const n = Number(plain(r.inputs.redisReplicasNum));
      if (!(n >= 1 && n <= 5)) problems.push(`${where(r)}: redisReplicasNum ${n} is outside 1..5`);
    }
    if ((r.type === T.endpoint || r.type === T.cluster) && plain(r.inputs.clusterInternet) === true) {
      if (!given(r, 'clusterInternetSecurityGroup')) {
        problems.push(
          `${where(r)}: clusterInternet is on without clusterInternetSecurityGroup ("must not be empty")`,
        );
      }
    }
    if ((r.type === T.endpoint || r.type === T.cluster) && given(r, 'clusterIntranetSubnetId')) {
      if (plain(r.inputs.clusterIntranet) !== true) {
        problems.push(`${where(r)}: clusterIntranetSubnetId is set only when clusterIntranet is true`);
      }
    }
    if (r.type === T.clb) {
      const name = String(plain(r.inputs.clbName));
      if (!/^[\p{Script=Han}A-Za-z0-9_-]{1,60}$/u.test(name)) {
        problems.push(`${where(r)}: clbName "${name}" is not 1-60 letters, digits, "-" or "_"`);
      }
      if (plain(r.inputs.networkType) === 'INTERNAL' && !given(r, 'subnetId')) {
        problems.push(`${where(r)}: an INTERNAL CLB needs subnetId`);
      }
    }
    if (r.type === T.pool && String(plain(r.inputs.name) ?? '').length > 25) {
      problems.push(`${where(r)}: node pool name "${plain(r.inputs.name)}" is longer than 25 characters`);
    }
  }
  const clbs = new Map<string, Registration>();
  for (const r of registrations.filter((x) => x.type === T.clb)) {
    const key = `${r.region}/${String(plain(r.inputs.clbName))}`;
    const first = clbs.get(key);
    if (first) {
      problems.push(
        `${where(r)}: clbName "${String(plain(r.inputs.clbName))}" in ${r.region} is also ${where(first)}; the provider refuses a second CLB with an existing name in a region`,
      );
    } else {
      clbs.set(key, r);
    }
  }
  return problems;
}

function plain(value: unknown): unknown {
  return isSecretEnvelope(value) ? plain(value.value) : value;
}
