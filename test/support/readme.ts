import { readFileSync } from 'fs';
import * as ts from 'typescript';
import { REPO_ROOT, repoPath } from './repo-root';

const README = repoPath('README.md');

/** The README's TypeScript block whose first line is `// <marker>`: what the README shows is what is tested. */
export function readmeBlock(marker: string): string {
  const readme = readFileSync(README, 'utf8');
  const block = [...readme.matchAll(/```ts\n([^]*?)```/g)]
    .map((m) => m[1])
    .find((b) => b.startsWith(`// ${marker}`));
  if (!block) throw new Error(`README.md has no \`\`\`ts block starting with "// ${marker}"`);
  return block;
}

/**
 * Runs a README block in this process, its `@qcbm/fleet/...` imports mapped to the given modules, and returns its
 * exports. Relative paths it reads are resolved from the repository root.
 */
export function runReadmeBlock(marker: string, modules: Record<string, unknown>): Record<string, unknown> {
  const { outputText } = ts.transpileModule(readmeBlock(marker), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const exports: Record<string, unknown> = {};
  const load = (name: string) => {
    if (!(name in modules)) throw new Error(`the README block imports ${name}, which the test does not map`);
    return modules[name];
  };
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    new Function('require', 'exports', outputText)(load, exports);
  } finally {
    process.chdir(cwd);
  }
  return exports;
}
