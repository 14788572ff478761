// A webhook's URL as the backup keeps it: routing query parameters stay,
// credentials (userinfo, token-like query values) never reach the file.
import { describe, expect, it } from "vitest";
import { publicUrl, REDACTED } from "../../src/entities/webhooks/save.js";

describe("publicUrl", () => {
  it("keeps the path and a plain query", () => {
    expect(publicUrl("https://ci.example.invalid/hook?channel=ops&format=compact")).toBe(
      "https://ci.example.invalid/hook?channel=ops&format=compact",
    );
  });

  it("drops userinfo and the fragment", () => {
    expect(publicUrl("https://bot:pw@h.example.invalid/x#frag")).toBe("https://h.example.invalid/x");
  });

  it.each([
    ["token", "abc"],
    ["api_key", "k"],
    ["secret", "s"],
    ["sig", "x"],
    ["access_token", "t"],
    ["Password", "p"],
  ])("redacts the value of %s", (name, value) => {
    expect(publicUrl(`https://h.example.invalid/x?channel=a&${name}=${value}`)).toBe(
      `https://h.example.invalid/x?channel=a&${name}=${REDACTED}`,
    );
  });

  it("redacts a long value that mixes letters and digits whatever its name", () => {
    expect(publicUrl("https://h.example.invalid/x?t=a1b2c3d4e5f6g7h8i9j0k1")).toBe(
      `https://h.example.invalid/x?t=${REDACTED}`,
    );
  });

  it("answers null for what is not a URL", () => {
    expect(publicUrl("not a url")).toBeNull();
    expect(publicUrl(42)).toBeNull();
  });
});
