import { readdirSync } from 'fs';
import { join } from 'path';
import type { SynthesizedFleet } from '../../src/k8s/fleet/synthesize-fleet';
import { synthesizeFleet } from '../../src/k8s/fleet/synthesize-fleet';
import type { QcbmSecrets } from '../../src/k8s/qcbm/qcbm-secrets';
import { type Fleet, loadFleetFromStackFile } from '../../src/model';
import { REPO_ROOT } from './repo-root';

/** Every environment shipped in the repository (`Pulumi.<stack>.yaml`), found on disk so a new one is covered. */
export function exampleStackFiles(): string[] {
  return readdirSync(REPO_ROOT)
    .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
    .sort()
    .map((f) => join(REPO_ROOT, f));
}

/**
 * Synthesizes a fleet as the Pulumi program would: endpoints and subnets that the stack creates (absent from the
 * file: data stores, the APM collector) get stand-in values, one distinct set per cluster (an in-cluster Nacos keeps
 * its Service), and a certificate the stack creates a stand-in id.
 */
export function synthesizeExample(fleet: Fleet, secrets?: QcbmSecrets): SynthesizedFleet {
  const created = (i: number) => ({
    mysql: { host: `10.200.${i}.10`, port: 3306 },
    redis: { host: `10.200.${i}.20`, port: 6379 },
    skywalking: { host: 'apm-collector.example.com', port: 11800 },
    nacos: { host: `10.200.${i}.30`, port: 8848 },
  });
  return synthesizeFleet(fleet, {
    runtime: Object.fromEntries(
      fleet.clusters.map((c, i) => [
        c.name,
        {
          endpoints: { ...created(i), ...c.endpoints },
          gatewaySubnetId: c.gatewaySubnetId ?? `subnet-created${i}`,
        },
      ]),
    ),
    secrets,
    tlsCertificateId: fleet.app.tls ? 'Created01' : undefined,
  });
}

export function loadExample(file: string): Fleet {
  return loadFleetFromStackFile(file);
}
