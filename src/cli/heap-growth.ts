// How fast V8 grows the heap. By default it sizes the heap by the allocation
// rate, and a save allocates fast (every answer is read, decoded and parsed,
// then dropped): at 100 requests in flight a `large` save's heap grew to
// ~200 MB around 30–130 MB of live objects. Two growth settings keep the heap
// near what is live, at the price of more frequent garbage collection
// (docs/performance.md). Neither is a ceiling: a repository whose live data
// needs more memory still gets it (unlike --max-old-space-size).
import { setFlagsFromString } from "node:v8";

interface GrowthFlag {
  /** The setting, as `--name=value`. */
  flag: string;
  /** Flags by which the user chose this part of the heap's sizing; any of them leaves the setting off. */
  chosenBy: readonly string[];
}

export const HEAP_GROWTH_FLAGS: readonly GrowthFlag[] = [
  // Each old-generation limit 20 % above the live size after a full collection (V8: up to 4×).
  { flag: "--heap-growing-percent=20", chosenBy: ["heap-growing-percent"] },
  // The young generation keeps its initial size instead of doubling up to 16 MB per semi-space.
  {
    flag: "--semi-space-growth-factor=1",
    chosenBy: ["semi-space-growth-factor", "max-semi-space-size", "min-semi-space-size"],
  },
];

/** Applies each growth setting the user did not choose (node flags or NODE_OPTIONS); returns those applied. */
export function limitHeapGrowth(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = [...execArgv, nodeOptions ?? ""].join(" ").replaceAll("_", "-");
  const applied: string[] = [];
  for (const { flag, chosenBy } of HEAP_GROWTH_FLAGS) {
    if (chosenBy.some((name) => given.includes(name))) continue;
    setFlagsFromString(flag);
    applied.push(flag);
  }
  return applied;
}
