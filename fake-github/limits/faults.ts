// Fault injection: a scripted list ("the 3rd GET of labels answers 502") and
// random faults whose outcome depends only on (seed, index of the request among
// the eligible ones), so one seed always yields the same sequence.
import type { FaultsKnob, ScriptedFault } from "./knobs.js";
import { hashUnit } from "./random.js";

export type FaultDecision = (
  | { kind: "status"; delayMs: number; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "reset"; delayMs: number }
  | { kind: "delay"; delayMs: number }
  | { kind: "hold"; delayMs: 0 }
  | { kind: "cut"; delayMs: number }
) & {
  /** The route runs first (a write is applied) and only its answer is replaced. */
  afterHandler?: boolean;
};

const defaultStatuses = [500, 502, 503];

interface ScriptState {
  entry: ScriptedFault;
  seen: number;
}

export class FaultInjector {
  private faults: FaultsKnob | null = null;
  private faultSeed = 1;
  private index = 0;
  private script: ScriptState[] = [];

  configureFaults(faults: FaultsKnob | null, defaultSeed: number): void {
    this.faults = faults;
    this.faultSeed = faults?.seed ?? defaultSeed;
    this.index = 0;
  }

  configureScript(script: ScriptedFault[]): void {
    this.script = script.map((entry) => ({ entry, seen: 0 }));
  }

  /** Decides the fate of one routed request; null = answer normally. */
  decide(method: string, template: string): FaultDecision | null {
    return this.fromScript(method, template) ?? this.fromRandom(method, template);
  }

  private fromScript(method: string, template: string): FaultDecision | null {
    let decision: FaultDecision | null = null;
    // Every matching entry counts the request, even when an earlier entry fires.
    for (const state of this.script) {
      const { entry } = state;
      if (entry.method && entry.method.toUpperCase() !== method) continue;
      if (entry.route && !routeMatches(entry.route, method, template)) continue;
      state.seen += 1;
      const first = entry.nth ?? 1;
      const times = entry.times ?? 1;
      if (decision || state.seen < first || state.seen >= first + times) continue;
      const delayMs = entry.delayMs ?? 0;
      if (entry.hold) decision = { kind: "hold", delayMs: 0 };
      else if (entry.reset) decision = { kind: "reset", delayMs, afterHandler: entry.afterHandler === true };
      else if (entry.cut) decision = { kind: "cut", delayMs };
      else if (entry.status !== undefined)
        decision = {
          kind: "status",
          afterHandler: entry.afterHandler === true,
          delayMs,
          status: entry.status,
          body: entry.body,
          headers: entry.headers,
        };
      else if (delayMs > 0) decision = { kind: "delay", delayMs };
    }
    return decision;
  }

  private fromRandom(method: string, template: string): FaultDecision | null {
    const faults = this.faults;
    if (!faults) return null;
    if (faults.routes && !faults.routes.some((route) => routeMatches(route, method, template))) return null;
    const index = this.index++;
    const roll = hashUnit(this.faultSeed, index, 1);
    const rate = faults.rate;
    const resetRate = faults.resetRate ?? 0;
    const slowRate = faults.slowRate ?? 0;
    if (roll < rate) {
      const statuses = faults.statuses && faults.statuses.length > 0 ? faults.statuses : defaultStatuses;
      const pick = Math.floor(hashUnit(this.faultSeed, index, 2) * statuses.length);
      return { kind: "status", delayMs: 0, status: statuses[pick] ?? 500 };
    }
    if (roll < rate + resetRate) return { kind: "reset", delayMs: 0 };
    if (roll < rate + resetRate + slowRate) return { kind: "delay", delayMs: faults.slowMs ?? 1000 };
    return null;
  }
}

/** "GET /repos/{owner}/{repo}/labels" or just the template. */
function routeMatches(pattern: string, method: string, template: string): boolean {
  const space = pattern.indexOf(" ");
  if (space < 0) return pattern === template;
  return pattern.slice(0, space).toUpperCase() === method && pattern.slice(space + 1) === template;
}

/** GitHub-like bodies for injected server errors. */
export function faultBody(status: number): unknown {
  switch (status) {
    case 502:
      return { message: "Server Error: Bad Gateway" };
    case 503:
      return { message: "Service Unavailable" };
    case 504:
      return { message: "We couldn't respond to your request in time. Sorry about that." };
    default:
      return { message: "Server Error" };
  }
}
