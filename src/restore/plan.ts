// A dry run's result: what each job would create, update, skip or delete,
// and how long the content-creating requests take under GitHub's pacing.
import { GITHUB_PACING, type PacingLimits, pacedSeconds } from "./estimate.js";
import type { PlannedAction } from "./types.js";

export interface PlanCounts {
  create: number;
  update: number;
  skip: number;
  delete: number;
}

export { GITHUB_PACING, type PacingLimits } from "./estimate.js";

export interface RestorePlan {
  actions: PlannedAction[];
  byEntity: Record<string, PlanCounts>;
  /** Requests that count against the content-creation limits. */
  contentCreating: number;
  /** The run time those requests need under the pacing, in seconds (estimate.ts). */
  estimatedSeconds: number;
}

/** Seconds `n` content-creating requests need under the scheduler's pacing (estimate.ts). */
export function estimateSeconds(n: number, limits: PacingLimits = GITHUB_PACING): number {
  return pacedSeconds(n, limits);
}

/** Content-creating requests one planned action makes (continuations are actions of their own). */
export function contentWrites(action: PlannedAction): number {
  return action.contentWrites ?? (action.contentCreating ? 1 : 0);
}

export function summarisePlan(actions: PlannedAction[], limits: PacingLimits = GITHUB_PACING): RestorePlan {
  const byEntity: Record<string, PlanCounts> = {};
  let content = 0;
  for (const action of actions) {
    byEntity[action.entity] ??= { create: 0, update: 0, skip: 0, delete: 0 };
    (byEntity[action.entity] as PlanCounts)[action.action]++;
    content += contentWrites(action);
  }
  return { actions, byEntity, contentCreating: content, estimatedSeconds: estimateSeconds(content, limits) };
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** What each entity's content-creating requests add up to (continuations and imports included). */
function writesByEntity(actions: readonly PlannedAction[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const action of actions) {
    const n = contentWrites(action);
    if (n > 0) out.set(action.entity, (out.get(action.entity) ?? 0) + n);
  }
  return out;
}

/** Lines a CLI prints for a dry run. */
export function describePlan(plan: RestorePlan): string[] {
  const lines: string[] = [];
  for (const [entity, c] of Object.entries(plan.byEntity)) {
    const parts = [`${c.create} to create`, `${c.update} to update`, `${c.skip} to skip`];
    if (c.delete > 0) parts.push(`${c.delete} to delete`);
    lines.push(`${entity}: ${parts.join(", ")}`);
  }
  const parts = [...writesByEntity(plan.actions)].map(([entity, n]) => `${entity} ${n}`);
  lines.push(
    `${plan.contentCreating} content-creating requests${parts.length > 0 ? ` (${parts.join(", ")})` : ""}: about ${duration(plan.estimatedSeconds)} at GitHub's content limits (1 s apart, 80 a minute, 500 an hour)`,
  );
  return lines;
}
