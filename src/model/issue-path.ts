/** Renders a path as users read it: `fleet.clusters[1].endpoints.mysql.port`, `app.components["user-service"]`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const k = String(key);
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? `${acc}.${k}` : `${acc}[${JSON.stringify(k)}]`;
  }, root);
}
