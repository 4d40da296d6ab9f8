import { readStackDocument } from '../model/load-fleet';

/** A stack's config as the engine hands it to a program: every value a string, objects as JSON. */
export interface StackConfig {
  readonly values: Record<string, string>;
  /** Keys whose values are secrets. */
  readonly secretKeys: string[];
  /** Keys whose values are encrypted in the stack file and were replaced by placeholders. */
  readonly encryptedKeys: string[];
}

/**
 * Reads `config:` of a `Pulumi.<stack>.yaml`. Encrypted values (`secure:`) cannot be read without the
 * stack's secrets provider, so they become labelled placeholders and stay secret.
 * @throws ValidationError for a file that cannot be read or is not YAML
 */
export function readStackConfig(path: string): StackConfig {
  return stackConfigOf(readStackDocument(path));
}

/** The config of a stack file already read (`readStackDocument`), as `readStackConfig` gives it. */
export function stackConfigOf(document: unknown): StackConfig {
  const doc = document as { config?: Record<string, unknown> } | null;
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  const encryptedKeys: string[] = [];
  for (const [key, raw] of Object.entries(doc?.config ?? {})) {
    const value =
      raw !== null && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
    let encrypted = false;
    const decoded = replaceSecure(value, () => {
      encrypted = true;
      return `planned-placeholder-for-${key}`;
    });
    values[key] = typeof decoded === 'string' ? decoded : JSON.stringify(decoded);
    if (encrypted) {
      secretKeys.push(key);
      encryptedKeys.push(key);
    }
  }
  return { values, secretKeys, encryptedKeys };
}

function replaceSecure(value: unknown, placeholder: () => string): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceSecure(v, placeholder));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'secure') return placeholder();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSecure(v, placeholder)]));
  }
  return value;
}
