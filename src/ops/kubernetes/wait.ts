import { sleep } from '../failover/poll';

/** How a wait on a cluster reads it. */
export interface KubernetesWaitOptions {
  /** How often to read, in ms. @default - each wait's own */
  readonly intervalMs?: number;
  /** How long to wait before failing, in ms. @default - each wait's own */
  readonly timeoutMs?: number;
  /** Stops the wait early: it then throws, naming what it waited for. @default none */
  readonly signal?: AbortSignal;
  /** The clock the times observed and the timeout are read on, in ms. @default Date.now */
  readonly now?: () => number;
}

/** Why a wait ended without what it waited for. */
export type WaitEnd = 'timeout' | 'aborted';

/**
 * Calls `check` at once, then every `intervalMs`, until it returns something, which it resolves with.
 * @throws what `ended` returns once `timeoutMs` has passed (after one last check) or the signal aborted
 */
export async function pollUntil<T>(
  options: KubernetesWaitOptions & { readonly intervalMs: number; readonly timeoutMs: number },
  check: () => Promise<T | undefined>,
  ended: (why: WaitEnd) => Promise<Error> | Error,
): Promise<T> {
  const now = options.now ?? Date.now;
  const { signal } = options;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    if (signal?.aborted) throw await ended('aborted');
    const found = await check();
    if (found !== undefined) return found;
    if (now() >= deadline) throw await ended('timeout');
    await sleep(Math.min(options.intervalMs, Math.max(0, deadline - now())), signal);
  }
}
