import { writeProbeJob } from '../../src/k8s/qcbm/drill/write-probe-job';
import { MYSQL_CLIENT_COMPONENTS } from '../../src/k8s/qcbm/qcbm-workloads';
import { RESTARTED_AT_ANNOTATION } from '../../src/ops/kubernetes/rollout';
import {
  type FakeKubernetesApi,
  type KubernetesRequest,
  startFakeKubernetesApi,
} from '../support/fake-kubernetes-api';
import { runJsonChild } from './support/json-child';
import type { KubernetesStep } from './support/run-kubernetes-steps';

// The drill's steps in a cluster (the write probe Job, the services' restart and rollout) with the real client,
// in a process of its own, against a fake Kubernetes API on 127.0.0.1 that the test steers.
const JOB = writeProbeJob({
  site: 'shanghai-01',
  nameSuffix: 'd1-shanghai-01',
  namespace: 'qcbm',
  secretName: 'qcbm-keys',
  activeDeadlineSeconds: 600,
});
const NAME = JOB.metadata.name;
const KEY = `qcbm/${NAME}`;
const JOB_PATH = `/apis/batch/v1/namespaces/qcbm/jobs/${NAME}`;
const SUCCESS_LOG = [
  'qcbm-drill-write: writing from shanghai-01 to mysql.qcbm-prod.internal:3306 as qcbm, every second for up to 540s',
  'qcbm-drill-write: attempt 1 at 10:00:00 failed: ERROR 1290 (HY000) at line 3: The MySQL server is running with the --read-only option',
  'qcbm-drill-write: wrote from shanghai-01 at 2024-05-01 10:00:01.250 to cdb-shanghai-dr',
  '',
].join('\n');

interface StepsRun {
  readonly results: any[];
  readonly error?: string;
  readonly fix?: string;
  readonly ms: number;
}

/** Runs the steps in a process of its own (the real client-node), against the fake API. */
function runSteps(
  kube: FakeKubernetesApi,
  steps: KubernetesStep[],
  abortAfterMs?: number,
): Promise<StepsRun> {
  return runJsonChild('run-kubernetes-steps.ts', { kubeconfig: kube.kubeconfig, steps, abortAfterMs });
}

const FAST = { intervalMs: 50, timeoutMs: 20_000 };
const waitStep = (options: object = FAST): KubernetesStep => ({
  op: 'waitForWriteProbe',
  namespace: 'qcbm',
  name: NAME,
  options,
});

/** Calls `then` as the `n`th request matching `match` arrives, before it is served; returns when that was. */
function atRequest(
  kube: FakeKubernetesApi,
  n: number,
  match: (r: KubernetesRequest) => boolean,
  then: () => void,
) {
  let count = 0;
  const at: { ms?: number } = {};
  kube.onRequest((r) => {
    if (match(r) && ++count === n) {
      at.ms = Date.now();
      then();
    }
  });
  return at;
}
const isJobRead = (r: KubernetesRequest) => r.method === 'GET' && r.path === JOB_PATH;

