// The bound on answer bytes read at once: a body is read only while the bytes
// held stay under the budget, by priority then in arrival order, whatever the concurrency.
import { describe, expect, it } from "vitest";
import { AnswerBudget } from "../../src/github/answer-budget.js";

/** Whether the promise has settled, after the pending reactions ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("AnswerBudget", () => {
  it("holds an answer back while the bytes being read would pass the budget, then lets it go in order", async () => {
    const budget = new AnswerBudget(100);
    const first = await budget.acquire(60);
    const second = budget.acquire(50);
    const third = budget.acquire(10);
    expect(await settled(second)).toBe(false);
    // First come, first served: the small one does not overtake the waiting one.
    expect(await settled(third)).toBe(false);
    first.release();
    (await second).release();
    (await third).release();
    expect(budget.peak).toBe(60);
  });

  it("reads a higher-priority answer before those waiting longer", async () => {
    const budget = new AnswerBudget(100);
    const first = await budget.acquire(90);
    const bulk = budget.acquire(60);
    const chain = budget.acquire(50, undefined, 3);
    const alsoBulk = budget.acquire(10);
    first.release();
    expect(await settled(chain)).toBe(true);
    expect(await settled(bulk)).toBe(false);
    (await chain).release();
    (await bulk).release();
    (await alsoBulk).release();
  });

  it("lets an answer larger than the whole budget through alone", async () => {
    const budget = new AnswerBudget(100);
    const small = await budget.acquire(10);
    const huge = budget.acquire(500);
    expect(await settled(huge)).toBe(false);
    small.release();
    const grant = await huge;
    expect(budget.peak).toBe(500);
    expect(await settled(budget.acquire(1))).toBe(false);
    grant.release();
  });

  it("a release counts once", async () => {
    const budget = new AnswerBudget(100);
    const grant = await budget.acquire(80);
    const other = await budget.acquire(20);
    grant.release();
    grant.release();
    const next = budget.acquire(90);
    expect(await settled(next)).toBe(false);
    other.release();
    (await next).release();
  });

  it("an aborted wait gives up its place and lets the next one through", async () => {
    const budget = new AnswerBudget(100);
    const held = await budget.acquire(50);
    const controller = new AbortController();
    const aborted = budget.acquire(80, controller.signal);
    const after = budget.acquire(40);
    controller.abort();
    await expect(aborted).rejects.toThrow(/aborted/);
    (await after).release();
    held.release();
  });

  it("charges an answer its content-length, or a nominal weight without one", () => {
    expect(AnswerBudget.weigh("1234")).toBe(1234);
    expect(AnswerBudget.weigh(undefined)).toBeGreaterThan(0);
    expect(AnswerBudget.weigh("nonsense")).toBe(AnswerBudget.weigh(undefined));
  });
});
