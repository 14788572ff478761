// The token from the GitHub CLI: a fake `gh` on PATH stands in for the real one.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/cli/config.js";
import { ghHostFor, tokenFromGh } from "../../src/cli/gh-token.js";
import { ConfigError } from "../../src/errors.js";

const root = mkdtempSync(join(tmpdir(), "gd-gh-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder holding an executable `gh` with the given shell body, for PATH. */
function fakeGh(name: string, body: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "gh"), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, "gh"), 0o755);
  return dir;
}

// Records its arguments, then prints a token named after the host it was asked for.
const LOGGED_IN = fakeGh(
  "logged-in",
  `echo "$@" > "${join(root, "args")}"\nprintf '  gho_fromGh_%s\\n' "$4"`,
);
const LOGGED_OUT = fakeGh(
  "logged-out",
  'echo "You are not logged into any GitHub hosts. To log in, run: gh auth login" >&2\nexit 1',
);
const GARBAGE = fakeGh("garbage", "echo 'two words'");
const NO_GH = join(root, "empty");
mkdirSync(NO_GH, { recursive: true });

describe("ghHostFor", () => {
  it("maps api.github.com to github.com and keeps any other host", () => {
    expect(ghHostFor("https://api.github.com")).toBe("github.com");
    expect(ghHostFor("https://ghe.example.com/api/v3")).toBe("ghe.example.com");
    expect(ghHostFor("http://127.0.0.1:8080")).toBe("127.0.0.1:8080");
  });
});

describe("tokenFromGh", () => {
  it("runs `gh auth token --hostname HOST` and returns its trimmed output", () => {
    expect(tokenFromGh("https://api.github.com", { PATH: LOGGED_IN })).toBe("gho_fromGh_github.com");
    expect(readFileSync(join(root, "args"), "utf8").trim()).toBe("auth token --hostname github.com");
  });

  it("gives nothing when gh is missing, not logged in, or prints something that is not one token", () => {
    expect(tokenFromGh("https://api.github.com", { PATH: NO_GH })).toBeUndefined();
    expect(tokenFromGh("https://api.github.com", { PATH: LOGGED_OUT })).toBeUndefined();
    expect(tokenFromGh("https://api.github.com", { PATH: GARBAGE })).toBeUndefined();
  });
});

describe("resolveConfig without GITHUB_TOKEN or GH_TOKEN", () => {
  it("takes the token from gh for the API URL's host, never showing it", () => {
    const config = resolveConfig(["save", "o/r", "--api-url", "https://ghe.example.com/api/v3"], {
      PATH: LOGGED_IN,
    });
    if (config.command !== "save") throw new Error("expected save");
    expect(config.token).toBe("gho_fromGh_ghe.example.com");
    expect(config.tokenSource).toBe("gh");
    expect(JSON.stringify(config)).not.toContain("gho_fromGh");
  });

  it("prefers GITHUB_TOKEN and GH_TOKEN over gh", () => {
    const config = resolveConfig(["save", "o/r"], { PATH: LOGGED_IN, GH_TOKEN: "ghp_fromEnv" });
    if (config.command !== "save") throw new Error("expected save");
    expect(config.token).toBe("ghp_fromEnv");
    expect(config.tokenSource).toBe("GH_TOKEN");
  });

  it("names gh auth login when gh is missing or logged out", () => {
    for (const PATH of [NO_GH, LOGGED_OUT]) {
      let error: unknown;
      try {
        resolveConfig(["restore", "./backup", "o/r"], { PATH });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(
        /set GITHUB_TOKEN or GH_TOKEN, or log in with 'gh auth login'/,
      );
    }
  });
});
