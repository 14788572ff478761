// The state of each job as the orchestrator's events report it, in the order
// jobs first appeared.

import type { OrchestratorEvent } from "../../orchestrator/types.js";

export type JobState = "queued" | "running" | "retrying" | "succeeded" | "failed" | "skipped" | "cancelled";

export interface JobView {
  name: string;
  state: JobState;
  attempt: number;
  /** When the current attempt started (ms since the epoch). */
  startedAt?: number;
  items?: number;
  pages?: number;
  total?: number;
  message?: string;
  records?: number;
  durationMs?: number;
  /** Failure, retry error, or why the job was skipped/cancelled. */
  detail?: string;
}

export class JobBoard {
  readonly jobs = new Map<string, JobView>();

  apply(event: OrchestratorEvent): JobView {
    const job = this.jobs.get(event.job) ?? { name: event.job, state: "queued", attempt: 0 };
    this.jobs.set(event.job, job);
    switch (event.type) {
      case "queued":
        job.state = "queued";
        break;
      case "started":
        job.state = "running";
        job.attempt = event.attempt;
        job.startedAt = event.at.getTime();
        job.detail = undefined;
        break;
      case "progress":
        if (event.items !== undefined) job.items = event.items;
        if (event.pages !== undefined) job.pages = event.pages;
        if (event.total !== undefined) job.total = event.total;
        if (event.message !== undefined) job.message = event.message;
        break;
      case "retrying":
        job.state = "retrying";
        job.attempt = event.attempt;
        job.detail = event.error;
        break;
      case "succeeded":
        job.state = "succeeded";
        job.records = event.records;
        job.durationMs = event.durationMs;
        break;
      case "failed":
        job.state = "failed";
        job.durationMs = event.durationMs;
        job.detail = event.error;
        break;
      case "skipped":
        job.state = "skipped";
        job.detail = event.reason;
        break;
      case "cancelled":
        job.state = "cancelled";
        job.detail = event.reason;
        break;
    }
    return job;
  }

  list(): JobView[] {
    return [...this.jobs.values()];
  }
}
