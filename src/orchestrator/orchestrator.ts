// Class form of runJobs for callers that prefer subscribing to typed events (the CLI's display).

import { buildJobGraph, type JobGraph } from "./graph.js";
import { runGraph } from "./run-jobs.js";
import type {
  JobOutput,
  JobSpec,
  OrchestratorEvent,
  OrchestratorEventType,
  RunOptions,
  RunResult,
} from "./types.js";

export type OrchestratorListener<T extends OrchestratorEventType> = (
  event: Extract<OrchestratorEvent, { type: T }>,
) => void;

export class Orchestrator<Out extends JobOutput = JobOutput> {
  /** Validated on construction: an invalid job list throws JobGraphError here. */
  readonly graph: JobGraph<Out>;
  private readonly listeners = new Map<OrchestratorEventType, Set<(event: OrchestratorEvent) => void>>();
  private result: Promise<RunResult<Out>> | undefined;

  constructor(
    jobs: readonly JobSpec<Out>[],
    private readonly options: RunOptions = {},
  ) {
    this.graph = buildJobGraph(jobs);
  }

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<T extends OrchestratorEventType>(type: T, listener: OrchestratorListener<T>): () => void {
    const untyped = listener as (event: OrchestratorEvent) => void;
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(untyped);
    return () => this.off(type, listener);
  }

  off<T extends OrchestratorEventType>(type: T, listener: OrchestratorListener<T>): void {
    this.listeners.get(type)?.delete(listener as (event: OrchestratorEvent) => void);
  }

  /** Starts the run; later calls return the same result. */
  run(): Promise<RunResult<Out>> {
    this.result ??= runGraph(this.graph, {
      ...this.options,
      onEvent: (event) => {
        this.options.onEvent?.(event);
        for (const listener of this.listeners.get(event.type) ?? []) listener(event);
      },
    });
    return this.result;
  }
}
