// The CLI's heap growth step: applied unless the user chose one for node.
import { describe, expect, it } from "vitest";
import { limitHeapGrowth } from "../../src/cli/heap-growth.js";

describe("limitHeapGrowth", () => {
  it("applies the step when node was given none", () => {
    expect(limitHeapGrowth(["--enable-source-maps"], "--max-old-space-size=4096")).toBe(true);
  });

  it("leaves a step chosen on node's command line or in NODE_OPTIONS", () => {
    expect(limitHeapGrowth(["--heap-growing-percent=50"], undefined)).toBe(false);
    expect(limitHeapGrowth(["--heap_growing_percent=0"], undefined)).toBe(false);
    expect(limitHeapGrowth([], "--heap-growing-percent=50")).toBe(false);
  });
});
