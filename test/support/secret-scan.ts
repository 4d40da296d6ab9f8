import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

export interface SecretLeak {
  readonly file: string;
  readonly secret: string;
  readonly encoding: 'raw' | 'base64' | 'json-escaped';
}

/** Every file under the given files or directories, recursively. */
function listFiles(paths: readonly string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory() ? listFiles(readdirSync(p).map((f) => join(p, f))) : [p],
  );
}

/** Where any of `secrets` appears in the files, raw, base64-encoded or JSON-escaped. */
export function findSecretLeaks(paths: readonly string[], secrets: readonly string[]): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  for (const file of listFiles(paths)) {
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) {
      const forms: [SecretLeak['encoding'], string][] = [
        ['raw', secret],
        ['base64', Buffer.from(secret, 'utf8').toString('base64')],
        ['json-escaped', JSON.stringify(secret).slice(1, -1)],
      ];
      const distinct = forms.filter(([, form], i) => i === 0 || form !== secret);
      for (const [encoding, form] of distinct) {
        if (text.includes(form)) leaks.push({ file, secret, encoding });
      }
    }
  }
  return leaks;
}
