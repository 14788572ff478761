// Test doubles for the orchestrator: jobs resolved by hand and an event log one can wait on.

import type { JobContext, JobOutput, JobSpec, OrchestratorEvent } from "../../src/orchestrator/types.js";

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A job that runs until the test settles it; each attempt gets a fresh deferred. */
export interface ManualJob {
  spec: JobSpec;
  /** Context of the latest attempt (undefined before the first). */
  ctx: JobContext | undefined;
  started: Promise<JobContext>;
  succeed(records?: number): void;
  fail(error: unknown): void;
}

export function manualJob(name: string, dependsOn: string[] = [], extra: Partial<JobSpec> = {}): ManualJob {
  let current = deferred<JobOutput>();
  const started = deferred<JobContext>();
  const job: ManualJob = {
    ctx: undefined,
    started: started.promise,
    spec: {
      name,
      dependsOn,
      ...extra,
      run(ctx) {
        job.ctx = ctx;
        started.resolve(ctx);
        return current.promise;
      },
    },
    succeed(records = 0) {
      const settling = current;
      current = deferred();
      settling.resolve({ records });
    },
    fail(error) {
      const settling = current;
      current = deferred();
      settling.reject(error);
    },
  };
  return job;
}

/** Records events; `waitFor` resolves when a matching event has happened (at once if it already has). */
export class EventLog {
  readonly events: OrchestratorEvent[] = [];
  private waiters: { match: (e: OrchestratorEvent) => boolean; resolve: (e: OrchestratorEvent) => void }[] =
    [];

  readonly listener = (event: OrchestratorEvent): void => {
    this.events.push(event);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.match(event)) return true;
      waiter.resolve(event);
      return false;
    });
  };

  waitFor(type: OrchestratorEvent["type"], job: string): Promise<OrchestratorEvent> {
    const match = (e: OrchestratorEvent) => e.type === type && e.job === job;
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  has(type: OrchestratorEvent["type"], job: string): boolean {
    return this.events.some((e) => e.type === type && e.job === job);
  }

  /** "type:job" for each event, minus the initial queued ones and progress. */
  trace(): string[] {
    return this.events
      .filter((e) => e.type !== "queued" && e.type !== "progress")
      .map((e) => `${e.type}:${e.job}`);
  }
}

export const ok =
  (records = 0) =>
  async (): Promise<JobOutput> => ({ records });
