/** Input formats checked at the boundary, each with the wording errors use to say what would be right. */

export interface Format {
  readonly test: (value: string) => boolean;
  readonly rule: string;
  readonly fix: string;
}

function pattern(re: RegExp, maxLength: number, rule: string, fix: string): Format {
  return { test: (v) => v.length <= maxLength && re.test(v), rule, fix };
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

export const DNS1123_LABEL = pattern(
  new RegExp(`^${LABEL}$`),
  63,
  'must be a DNS-1123 label: at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit',
  'use a name like "guangzhou-01"',
);

export const DNS1123_SUBDOMAIN = pattern(
  new RegExp(`^${LABEL}(\\.${LABEL})*$`),
  253,
  'must be a DNS-1123 subdomain: lowercase dot-separated labels of letters, digits and "-", at most 253 characters',
  'use a name like "qcbm-env" or "qcbm.example.com"',
);

/** What the API server requires of a Service's name: a DNS-1123 label that starts with a letter. */
export const DNS1035_LABEL = pattern(
  /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  63,
  'must be a DNS-1035 label: at most 63 lowercase letters, digits or "-", starting with a letter and ending with a letter or digit',
  'use a name like "api-gateway"',
);

/** A named port (IANA service name): at most 15 lowercase letters, digits and single "-", with a letter. */
export const PORT_NAME = {
  test: (v: string) =>
    v.length <= 15 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) && !v.includes('--') && /[a-z]/.test(v),
  rule: 'must be a port name: at most 15 lowercase letters, digits or single "-", with at least one letter, starting and ending with a letter or digit',
  fix: 'use a name like "http" or "grpc-web"',
} satisfies Format;

/** A key of a ConfigMap's or Secret's data. */
export const CONFIG_KEY = {
  test: (v: string) => v.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(v) && v !== '.' && !v.startsWith('..'),
  rule: 'must be a data key: at most 253 letters, digits, "-", "_" or ".", not "." and not starting with ".."',
  fix: 'use a file-like name such as "application.yaml"',
} satisfies Format;

export const UUID = pattern(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  36,
  'must be the lowercase UUID Clusternet gave the cluster at registration',
  'copy it from the ManagedCluster label clusters.clusternet.io/cluster-id',
);

export const HUB_NAMESPACE = pattern(
  new RegExp(`^${LABEL}$`),
  63,
  "must be the cluster's dedicated namespace on the hub, a DNS-1123 label such as clusternet-bbg66",
  'read it with `kubectl get ns -l clusters.clusternet.io/cluster-id=<id>` on the hub, or leave it out',
);

export const REGION = pattern(
  /^[a-z]{2}-[a-z]+(-[a-z0-9]+)*$/,
  40,
  'must be a Tencent Cloud region id',
  'use an id like "ap-guangzhou", "ap-shanghai" or "na-siliconvalley"',
);

export const SUBNET_ID = pattern(
  /^subnet-[a-z0-9]{8}$/,
  15,
  'must be a VPC subnet id',
  'use the id shown in the VPC console, like "subnet-8x3k2m1p"',
);

const IPV4 =
  /^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$/;
const HOSTNAME = new RegExp(`^${LABEL}(\\.${LABEL})*$`);

export const HOST = {
  test: (v: string) => v.length <= 253 && (IPV4.test(v) || (HOSTNAME.test(v) && !/^[0-9.]+$/.test(v))),
  rule: 'must be an IPv4 address or a lowercase DNS host name',
  fix: 'use an address like "10.0.1.12" or "cdb-abc.sql.tencentcdb.com" (no scheme, no port)',
} satisfies Format;

export const IMAGE_TAG = {
  test: (v: string) => /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(v) && v !== 'latest',
  rule: 'must be a pinned image tag (letters, digits, "_", "." or "-", at most 128, not "latest")',
  fix: 'use a released tag such as "1.1.4" or a commit tag such as "fdd3edd"',
} satisfies Format;

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export const LABEL_KEY = {
  test: (v: string) => {
    const slash = v.lastIndexOf('/');
    const name = slash < 0 ? v : v.slice(slash + 1);
    const prefix = slash < 0 ? undefined : v.slice(0, slash);
    const prefixOk = prefix === undefined || DNS1123_SUBDOMAIN.test(prefix);
    return prefixOk && name.length <= 63 && LABEL_NAME.test(name);
  },
  rule: 'must be a Kubernetes label or annotation key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters',
  fix: 'use a key like "region" or "example.com/tier"',
} satisfies Format;

export const LABEL_VALUE = {
  test: (v: string) => v === '' || (v.length <= 63 && LABEL_NAME.test(v)),
  rule: 'must be a Kubernetes label value: at most 63 letters, digits, "-", "_" or ".", starting and ending alphanumeric',
  fix: 'shorten it or replace other characters with "-"',
} satisfies Format;

export const CPU_QUANTITY = {
  test: (v: string) => /^([0-9]+m|[0-9]+(\.[0-9]+)?)$/.test(v),
  rule: 'must be a CPU quantity',
  fix: 'use millicores like "250m" or cores like "1" or "0.5"',
} satisfies Format;

export const MEMORY_QUANTITY = {
  test: (v: string) => /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(v),
  rule: 'must be a memory quantity',
  fix: 'use a size like "512Mi" or "2Gi"',
} satisfies Format;

export const SECRETS_REVISION = pattern(
  /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  63,
  'must be a revision of 1 to 63 letters, digits, ".", "_" or "-", starting with a letter or digit',
  'bump it each time the Secret changes, e.g. from 1 to 2 or to a date like 2026-11-24',
);
