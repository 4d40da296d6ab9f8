import * as pulumi from '@pulumi/pulumi';
import { HIDDEN_SECRET } from '../model/stack-outputs';

/** How the plan shows a secret value: as `pulumi stack output --json` shows a secret output. */
export const REDACTED = HIDDEN_SECRET;

/** Input names that hold credentials whatever their secretness says. */
const SENSITIVE_KEYS = new Set([
  'password',
  'rootPassword',
  'kubeconfig',
  'kubeConfig',
  'secretKey',
  'result',
]);

export function isSecretEnvelope(value: unknown): value is { value: unknown } {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig
  );
}

/** The value with every secret envelope replaced by what it holds. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretEnvelope(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** Every string inside secret envelopes, at any depth: what must never appear in a plan. */
export function collectSecretStrings(value: unknown, into: Set<string>, inSecret = false): Set<string> {
  if (isSecretEnvelope(value)) return collectSecretStrings(value.value, into, true);
  if (typeof value === 'string') {
    if (inSecret && value.length >= 6) into.add(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => collectSecretStrings(v, into, inSecret));
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((v) => collectSecretStrings(v, into, inSecret));
  }
  return into;
}

/**
 * Makes resource inputs safe to print: secret envelopes and credential-named inputs become `[secret]`.
 * Kubernetes manifests handed to a ConfigGroup are secret as a whole once one of them is a Secret; they are
 * shown with only the Secrets' values hidden, so the reviewer still sees every other manifest.
 */
export function redactInputs(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(inputs).map(([key, value]) => {
      if (key === 'objs') return [key, redactManifests(isSecretEnvelope(value) ? value.value : value)];
      if (SENSITIVE_KEYS.has(key) && value !== undefined && value !== null) return [key, REDACTED];
      return [key, redactValue(value)];
    }),
  );
}

function redactValue(value: unknown): unknown {
  if (isSecretEnvelope(value)) return REDACTED;
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SENSITIVE_KEYS.has(k) && v != null ? REDACTED : redactValue(v),
      ]),
    );
  }
  return value;
}

function redactManifests(value: unknown): unknown {
  if (!Array.isArray(value)) return redactValue(value);
  return value.map((object: unknown) => {
    const plain = redactValue(object) as Record<string, unknown> | null;
    if (plain?.kind !== 'Secret') return plain;
    const hide = (map: unknown) =>
      map && typeof map === 'object' ? Object.fromEntries(Object.keys(map).map((k) => [k, REDACTED])) : map;
    return { ...plain, data: hide(plain.data), stringData: hide(plain.stringData) };
  });
}
