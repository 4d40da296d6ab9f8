import type { Construct } from 'constructs';

/** A PascalCase construct id from name parts, e.g. ("guangzhou-02", "qcbm-config-override") -> "Guangzhou02QcbmConfigOverride", made unique under `scope`. */
export function uniqueChildId(scope: Construct, ...parts: string[]): string {
  return uniqueChildIdAmong(scope, new Set(), ...parts);
}

/** `uniqueChildId`, unique also among `taken`: the ids of children that were not created but count as there. */
export function uniqueChildIdAmong(scope: Construct, taken: ReadonlySet<string>, ...parts: string[]): string {
  const base = parts.map(pascalCase).join('');
  let id = base;
  for (let n = 2; taken.has(id) || scope.node.tryFindChild(id); n++) id = `${base}${n}`;
  return id;
}

/** `guangzhou-02` -> `Guangzhou02`; kept, since a fleet names each cluster and object many times. */
function pascalCase(part: string): string {
  let word = pascalWords.get(part);
  if (word === undefined) {
    if (pascalWords.size >= MAX_KEPT_WORDS) pascalWords.clear();
    word = part
      .split(/[^A-Za-z0-9]+/)
      .filter((w) => w.length > 0)
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('');
    pascalWords.set(part, word);
  }
  return word;
}

const MAX_KEPT_WORDS = 100_000;
const pascalWords = new Map<string, string>();
