import { readFileSync } from 'fs';
import { parseStackOutputs, type PrintedStackOutputs } from '../model/stack-outputs';
import { UserError } from '../model/user-error';

/** The command that writes the file `--outputs` reads. */
const WRITE_OUTPUTS = 'pulumi stack output --json --show-secrets > outputs.json';

/**
 * Reads the stack outputs a command was given (`pulumi stack output --json [--show-secrets]`, the outputs of
 * `QcbmEnvironment`), checked against the one shape a stack exports (src/model/stack-outputs.ts).
 * @throws UserError for a file that cannot be read or is not JSON; ValidationError for outputs of another version
 * or shape
 */
export function readStackOutputs(path: string): PrintedStackOutputs {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(
      `--outputs ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      `write it with: ${WRITE_OUTPUTS}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(
      `--outputs ${path} is not JSON: ${(e as Error).message}`,
      `write it with: ${WRITE_OUTPUTS}`,
    );
  }
  return parseStackOutputs(json, `--outputs ${path}`, WRITE_OUTPUTS);
}
