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

/** What the README's install section (under Use 2) tells a user: its shell commands and its table of peer ranges. */
export function readmeInstall(): {
  readonly commands: string;
  readonly peerRanges: Readonly<Record<string, string>>;
} {
  const section = /\n### Install\n([^]*?)\n#{2,3} /.exec(readFileSync(README, 'utf8'))?.[1];
  if (!section) throw new Error('README.md has no "### Install" section');
  const commands = /```sh\n([^]*?)```/.exec(section)?.[1];
  if (!commands) throw new Error("the README's install section has no ```sh block");
  const rows = [...section.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|/gm)].map((m) => [m[1], m[2]] as const);
  return { commands, peerRanges: Object.fromEntries(rows) };
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
  // `export =` assigns module.exports; named exports fill exports.
  const module: { exports: Record<string, unknown> } = { exports: {} };
  const load = (name: string) => {
    if (!(name in modules)) throw new Error(`the README block imports ${name}, which the test does not map`);
    return modules[name];
  };
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    new Function('require', 'module', 'exports', outputText)(load, module, module.exports);
  } finally {
    process.chdir(cwd);
  }
  return module.exports;
}
