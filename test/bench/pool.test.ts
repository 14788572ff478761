import { describe, expect, it } from "vitest";
import { type PoolEvent, runPool } from "../../bench/baseline/pool.js";

/** A promise settled from outside, so the test decides when each task finishes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("runPool", () => {
  it("runs at most `workers` tasks at once, in submission order", async () => {
    const gates = [0, 1, 2, 3].map(() => deferred<number>());
    const started: string[] = [];
    const events: PoolEvent["type"][] = [];
    const run = runPool(
      gates.map((gate, i) => ({
        name: `t${i}`,
        run: () => {
          started.push(`t${i}`);
          return gate.promise;
        },
      })),
      2,
      (event) => events.push(event.type),
    );
    await tick();
    expect(started).toEqual(["t0", "t1"]);
    gates[1]?.resolve(1);
    await tick();
    expect(started).toEqual(["t0", "t1", "t2"]);
    gates[0]?.reject(new Error("t0 broke"));
    gates[2]?.resolve(2);
    await tick();
    gates[3]?.resolve(3);
    const outcomes = await run;
    expect(started).toEqual(["t0", "t1", "t2", "t3"]);
    expect(outcomes.map((o) => (o.ok ? o.value : (o.error as Error).message))).toEqual(["t0 broke", 1, 2, 3]);
    expect(events.filter((e) => e === "failed")).toHaveLength(1);
    expect(events.filter((e) => e === "started")).toHaveLength(4);
  });

  it("handles an empty task list", async () => {
    expect(await runPool([], 6)).toEqual([]);
  });
});
