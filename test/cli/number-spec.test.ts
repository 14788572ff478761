import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import {
  ALL,
  NONE,
  parseNumberSpec,
  selectionHas,
  selectionNumbers,
  selectionSize,
  selectionToString,
} from "../../src/selection/number-spec.js";

describe("parseNumberSpec", () => {
  it.each([
    ["1", [[1, 1]]],
    [
      "1 3 5",
      [
        [1, 1],
        [3, 3],
        [5, 5],
      ],
    ],
    [
      "1,3,5",
      [
        [1, 1],
        [3, 3],
        [5, 5],
      ],
    ],
    [
      "1, 3,  5",
      [
        [1, 1],
        [3, 3],
        [5, 5],
      ],
    ],
    [
      "5 1-3",
      [
        [1, 3],
        [5, 5],
      ],
    ],
    [
      "1-3,5",
      [
        [1, 3],
        [5, 5],
      ],
    ],
    ["5-5", [[5, 5]]],
    [
      "1-5 10 15-20",
      [
        [1, 5],
        [10, 10],
        [15, 20],
      ],
    ],
    ["3-8 1-4", [[1, 8]]],
    ["1-2 3-4", [[1, 4]]],
    ["7 7 7", [[7, 7]]],
    [
      "  2\t4\n",
      [
        [2, 2],
        [4, 4],
      ],
    ],
    ["1,2,", [[1, 2]]],
  ])("parses %j", (text, ranges) => {
    expect(parseNumberSpec(text, "--issues")).toEqual({ kind: "some", ranges });
  });

  it.each([
    ["", /empty/],
    ["   ", /empty/],
    [",", /empty/],
    ["0", /numbers start at 1/],
    ["-1", /numbers start at 1/],
    ["-5", /"-5"/],
    ["1-", /open range/],
    ["5-1", /"5-1" is a reversed range; write 1-5/],
    ["1-0", /numbers start at 1/],
    ["0-5", /numbers start at 1/],
    ["1-2-3", /"1-2-3" is not a number or a range/],
    ["1--3", /"1--3" is not a number or a range/],
    ["abc", /"abc" is not a number or a range/],
    ["1-abc", /"1-abc" is not a number or a range/],
    ["1.5", /"1.5" is not a number/],
    ["99999999999999999999", /too large/],
  ])("rejects %j", (text, message) => {
    let error: unknown;
    try {
      parseNumberSpec(text, "--issues");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    const { message: text2, exitCode } = error as UsageError;
    expect(text2).toMatch(/^--issues: /);
    expect(text2).toMatch(message);
    expect(text2).not.toContain("\n");
    expect(exitCode).toBe(2);
  });

  it("names the source in errors", () => {
    expect(() => parseNumberSpec("x", "INCLUDE_ISSUES")).toThrow(/^INCLUDE_ISSUES: /);
  });
});

describe("selection helpers", () => {
  const sel = parseNumberSpec("1-5 10 15-20", "t");

  it("answers membership", () => {
    for (const n of [1, 3, 5, 10, 15, 20]) expect(selectionHas(sel, n)).toBe(true);
    for (const n of [0, 6, 9, 11, 14, 21, 1000]) expect(selectionHas(sel, n)).toBe(false);
    expect(selectionHas(ALL, 123456)).toBe(true);
    expect(selectionHas(NONE, 1)).toBe(false);
  });

  it("prints a canonical spec that parses back", () => {
    expect(selectionToString(sel)).toBe("1-5,10,15-20");
    expect(parseNumberSpec(selectionToString(sel), "t")).toEqual(sel);
    expect(selectionToString(ALL)).toBe("all");
    expect(selectionToString(NONE)).toBe("none");
  });

  it("iterates and counts", () => {
    expect([...selectionNumbers(sel)]).toEqual([1, 2, 3, 4, 5, 10, 15, 16, 17, 18, 19, 20]);
    expect(selectionSize(sel)).toBe(12);
    expect([...selectionNumbers(NONE)]).toEqual([]);
    expect(selectionSize(NONE)).toBe(0);
    expect(selectionSize(ALL)).toBe(Number.POSITIVE_INFINITY);
    expect(() => [...selectionNumbers(ALL)]).toThrow(RangeError);
  });

  it("keeps huge ranges as two numbers", () => {
    const huge = parseNumberSpec("1-9000000000000", "t");
    expect(huge).toEqual({ kind: "some", ranges: [[1, 9_000_000_000_000]] });
    expect(selectionSize(huge)).toBe(9_000_000_000_000);
    expect(selectionHas(huge, 8_999_999_999_999)).toBe(true);
    const it = selectionNumbers(huge);
    expect([it.next().value, it.next().value]).toEqual([1, 2]);
  });
});
