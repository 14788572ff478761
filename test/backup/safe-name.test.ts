import { describe, expect, it } from "vitest";
import { isInside, MAX_NAME_BYTES, safeFileName } from "../../src/backup/safe-name.js";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("safeFileName", () => {
  it.each([
    ["app.tar.gz", "app.tar.gz"],
    ["My Report (final).pdf", "My Report (final).pdf"],
    ["../x", "x"],
    ["../../etc/passwd", "etc_passwd"],
    ["/etc/passwd", "etc_passwd"],
    ["..\\..\\windows\\win.ini", "windows_win.ini"],
    ["a\u0000b", "ab"],
    ["bell\u0007\nname.txt", "bellname.txt"],
    ["CON", "_CON"],
    ["con.txt", "_con.txt"],
    ["Lpt1.tar.gz", "_Lpt1.tar.gz"],
    ["aux", "_aux"],
    ["CONSOLE.txt", "CONSOLE.txt"],
    ["..", "asset"],
    [".", "asset"],
    ["", "asset"],
    ["   ", "asset"],
    ["/", "asset"],
    [".hidden", "hidden"],
    ["...dots.zip", "dots.zip"],
    ["trailing. . ", "trailing"],
    ["what?<>|*.txt", "what_____.txt"],
    ["🎉 launch.zip", "🎉 launch.zip"],
  ])("%j → %j", (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it("limits very long names to 200 bytes of UTF-8 and keeps the extension", () => {
    const ascii = safeFileName(`${"x".repeat(500)}.tar.gz`);
    expect(bytes(ascii)).toBe(MAX_NAME_BYTES);
    expect(ascii.endsWith("x.gz")).toBe(true);

    const emoji = safeFileName(`${"😀".repeat(100)}.bin`);
    expect(bytes(emoji)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(emoji).toMatch(/^(😀)+\.bin$/u);
    expect(emoji).not.toContain("\ufffd");
  });

  it("de-duplicates within a folder, case-insensitively", () => {
    const taken = new Set<string>();
    expect(safeFileName("a.zip", taken)).toBe("a.zip");
    expect(safeFileName("A.zip", taken)).toBe("A (2).zip");
    expect(safeFileName("a.zip", taken)).toBe("a (3).zip");
    expect(safeFileName("../a.zip", taken)).toBe("a (4).zip");
    expect(safeFileName("b", taken)).toBe("b");
    expect(safeFileName("b", taken)).toBe("b (2)");
    expect([...taken]).toEqual(["a.zip", "A (2).zip", "a (3).zip", "a (4).zip", "b", "b (2)"]);
  });

  it("keeps de-duplicated long names within the byte limit", () => {
    const taken = new Set<string>();
    const long = `${"é".repeat(150)}.bin`;
    const first = safeFileName(long, taken);
    const second = safeFileName(long, taken);
    expect(second).not.toBe(first);
    expect(second.endsWith(" (2).bin")).toBe(true);
    expect(bytes(second)).toBeLessThanOrEqual(MAX_NAME_BYTES);
  });

  it("never yields a name with separators, control characters or a leading dot", () => {
    const nasty = [
      "../../..",
      "a/../b",
      "\u0000",
      "..\u0000..",
      " . ",
      "x\\y/z",
      "\u001f.",
      "nul.",
      "COM9 .log",
    ];
    for (const name of nasty) {
      const safe = safeFileName(name);
      expect(safe.length).toBeGreaterThan(0);
      expect([...safe].some((ch) => ch === "/" || ch === "\\" || ch.charCodeAt(0) < 0x20)).toBe(false);
      expect(safe.startsWith(".")).toBe(false);
      expect(safe).not.toMatch(/[. ]$/);
      expect(safe.split(".")[0]?.trim()).not.toMatch(/^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i);
    }
  });
});

describe("isInside", () => {
  it.each([
    ["release-assets/1/a.zip", true],
    ["a/../b", true],
    ["..foo", true],
    ["../x", false],
    ["release-assets/../../x", false],
    ["/etc/passwd", false],
    [".", false],
    ["", false],
  ])("%j → %s", (path, expected) => {
    expect(isInside("/backup/dir", path)).toBe(expected);
  });

  it("accepts absolute paths inside the root", () => {
    expect(isInside("/backup/dir", "/backup/dir/x")).toBe(true);
    expect(isInside("/backup/dir", "/backup/dirx/y")).toBe(false);
  });
});
