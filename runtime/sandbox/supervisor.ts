/**
 * Running the guest in a worker thread, watched from the main thread.
 *
 * JS cannot interrupt a wasm function running on its own thread: a guest in
 * `while (1);` never yields, so no timer on that thread ever fires. The guest
 * therefore runs in a `Worker` when it has a `--timeout` (and, on Deno, when
 * the worker's narrower permissions are what enforce the grants); the main
 * thread keeps the clock. When the time is up it says so and the host ends
 * the whole process, which closes every socket the guest held at once: the
 * port is free again the moment the process is gone (measured on Deno and
 * Bun by binding it again right after, see tests/sandbox/timeout_test.ts).
 *
 * Only web-standard APIs here (`Worker`, `postMessage`, timers); the host
 * decides how its worker is started (`WorkerSpawner`).
 *
 * @module
 */

import { CPU_EXIT_STATUS, type Limits, TIMEOUT_EXIT_STATUS } from "../limits.ts";
import { TRAP_EXIT_STATUS } from "../run.ts";
import type { GuestJob } from "./job.ts";

/** The message the main thread posts to start the guest. */
export interface StartMessage {
  /** The run. */
  job: GuestJob;
}

/** What the worker posts: `ready` once its code is loaded, then the guest's exit `status`. */
export type WorkerMessage = { ready: true } | { status: number };

/**
 * Starts a worker running the host's guest entry (`host/<runtime>/worker.ts`).
 * `ready` is called once the worker's code is loaded, before the guest starts
 * (Deno's main thread gives up its permissions there).
 */
export interface WorkerSpawner {
  /** Starts the worker for `job`. */
  spawn(job: GuestJob): Worker;
  /** Called when the worker is loaded, before the job is posted to it. */
  ready?(): void;
}

/** How often the process's CPU time is sampled for `--max-cpu`. */
const CPU_SAMPLE_MS = 50;

/** Whether a guest with `limits` must run in a worker (`narrowingWanted`: for Deno's permissions). */
export function needsWorker(limits: Limits, narrowingWanted: boolean): boolean {
  return limits.timeoutMs !== null || limits.cpuMs !== null || narrowingWanted;
}

/** `--timeout` in the unit the user wrote it. */
function seconds(ms: number): string {
  return `${+(ms / 1000).toFixed(3)}`;
}

/**
 * Runs `job` in a worker from `spawn`; resolves to its exit status, or to
 * {@link TIMEOUT_EXIT_STATUS} when `job.limits.timeoutMs` passes first, or
 * to {@link CPU_EXIT_STATUS} when the process has used `job.limits.cpuMs` of
 * CPU time (`cpuTimeNs`, sampled every 50 ms) since the guest started. The
 * caller must end the process right after (that is what stops a guest
 * that never yields, and closes its sockets).
 */
export function superviseJob(
  spawner: WorkerSpawner,
  job: GuestJob,
  say: (msg: string) => void,
  cpuTimeNs: () => bigint,
): Promise<number> {
  return new Promise<number>((resolve) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sampler: ReturnType<typeof setInterval> | undefined;
    const settle = (status: number) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      if (sampler !== undefined) clearInterval(sampler);
      resolve(status);
    };
    const worker = spawner.spawn(job);
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      if (!("ready" in e.data)) return settle(e.data.status);
      spawner.ready?.();
      const start: StartMessage = { job };
      worker.postMessage(start, [job.wasm.buffer]);
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      say(`the guest's worker failed: ${e.message}`);
      settle(TRAP_EXIT_STATUS);
    };
    if (job.limits.timeoutMs !== null) {
      const limit = job.limits.timeoutMs;
      timer = setTimeout(() => {
        say(`the guest ran longer than --timeout=${seconds(limit)} seconds and was stopped; its sockets are closed`);
        settle(TIMEOUT_EXIT_STATUS);
      }, limit);
    }
    if (job.limits.cpuMs !== null) {
      const limitNs = BigInt(job.limits.cpuMs) * 1_000_000n, t0 = cpuTimeNs(), limit = job.limits.cpuMs;
      sampler = setInterval(() => {
        if (cpuTimeNs() - t0 < limitNs) return;
        say(`the guest used more than --max-cpu=${seconds(limit)} seconds of CPU time and was stopped; its sockets are closed`);
        settle(CPU_EXIT_STATUS);
      }, CPU_SAMPLE_MS);
    }
  });
}

/**
 * The worker side, called once its code is loaded: says it is ready, waits
 * for the {@link StartMessage}, runs it with `run` and posts the exit status.
 */
export function serveJob(scope: { onmessage: unknown; postMessage(m: WorkerMessage): void }, run: (job: GuestJob) => Promise<number>): void {
  scope.onmessage = async (e: MessageEvent<StartMessage>) => {
    const status = await run(e.data.job);
    scope.postMessage({ status });
  };
  scope.postMessage({ ready: true });
}