describe('the write probe in a cluster', () => {
  let kube: FakeKubernetesApi;
  beforeEach(async () => {
    kube = await startFakeKubernetesApi({});
  });
  afterEach(() => kube.close());

  test('created as built, read until it succeeded, its row read from its log, then deleted', async () => {
    const flipped = atRequest(kube, 3, isJobRead, () => {
      kube.jobLogs.set(KEY, SUCCESS_LOG);
      kube.finishJob(KEY, 'succeeded');
    });
    const run = await runSteps(kube, [
      { op: 'startWriteProbe', job: JOB },
      waitStep(),
      { op: 'deleteWriteProbe', namespace: 'qcbm', name: NAME },
    ]);
    expect(run.error).toBeUndefined();
    const [started, outcome, deleted] = run.results;
    expect(started).toEqual({ namespace: 'qcbm', name: NAME });
    const created = kube.requests.find((r) => r.method === 'POST')!;
    expect(created).toEqual({ method: 'POST', path: '/apis/batch/v1/namespaces/qcbm/jobs', body: JOB });
    expect(kube.requests.filter(isJobRead)).toHaveLength(3);
    expect(outcome).toEqual({
      status: 'succeeded',
      observedAt: expect.any(Number),
      written: {
        site: 'shanghai-01',
        writtenAt: '2024-05-01 10:00:01.250',
        writtenAtMs: Date.UTC(2024, 4, 1, 10, 0, 1, 250),
        server: 'cdb-shanghai-dr',
      },
    });
    expect(outcome.observedAt).toBeGreaterThanOrEqual(flipped.ms!);
    expect(outcome.observedAt).toBeLessThan(flipped.ms! + 2000);
    expect(deleted).toBe(true);
    expect(kube.requests.filter((r) => r.method === 'DELETE')).toEqual([
      { method: 'DELETE', path: JOB_PATH, query: { propagationPolicy: 'Background' } },
    ]);
    expect(kube.jobs.size).toBe(0);
  }, 30_000);

  test('failed: the Failed condition and the last line its pod logged; a success without a pod log has no row', async () => {
    kube.jobs.set(KEY, structuredClone(JOB));
    kube.jobLogs.set(
      KEY,
      'qcbm-drill-write: attempt 1 at 10:00:00 failed: x\nqcbm-drill-write: no write from shanghai-01 after 9 attempts in 9s; last error: ERROR 1045\n',
    );
    atRequest(kube, 2, isJobRead, () =>
      kube.finishJob(KEY, {
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      }),
    );
    const failed = await runSteps(kube, [waitStep()]);
    expect(failed.results).toEqual([
      {
        status: 'failed',
        observedAt: expect.any(Number),
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastLogLine:
          'qcbm-drill-write: no write from shanghai-01 after 9 attempts in 9s; last error: ERROR 1045',
      },
    ]);

    kube.jobLogs.clear();
    kube.finishJob(KEY, 'succeeded');
    const succeeded = await runSteps(kube, [waitStep()]);
    expect(succeeded.results).toEqual([{ status: 'succeeded', observedAt: expect.any(Number) }]);
  }, 30_000);

  test('neither succeeded nor failed in the time given: an error naming the Job and what its pod logged last', async () => {
    kube.jobs.set(KEY, { ...structuredClone(JOB), status: { active: 1 } });
    kube.jobLogs.set(KEY, 'qcbm-drill-write: attempt 7 at 10:00:07 failed: ERROR 1290 (HY000): read-only\n');
    const run = await runSteps(kube, [waitStep({ intervalMs: 100, timeoutMs: 800 })]);
    expect(run.error).toBe(
      `Job qcbm/${NAME} on ${kube.server} neither succeeded nor failed in 800 ms (1 pod(s) running, 0 failed); its pod's log ends: qcbm-drill-write: attempt 7 at 10:00:07 failed: ERROR 1290 (HY000): read-only`,
    );
    expect(run.fix).toContain(`kubectl -n qcbm describe job ${NAME}`);
    const reads = kube.requests.filter(isJobRead).length;
    expect(reads).toBeGreaterThanOrEqual(5);
    expect(reads).toBeLessThanOrEqual(10);
  }, 30_000);

  test('the signal stops the wait at once, saying so', async () => {
    kube.jobs.set(KEY, structuredClone(JOB));
    const run = await runSteps(kube, [waitStep({ intervalMs: 100, timeoutMs: 60_000 })], 1500);
    expect(run.error).toMatch(
      new RegExp(`^stopped waiting for Job qcbm/${NAME} on .* \\(0 pod\\(s\\) running, 0 failed\\)$`),
    );
    expect(run.ms).toBeLessThan(30_000);
  }, 40_000);

  test('a Job left from an earlier drill is refused with what to do; deleting one that is gone is fine', async () => {
    kube.jobs.set(KEY, structuredClone(JOB));
    const again = await runSteps(kube, [{ op: 'startWriteProbe', job: JOB }]);
    expect(again.error).toBe(
      `creating Job qcbm/${NAME} on ${kube.server} failed (HTTP 409): jobs.batch "${NAME}" already exists`,
    );
    expect(again.fix).toContain(`kubectl -n qcbm delete job ${NAME}`);

    kube.jobs.clear();
    const gone = await runSteps(kube, [{ op: 'deleteWriteProbe', namespace: 'qcbm', name: NAME }]);
    expect(gone).toMatchObject({ results: [false] });
    expect(gone.error).toBeUndefined();
    expect(kube.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([JOB_PATH]);
  }, 30_000);
});

describe("the services' restart and rollout", () => {
  const OTHER = 'qcbm-front';
  let kube: FakeKubernetesApi;
  beforeEach(async () => {
    kube = await startFakeKubernetesApi(
      Object.fromEntries([...MYSQL_CLIENT_COMPONENTS, OTHER].map((d) => [`qcbm/${d}`, 2])),
    );
  });
  afterEach(() => kube.close());
  const path = (name: string) => `/apis/apps/v1/namespaces/qcbm/deployments/${name}`;
  const AT = '2024-05-01T10:00:00.000Z';

  test('restart: each Deployment read, then replaced with the annotation, its spec otherwise kept', async () => {
    // Someone else changes the first Deployment between the restart's read and its replace: it reads again.
    const first = MYSQL_CLIENT_COMPONENTS[0];
    atRequest(
      kube,
      1,
      (r) => r.method === 'PUT' && r.path === path(first),
      () => {
        kube.deployments.get(`qcbm/${first}`)!.resourceVersion++;
      },
    );
    const run = await runSteps(kube, [
      { op: 'restartDeployments', namespace: 'qcbm', names: [...MYSQL_CLIENT_COMPONENTS], at: AT },
    ]);
    expect(run.error).toBeUndefined();
    expect(kube.requests.map((r) => `${r.method} ${r.path.split('/').pop()}`)).toEqual([
      `GET ${first}`,
      `PUT ${first}`,
      `GET ${first}`,
      `PUT ${first}`,
      ...MYSQL_CLIENT_COMPONENTS.slice(1).flatMap((d) => [`GET ${d}`, `PUT ${d}`]),
    ]);
    for (const name of MYSQL_CLIENT_COMPONENTS) {
      const d = kube.deployments.get(`qcbm/${name}`)!;
      expect([name, d.generation, (d.template as any).metadata]).toEqual([
        name,
        2,
        { labels: { app: name }, annotations: { [RESTARTED_AT_ANNOTATION]: AT } },
      ]);
      expect((d.template as any).spec.containers).toEqual([{ name, image: `${name}:1` }]);
      expect(kube.replicas.get(`qcbm/${name}`)).toBe(2);
    }
    expect(kube.deployments.has(`qcbm/${OTHER}`)).toBe(false);
  }, 30_000);

  test('rollout: each Deployment resolved with when it was seen rolled out, in the order given', async () => {
    const [a, b] = MYSQL_CLIENT_COMPONENTS;
    const done: Record<string, number> = {};
    const rollOutLater = (name: string, reads: number) =>
      atRequest(
        kube,
        reads,
        (r) =>
          r.method === 'GET' &&
          r.path === path(name) &&
          kube.deployments.get(`qcbm/${name}`)?.generation === 2,
        () => {
          kube.rollOut(`qcbm/${name}`);
          done[name] = Date.now();
        },
      );
    rollOutLater(b, 2);
    rollOutLater(a, 4);
    const run = await runSteps(kube, [
      { op: 'restartDeployments', namespace: 'qcbm', names: [a, b], at: AT },
      { op: 'waitForRollout', namespace: 'qcbm', names: [a, b], options: FAST },
    ]);
    expect(run.error).toBeUndefined();
    const rolled = run.results[1];
    expect(rolled.map((r: any) => r.name)).toEqual([a, b]);
    for (const r of rolled) {
      expect(r.observedAt).toBeGreaterThanOrEqual(done[r.name]);
      expect(r.observedAt).toBeLessThan(done[r.name] + 2000);
    }
    expect(rolled[0].observedAt).toBeGreaterThan(rolled[1].observedAt);
    // b was read no more once seen rolled out.
    const readsOfB = kube.requests.filter((r) => r.method === 'GET' && r.path === path(b)).length;
    expect(readsOfB).toBe(1 + 2);
  }, 30_000);

  test('not rolled out in time: an error naming each Deployment that is not and what its status says', async () => {
    const [a, b, c] = MYSQL_CLIENT_COMPONENTS;
    const restart = await runSteps(kube, [
      { op: 'restartDeployments', namespace: 'qcbm', names: [a, b, c], at: AT },
    ]);
    expect(restart.error).toBeUndefined();
    kube.rollOut(`qcbm/${a}`);
    Object.assign(kube.deployments.get(`qcbm/${b}`)!.status, {
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 1,
      availableReplicas: 2,
    });
    const run = await runSteps(kube, [
      {
        op: 'waitForRollout',
        namespace: 'qcbm',
        names: [a, b, c],
        options: { intervalMs: 100, timeoutMs: 700 },
      },
    ]);
    expect(run.error).toBe(
      [
        `not rolled out in 700 ms on ${kube.server}:`,
        `  Deployment qcbm/${b}: 1 of 2 updated, 2 available, 3 pods in all`,
        `  Deployment qcbm/${c}: the controller has not seen its latest spec yet (generation 2, observed 1)`,
      ].join('\n'),
    );
    expect(run.fix).toContain('kubectl -n qcbm rollout status');
  }, 30_000);

  test('a Deployment the cluster does not have: a user error naming it', async () => {
    const run = await runSteps(kube, [
      { op: 'restartDeployments', namespace: 'qcbm', names: ['no-such-service'], at: AT },
    ]);
    expect(run.error).toBe(
      `reading Deployment qcbm/no-such-service on ${kube.server} failed (HTTP 404): deployments.apps "no-such-service" not found`,
    );
  }, 30_000);
});
