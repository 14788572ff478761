import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, parseBenchArgs } from "../../bench/args.js";

describe("parseBenchArgs", () => {
  it("defaults to medium, skewed and large with 3 pairs at 80 ± 20 ms", () => {
    expect(parseBenchArgs([])).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      datasets: ["medium", "skewed", "large"],
      pairs: 3,
      latencyMs: 80,
      jitterMs: 20,
    });
  });

  it("reads flags with separate or inline values", () => {
    const s = parseBenchArgs([
      "--dataset",
      "skewed,medium",
      "--pairs=5",
      "--latency-ms",
      "40",
      "--jitter-ms=10",
      "--no-warmup",
    ]);
    expect(s).toMatchObject({
      datasets: ["skewed", "medium"],
      pairs: 5,
      latencyMs: 40,
      jitterMs: 10,
      warmup: false,
    });
  });

  it("makes --quick one pair on medium and skewed, unless told otherwise", () => {
    expect(parseBenchArgs(["--quick"])).toMatchObject({
      datasets: ["medium", "skewed"],
      pairs: 1,
      warmup: false,
    });
    expect(parseBenchArgs(["--quick", "--dataset", "small", "--pairs", "2"])).toMatchObject({
      datasets: ["small"],
      pairs: 2,
    });
  });

  it("rejects unknown datasets, bad numbers and unknown flags", () => {
    expect(() => parseBenchArgs(["--dataset", "huge"])).toThrow(/unknown dataset "huge"/);
    expect(() => parseBenchArgs(["--pairs", "0"])).toThrow(/--pairs/);
    expect(() => parseBenchArgs(["--pairs"])).toThrow(/--pairs/);
    expect(() => parseBenchArgs(["--latency-ms", "10", "--jitter-ms", "20"])).toThrow(/jitter/);
    expect(() => parseBenchArgs(["--fast"])).toThrow(/unknown option --fast/);
  });
});
