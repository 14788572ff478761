import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { parseBoolean } from "../../src/util/booleans.js";

describe("parseBoolean", () => {
  it.each(["true", "TRUE", "True", "yes", "YES", "on", "On", "1", "  true  ", "\tyes\n"])(
    "%j is true",
    (value) => {
      expect(parseBoolean(value, "INCLUDE_LABELS")).toBe(true);
    },
  );

  it.each(["false", "FALSE", "no", "No", "off", "OFF", "0", " off "])("%j is false", (value) => {
    expect(parseBoolean(value, "INCLUDE_LABELS")).toBe(false);
  });

  it.each(["", "  ", "maybe", "2", "t", "y", "enabled", "-1"])(
    "%j is an error naming the variable",
    (value) => {
      expect(() => parseBoolean(value, "INCLUDE_LABELS")).toThrow(UsageError);
      expect(() => parseBoolean(value, "INCLUDE_LABELS")).toThrow(
        /^INCLUDE_LABELS .*not a boolean; use one of true, yes, on, 1 or false, no, off, 0$/,
      );
    },
  );

  it("says when the value is empty", () => {
    expect(() => parseBoolean("", "CREATE_REPOSITORY_IF_MISSING")).toThrow(
      /CREATE_REPOSITORY_IF_MISSING is empty/,
    );
  });
});
