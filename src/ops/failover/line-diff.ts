/** One line of a comparison of two texts: kept, removed from the first or added in the second. */
export interface LineChange {
  readonly kind: 'same' | 'removed' | 'added';
  /** 1-based: in the first text for `same` and `removed`, in the second for `added`. */
  readonly line: number;
  readonly text: string;
  /** For `same`: the line of the second text it matched. */
  readonly otherText?: string;
}

/**
 * The lines of `before` and `after` matched by a longest common subsequence, where `same(a, b)` says two lines
 * match (equality unless given). Stack files are a few hundred lines: the quadratic table is small.
 */
export function diffLines(
  before: string,
  after: string,
  same: (a: string, b: string) => boolean = (a, b) => a === b,
): LineChange[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = same(a[i], b[j])
        ? lengths[i + 1][j + 1] + 1
        : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const changes: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(a[i], b[j])) {
      changes.push({ kind: 'same', line: i + 1, text: a[i], otherText: b[j] });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lengths[i + 1][j] >= lengths[i][j + 1])) {
      // A line replaced reads as the old one removed, then the new one added.
      changes.push({ kind: 'removed', line: i + 1, text: a[i] });
      i++;
    } else {
      changes.push({ kind: 'added', line: j + 1, text: b[j] });
      j++;
    }
  }
  return changes;
}

/** The changed lines only, as `  12 - text` / `  12 + text` (the line in the old file, or in the new one). */
export function formatChangedLines(before: string, after: string): string[] {
  const width = String(Math.max(before.split('\n').length, after.split('\n').length)).length;
  return diffLines(before, after)
    .filter((c) => c.kind !== 'same')
    .map((c) => `${String(c.line).padStart(width)} ${c.kind === 'added' ? '+' : '-'} ${c.text}`);
}
