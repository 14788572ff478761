// A dry run's result: what each job would create, update, skip or delete,
// and how long the content-creating requests take under GitHub's pacing.
import type { PlannedAction } from "./types.js";

export interface PlanCounts {
  create: number;
  update: number;
  skip: number;
  delete: number;
}

export interface PacingLimits {
  contentPerMinute: number;
  contentPerHour: number;
  /** Gap the scheduler keeps between two content-creating requests. */
  minWriteIntervalMs: number;
}

export const GITHUB_PACING: PacingLimits = {
  contentPerMinute: 80,
  contentPerHour: 500,
  minWriteIntervalMs: 1000,
};

export interface RestorePlan {
  actions: PlannedAction[];
  byEntity: Record<string, PlanCounts>;
  /** Requests that count against the content-creation limits. */
  contentCreating: number;
  /** Lower bound of the run time those requests need, in seconds. */
  estimatedSeconds: number;
}

/**
 * Seconds `n` content-creating requests need at least: one per interval,
 * `perMinute` per minute, `perHour` per hour (a full window waits for the next).
 */
export function estimateSeconds(n: number, limits: PacingLimits = GITHUB_PACING): number {
  if (n <= 0) return 0;
  const spacing = ((n - 1) * limits.minWriteIntervalMs) / 1000;
  const minutes = Math.ceil(n / limits.contentPerMinute) - 1;
  const hours = Math.ceil(n / limits.contentPerHour) - 1;
  return Math.max(spacing, minutes * 60, hours * 3600);
}

export function summarisePlan(actions: PlannedAction[], limits: PacingLimits = GITHUB_PACING): RestorePlan {
  const byEntity: Record<string, PlanCounts> = {};
  let content = 0;
  for (const action of actions) {
    byEntity[action.entity] ??= { create: 0, update: 0, skip: 0, delete: 0 };
    (byEntity[action.entity] as PlanCounts)[action.action]++;
    if (action.contentCreating) content++;
  }
  return { actions, byEntity, contentCreating: content, estimatedSeconds: estimateSeconds(content, limits) };
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Lines a CLI prints for a dry run. */
export function describePlan(plan: RestorePlan): string[] {
  const lines: string[] = [];
  for (const [entity, c] of Object.entries(plan.byEntity)) {
    const parts = [`${c.create} to create`, `${c.update} to update`, `${c.skip} to skip`];
    if (c.delete > 0) parts.push(`${c.delete} to delete`);
    lines.push(`${entity}: ${parts.join(", ")}`);
  }
  lines.push(
    `${plan.contentCreating} content-creating requests: at least ${duration(plan.estimatedSeconds)} under GitHub's limits (80 per minute, 500 per hour)`,
  );
  return lines;
}
