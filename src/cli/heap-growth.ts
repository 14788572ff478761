// How fast V8 grows the heap. By default it grows the heap by up to 4× its
// live size when allocation runs fast, and a save allocates fast (every answer
// is read, decoded and parsed, then dropped): at 100 requests in flight a
// `large` save's heap grew to ~200 MB around 35–130 MB of live objects. A
// fixed growth step keeps the heap near what is live, at the price of more
// frequent garbage collection. It sets no ceiling: a repository whose live
// data needs more memory still gets it (unlike --max-old-space-size).
import { setFlagsFromString } from "node:v8";

/** Each heap limit is this much above the live size after a full collection. */
export const HEAP_GROWING_PERCENT = 20;
const FLAG = "heap-growing-percent";

/** Applies the growth step unless the user chose one (node flags or NODE_OPTIONS). */
export function limitHeapGrowth(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const chosen = [...execArgv, nodeOptions ?? ""].some((arg) => arg.replaceAll("_", "-").includes(FLAG));
  if (chosen) return false;
  setFlagsFromString(`--${FLAG}=${HEAP_GROWING_PERCENT}`);
  return true;
}
