import { spawn } from 'child_process';

/** What the pod's environment would hold: the ConfigMap values and Secret values its env references resolve to. */
export interface PodValues {
  /** By ConfigMap name, then key. */
  readonly configMaps: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** By Secret name, then key. */
  readonly secrets: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface JobRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly argv: readonly string[];
}

/** The one Job in a cluster's manifests, and its one container. */
export function theJob(manifests: readonly any[]): { job: any; container: any } {
  const jobs = manifests.filter((m) => m.kind === 'Job');
  if (jobs.length !== 1)
    throw new Error(`expected one Job, found ${jobs.map((j) => j.metadata.name).join(', ')}`);
  const containers = jobs[0].spec.template.spec.containers;
  if (containers.length !== 1) throw new Error('expected one container in the Job');
  return { job: jobs[0], container: containers[0] };
}

/**
 * Runs a Job's container command here, as its pod would run it: the argv exactly as rendered and the env its
 * references resolve to (from `values`), nothing else. Only the programs on this machine's PATH differ from the
 * image's.
 * @param extraEnv values that replace rendered ones (a shorter wait)
 */
export async function runJobLocally(
  manifests: readonly any[],
  values: PodValues,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<JobRun> {
  const { container } = theJob(manifests);
  if (container.volumeMounts?.length) throw new Error('the Job mounts volumes; this runner gives it none');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  for (const e of container.env ?? []) {
    if (e.value !== undefined) {
      env[e.name] = String(e.value);
      continue;
    }
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    const source = e.valueFrom?.configMapKeyRef ? values.configMaps : values.secrets;
    const value = source[ref?.name]?.[ref?.key];
    if (value === undefined)
      throw new Error(`env ${e.name}: nothing given for ${JSON.stringify(e.valueFrom)}`);
    env[e.name] = value;
  }
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  return new Promise<JobRun>((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { env: { ...env, ...extraEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr, argv }));
  });
}
