// The job graph, validated up front: unique names, known dependencies, no cycles.

import { JobGraphError } from "./errors.js";
import { checkSettings } from "./settings.js";
import type { JobOutput, JobSpec } from "./types.js";

export interface JobGraph<Out extends JobOutput = JobOutput> {
  /** Jobs in declaration order. */
  readonly jobs: readonly JobSpec<Out>[];
  job(name: string): JobSpec<Out>;
  /** Position in declaration order; breaks priority ties. */
  indexOf(name: string): number;
  /** Jobs `name` waits for, as declared (duplicates removed). */
  dependencies(name: string): readonly string[];
  /** Jobs waiting directly for `name`, in declaration order. */
  dependents(name: string): readonly string[];
  /** Jobs `name` waits for whatever their outcome (`after`), as declared. */
  awaited(name: string): readonly string[];
  /** Jobs waiting for `name` whatever its outcome (their `after` names it). */
  followers(name: string): readonly string[];
  /** Jobs waiting for `name` directly or transitively, in declaration order. */
  downstream(name: string): readonly string[];
  /** Length of the longest chain of dependents below `name`: 0 for a job nothing waits for. */
  priority(name: string): number;
}

interface Node<Out extends JobOutput> {
  spec: JobSpec<Out>;
  index: number;
  dependencies: string[];
  dependents: string[];
  awaited: string[];
  followers: string[];
  priority: number;
}

export function buildJobGraph<Out extends JobOutput>(jobs: readonly JobSpec<Out>[]): JobGraph<Out> {
  const nodes = new Map<string, Node<Out>>();
  const problems: string[] = [];

  jobs.forEach((spec, index) => {
    if (typeof spec.name !== "string" || spec.name === "") {
      problems.push(`job #${index + 1} has no name`);
      return;
    }
    if (nodes.has(spec.name)) {
      problems.push(`duplicate job name "${spec.name}"`);
      return;
    }
    problems.push(...checkSettings(`job "${spec.name}"`, spec));
    const dependencies = [...new Set(spec.dependsOn ?? [])];
    const awaited = [...new Set(spec.after ?? [])].filter((name) => !dependencies.includes(name));
    nodes.set(spec.name, { spec, index, dependencies, dependents: [], awaited, followers: [], priority: 0 });
  });

  for (const [name, node] of nodes) {
    for (const dependency of node.dependencies) {
      const target = nodes.get(dependency);
      if (target) target.dependents.push(name);
      else problems.push(`job "${name}" depends on unknown job "${dependency}"`);
    }
    for (const awaited of node.awaited) {
      const target = nodes.get(awaited);
      if (target) target.followers.push(name);
      else problems.push(`job "${name}" runs after unknown job "${awaited}"`);
    }
  }
  // A cycle is only meaningful once every edge points at a real job.
  if (problems.length === 0) {
    const cycle = findCycle(nodes);
    if (cycle) problems.push(`dependency cycle: ${cycle.join(" → ")}`);
  }
  if (problems.length > 0) throw new JobGraphError(problems);

  computePriorities(nodes);
  return graphView(jobs, nodes);
}

/** The first cycle met walking jobs and their dependencies in declaration order, closed (a → b → a). */
function findCycle<Out extends JobOutput>(nodes: Map<string, Node<Out>>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();

  const visit = (name: string): string[] | undefined => {
    if (onPath.has(name)) return [...path.slice(path.indexOf(name)), name];
    if (done.has(name)) return undefined;
    path.push(name);
    onPath.add(name);
    const node = nodes.get(name);
    for (const dependency of [...(node?.dependencies ?? []), ...(node?.awaited ?? [])]) {
      const cycle = visit(dependency);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(name);
    done.add(name);
    return undefined;
  };

  for (const name of nodes.keys()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

function computePriorities<Out extends JobOutput>(nodes: Map<string, Node<Out>>): void {
  const known = new Set<string>();
  const priorityOf = (node: Node<Out>): number => {
    if (known.has(node.spec.name)) return node.priority;
    let longest = 0;
    for (const dependent of [...node.dependents, ...node.followers]) {
      longest = Math.max(longest, 1 + priorityOf(nodes.get(dependent)!));
    }
    node.priority = longest;
    known.add(node.spec.name);
    return longest;
  };
  for (const node of nodes.values()) priorityOf(node);
}

function graphView<Out extends JobOutput>(
  jobs: readonly JobSpec<Out>[],
  nodes: Map<string, Node<Out>>,
): JobGraph<Out> {
  const node = (name: string): Node<Out> => {
    const found = nodes.get(name);
    if (!found) throw new JobGraphError([`unknown job "${name}"`]);
    return found;
  };
  const byDeclaration = (names: Iterable<string>) => [...names].sort((a, b) => node(a).index - node(b).index);

  return {
    jobs: [...jobs],
    job: (name) => node(name).spec,
    indexOf: (name) => node(name).index,
    dependencies: (name) => node(name).dependencies,
    dependents: (name) => node(name).dependents,
    awaited: (name) => node(name).awaited,
    followers: (name) => node(name).followers,
    downstream(name) {
      const seen = new Set<string>();
      const stack = [...node(name).dependents];
      for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(...node(next).dependents);
      }
      return byDeclaration(seen);
    },
    priority: (name) => node(name).priority,
  };
}
