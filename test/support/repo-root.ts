import { join } from 'path';

/** The repository's root directory: the one home for paths the tests read from the checkout. */
export const REPO_ROOT = join(__dirname, '../..');

/** A path inside the repository, from its root: `repoPath('Pulumi.prod.yaml')`. */
export function repoPath(...segments: string[]): string {
  return join(REPO_ROOT, ...segments);
}
