import type { PrintedStackOutputs } from '../model/stack-outputs';
import { pair, pathOf, readText } from './flag-values';
import type { CliIo } from './io';

/**
 * The kubeconfigs (their text) by cluster name: the stack outputs' (`--show-secrets`), then each `--kubeconfig
 * NAME=PATH` over them.
 * @throws UserError naming `--kubeconfig` where an entry is not NAME=PATH or its file cannot be read
 */
export function kubeconfigsOf(
  entries: readonly string[] | undefined,
  outputs: PrintedStackOutputs | undefined,
  io: CliIo,
): Record<string, string> {
  return {
    ...outputs?.kubeconfigs,
    ...Object.fromEntries(
      (entries ?? []).map((entry) => {
        const [name, path] = pair(entry, '--kubeconfig', 'NAME=PATH');
        return [name, readText(pathOf(path, io), `--kubeconfig ${name}`)];
      }),
    ),
  };
}
