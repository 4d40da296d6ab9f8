import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { parse } from 'yaml';
import { ValidationError } from '../model/validation-error';

/** What the offline plan needs of `Pulumi.yaml`: the project's name and the program `pulumi up` runs. */
export interface PulumiProject {
  readonly name: string;
  /** The absolute path of the program (`main`, default the project directory itself). */
  readonly program: string;
}

/** Reads `Pulumi.yaml` in `projectDir`, as the Pulumi CLI does, to run the same program. */
export function readPulumiProject(projectDir: string): PulumiProject {
  const file = join(projectDir, 'Pulumi.yaml');
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ValidationError(file, [
      {
        path: 'file',
        message: `cannot be read as a Pulumi project (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        fix: 'run the plan in the directory of the Pulumi project, or name it with the project directory option',
      },
    ]);
  }
  const project = (doc ?? {}) as { name?: unknown; main?: unknown };
  if (typeof project.name !== 'string') {
    throw new ValidationError(file, [
      { path: 'name', message: 'is required', fix: 'name the Pulumi project' },
    ]);
  }
  const main = typeof project.main === 'string' ? project.main : '.';
  return { name: project.name, program: resolve(projectDir, main) };
}
