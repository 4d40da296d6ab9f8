import Module from 'module';
import { sep } from 'path';

type LoadFunction = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;

const DEFERRED = Symbol.for('qcbm.deferClosureDependencies');
const sdkFile = (...parts: string[]) => sep + ['@pulumi', 'pulumi', ...parts].join(sep);

/**
 * What the Pulumi SDK requires as it loads but uses only to serialize functions into resources (callbacks of
 * Lambda-style resources, which plain programs never create): the TypeScript compiler, through the SDK's shim,
 * and npm's Arborist, through the code-path walker. Together they were about 40 % of an offline plan's start-up.
 */
export const CLOSURE_DEPENDENCIES: readonly { readonly request: string; readonly from: string }[] = [
  { request: 'typescript', from: sdkFile('typescript-shim.js') },
  { request: '@npmcli/arborist', from: sdkFile('runtime', 'closure', 'codePaths.js') },
];

/**
 * Makes those requires return a stand-in that loads the real module on first use, so a program that serializes
 * functions still gets it and one that does not never pays for it. The stand-in answers as an ES module whose
 * `default` is the module (what TypeScript's `__importStar` would have made of it) without loading it. A request
 * that does not resolve is left to fail as before, so the SDK's fallbacks still run. Call it before
 * `@pulumi/pulumi` is loaded; calling it again does nothing.
 */
export function deferClosureDependencies(): void {
  const loader = Module as unknown as { _load: LoadFunction; [DEFERRED]?: true };
  if (loader[DEFERRED]) return;
  const load = loader._load;
  loader._load = function (this: unknown, request, parent, isMain) {
    const from = parent?.filename;
    const deferred = from && CLOSURE_DEPENDENCIES.some((d) => d.request === request && from.endsWith(d.from));
    if (!deferred || !resolvesFrom(request, from)) return load.call(this, request, parent, isMain);
    return standIn(() => load.call(this, request, parent, isMain) as object);
  };
  loader[DEFERRED] = true;
}

function resolvesFrom(request: string, from: string): boolean {
  try {
    Module.createRequire(from).resolve(request);
    return true;
  } catch {
    return false;
  }
}

function standIn(loadReal: () => object): object {
  let real: object | undefined;
  const target = () => (real ??= loadReal());
  const get = (key: string | symbol) => {
    if (key === '__esModule') return true;
    if (key === 'default') return Reflect.get(target(), 'default') ?? target();
    return Reflect.get(target(), key);
  };
  return new Proxy(
    {},
    {
      get: (_, key) => get(key),
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}
