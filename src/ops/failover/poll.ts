/** Resolves after `ms`, or as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A deadline `timeoutMs` from now. */
export function deadlineIn(timeoutMs: number): {
  readonly passed: () => boolean;
  readonly remainingMs: () => number;
} {
  const end = Date.now() + timeoutMs;
  return { passed: () => Date.now() >= end, remainingMs: () => Math.max(0, end - Date.now()) };
}

/** `15 min`, `90 s`, `250 ms`. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
