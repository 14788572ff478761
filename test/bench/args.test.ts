import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, jitterAt, parseBenchArgs } from "../../bench/args.js";

describe("parseBenchArgs", () => {
  it("defaults to medium and large at 300 ms (the headline) and 80 ms, one pair, a sustained run", () => {
    expect(parseBenchArgs([])).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      datasets: ["medium", "large"],
      pairs: 1,
      latenciesMs: [300, 80],
      jitterMs: null,
      sustained: true,
    });
    expect(jitterAt(DEFAULT_SETTINGS, 300)).toBe(60);
    expect(jitterAt(DEFAULT_SETTINGS, 80)).toBe(16);
  });

  it("reads flags with separate or inline values", () => {
    const s = parseBenchArgs([
      "--dataset",
      "skewed,medium",
      "--pairs=5",
      "--latency-ms",
      "40,300",
      "--jitter-ms=10",
      "--no-warmup",
      "--no-sustained",
    ]);
    expect(s).toMatchObject({
      datasets: ["skewed", "medium"],
      pairs: 5,
      latenciesMs: [40, 300],
      jitterMs: 10,
      warmup: false,
      sustained: false,
    });
    expect(jitterAt(s, 300)).toBe(10);
  });

  it("makes --quick one pair on medium at 80 ms without the sustained run, unless told otherwise", () => {
    expect(parseBenchArgs(["--quick"])).toMatchObject({
      datasets: ["medium"],
      pairs: 1,
      latenciesMs: [80],
      warmup: false,
      sustained: false,
    });
    expect(parseBenchArgs(["--quick", "--dataset", "small", "--pairs", "2"])).toMatchObject({
      datasets: ["small"],
      pairs: 2,
    });
  });

  it("runs the restore benchmark after the save one, alone, or not at all", () => {
    expect(parseBenchArgs([])).toMatchObject({ save: true, restore: true, restoreScale: "auto" });
    expect(parseBenchArgs(["--restore-only", "--restore-scale", "60"])).toMatchObject({
      save: false,
      restore: true,
      restoreScale: 60,
    });
    expect(parseBenchArgs(["--no-restore"])).toMatchObject({ save: true, restore: false });
    expect(parseBenchArgs(["--quick"])).toMatchObject({ restore: false });
    expect(() => parseBenchArgs(["--restore-scale", "0"])).toThrow(/--restore-scale/);
  });

  it("rejects unknown datasets, bad numbers and unknown flags", () => {
    expect(() => parseBenchArgs(["--dataset", "huge"])).toThrow(/unknown dataset "huge"/);
    expect(() => parseBenchArgs(["--pairs", "0"])).toThrow(/--pairs/);
    expect(() => parseBenchArgs(["--pairs"])).toThrow(/--pairs/);
    expect(() => parseBenchArgs(["--latency-ms", "10,300", "--jitter-ms", "20"])).toThrow(/jitter/);
    expect(() => parseBenchArgs(["--latency-ms", "fast"])).toThrow(/--latency-ms/);
    expect(() => parseBenchArgs(["--fast"])).toThrow(/unknown option --fast/);
  });
});
