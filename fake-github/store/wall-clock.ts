// The store's clock normally starts at a fixed time and ticks a second per
// write, so datasets are reproducible. Tests of incremental saves need writes
// made after a save to carry times after that save, as GitHub's do: this makes
// the store's clock follow the wall clock (still a second or more apart).
import type { FakeStore } from "./types.js";

export function useWallClock(store: FakeStore): void {
  let last = 0;
  store.now = () => {
    last = Math.max(Date.now(), last + 1000);
    return new Date(last).toISOString().replace(/\.\d{3}Z$/, "Z");
  };
}
