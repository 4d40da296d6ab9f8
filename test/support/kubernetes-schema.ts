/**
 * Validates Kubernetes objects against the Kubernetes OpenAPI schemas shipped by the `kubernetes-models`
 * package. Clusternet kinds are left to the CRD conformance suite; any other kind without a model is an error.
 */
export function kubernetesSchemaErrors(objects: readonly any[]): string[] {
  const errors: string[] = [];
  for (const o of objects) {
    if (String(o?.apiVersion).startsWith('apps.clusternet.io/')) continue;
    const label = `${o?.apiVersion} ${o?.kind} ${o?.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o?.metadata?.name}`;
    const Model = modelFor(o?.apiVersion, o?.kind);
    if (!Model) {
      errors.push(`no schema for ${o?.apiVersion} ${o?.kind}`);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (e) {
      errors.push(`${label}: ${(e as Error).message}`);
    }
  }
  return errors;
}

function modelFor(apiVersion: string, kind: string): (new (o: unknown) => { validate(): void }) | undefined {
  const path = apiVersion.includes('/') ? apiVersion : `v1`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`kubernetes-models/${path}/${kind}`)[kind];
  } catch {
    return undefined;
  }
}
