import type { Construct } from 'constructs';

/** A PascalCase construct id from name parts, e.g. ("guangzhou-02", "qcbm-config-override") -> "Guangzhou02QcbmConfigOverride", made unique under `scope`. */
export function uniqueChildId(scope: Construct, ...parts: string[]): string {
  return uniqueChildIdAmong(scope, new Set(), ...parts);
}

/** `uniqueChildId`, unique also among `taken`: the ids of children that were not created but count as there. */
export function uniqueChildIdAmong(scope: Construct, taken: ReadonlySet<string>, ...parts: string[]): string {
  const base = parts
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/))
    .filter((w) => w.length > 0)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  let id = base;
  for (let n = 2; taken.has(id) || scope.node.tryFindChild(id); n++) id = `${base}${n}`;
  return id;
}
