import { kubernetesSchemaErrors } from './kubernetes-schema';

const deployment = (replicas: unknown) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { spec: { containers: [{ name: 'web', image: 'web:1' }] } },
  },
});

describe('kubernetesSchemaErrors', () => {
  test('a valid Deployment passes', () => {
    expect(kubernetesSchemaErrors([deployment(2)])).toEqual([]);
  });

  test('a wrong type fails with the object named', () => {
    expect(kubernetesSchemaErrors([deployment('two')])).toEqual([
      expect.stringMatching(/^apps\/v1 Deployment shop\/web: .*replicas must be integer/),
    ]);
  });

  test('an unknown kind is reported, Clusternet kinds are left to the CRD suite', () => {
    expect(
      kubernetesSchemaErrors([
        { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
        { apiVersion: 'apps.clusternet.io/v1alpha1', kind: 'Subscription', metadata: { name: 's' } },
      ]),
    ).toEqual(['no schema for example.com/v1 Widget']);
  });
});
