import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { checkFleetSynthesis, synthesizeFleet } from '../../../src/k8s/fleet/synthesize-fleet';
import { clusterManifests } from '../../../src/cli/cluster-manifests';
import { parseFleet } from '../../../src/model';
import { repoPath } from '../../support/repo-root';
import { validationErrorOf } from '../../support/thrown';

/** dev (hub delivery, every value in the file: synth-able) with these TLS settings. */
function devWith(tls: Record<string, unknown>) {
  const fleet = parse(readFileSync(repoPath('Pulumi.dev.yaml'), 'utf8')).config['qcbm:fleet'];
  return parseFleet({ ...fleet, app: { ...fleet.app, tls } });
}
const idIn = (objs: any[]) =>
  Buffer.from(
    objs.find((o) => o.kind === 'Secret' && o.metadata.name === 'qcbm-tls').data.qcloud_cert_id,
    'base64',
  ).toString();

describe('TLS through fleet synthesis', () => {
  test('an existing certificate: the Secret is in the hub templates, fed to every cluster, and each runs it', () => {
    const out = synthesizeFleet(devWith({ certificate: 'existing', certificateId: 'Kx7pQ2mZ' }));
    expect(idIn(out.hubApp)).toBe('Kx7pQ2mZ');
    const subscription = out.hubDistribution.find((o) => o.kind === 'Subscription') as any;
    expect(subscription.spec.feeds).toContainEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      name: 'qcbm-tls',
      namespace: 'qcbm',
    });
    expect(Object.keys(out.clusters)).toHaveLength(2);
    for (const objs of Object.values(out.clusters)) {
      expect(idIn(objs)).toBe('Kx7pQ2mZ');
      const ingress = objs.find((o) => o.kind === 'Ingress') as any;
      expect(ingress.spec.tls[0].secretName).toBe('qcbm-tls');
    }
  });

  test('a certificate the stack creates: synth fails naming the field until pulumi up passes the id', () => {
    const fleet = devWith({ certificate: 'uploaded' });
    const error = validationErrorOf(() => synthesizeFleet(fleet));
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'fleet.app.tls.certificate',
        message: expect.stringMatching(/is "uploaded": the certificate is created during `pulumi up`/),
      }),
    ]);
    const given = synthesizeFleet(fleet, { tlsCertificateId: 'Created01' });
    expect(idIn(given.hubApp)).toBe('Created01');
  });

  test('render, diff and the delivery check use the placeholder id and say every cluster has placeholders', () => {
    const fleet = devWith({ certificate: 'uploaded' });
    expect(() => checkFleetSynthesis(fleet)).not.toThrow();
    const rendered = clusterManifests(fleet);
    expect(rendered.placeholders).toEqual(fleet.clusters.map((c) => c.name));
    for (const objs of Object.values(rendered.clusters)) expect(idIn(objs)).toBe('00000000');
    // Without TLS, dev has no placeholder at all.
    const plain = parseFleet(parse(readFileSync(repoPath('Pulumi.dev.yaml'), 'utf8')).config['qcbm:fleet']);
    expect(clusterManifests(plain).placeholders).toEqual([]);
  });
});
