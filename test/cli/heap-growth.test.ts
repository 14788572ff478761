// The CLI's heap growth settings: each applied unless the user chose that part of node's heap sizing.
import { describe, expect, it } from "vitest";
import { HEAP_GROWTH_FLAGS, limitHeapGrowth } from "../../src/cli/heap-growth.js";

const ALL = HEAP_GROWTH_FLAGS.map((setting) => setting.flag);

describe("limitHeapGrowth", () => {
  it("applies every setting when node was given none of them", () => {
    expect(limitHeapGrowth(["--enable-source-maps"], "--max-old-space-size=4096")).toEqual(ALL);
  });

  it("leaves a setting chosen on node's command line or in NODE_OPTIONS", () => {
    expect(limitHeapGrowth(["--heap-growing-percent=50"], undefined)).toEqual([
      "--semi-space-growth-factor=1",
    ]);
    expect(limitHeapGrowth(["--heap_growing_percent=0"], "--max-semi-space-size=8")).toEqual([]);
    expect(limitHeapGrowth([], "--min-semi-space-size=2")).toEqual(["--heap-growing-percent=20"]);
  });
});
