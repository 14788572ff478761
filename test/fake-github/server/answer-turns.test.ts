// The fake works out one API answer per event-loop turn, in arrival order, so
// the loop polls (and accepts a waiting connection) between two answers.
import { describe, expect, it } from "vitest";
import { AnswerTurns } from "../../../fake-github/http/answer-turns.js";

/** Counts event-loop turns: an immediate that queues itself again, started before the turns are asked for. */
function turnCounter(): { now: () => number; stop: () => void } {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turn, stop: () => (running = false) };
}

describe("AnswerTurns", () => {
  it("lets requests go one per event-loop turn, first come first served", async () => {
    const counter = turnCounter();
    const turns = new AnswerTurns();
    const seen: Array<{ request: number; turn: number }> = [];
    await Promise.all(
      [1, 2, 3, 4].map((request) => turns.next().then(() => seen.push({ request, turn: counter.now() }))),
    );
    counter.stop();
    expect(seen.map((s) => s.request)).toEqual([1, 2, 3, 4]);
    const gaps = seen.slice(1).map((s, i) => s.turn - (seen[i]?.turn ?? 0));
    expect(gaps).toEqual([1, 1, 1]);
  });

  it("starts again after it has run dry", async () => {
    const turns = new AnswerTurns();
    await turns.next();
    const order: number[] = [];
    await Promise.all([turns.next().then(() => order.push(1)), turns.next().then(() => order.push(2))]);
    expect(order).toEqual([1, 2]);
  });
});
