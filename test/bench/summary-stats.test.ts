import { describe, expect, it } from "vitest";
import { median, spread } from "../../bench/summary-stats.js";

describe("median and spread", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("reports median, min, max and count", () => {
    expect(spread([7.5, 6.1, 8.2])).toEqual({ median: 7.5, min: 6.1, max: 8.2, n: 3 });
  });
});
