import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandNamed } from "../../src/cli/commands/index.js";
import type { RestoreCommand } from "../../src/cli/commands/restore/types.js";
import type { SaveCommand } from "../../src/cli/commands/save/types.js";
import type { VerifyCommand } from "../../src/cli/commands/verify/types.js";
import { type ResolvedCommand, resolveConfig } from "../../src/cli/config.js";
import { ENTITY_NAMES } from "../../src/entities/names.js";
import { ConfigError, UsageError } from "../../src/errors.js";
import { TOOL_VERSION as VERSION } from "../../src/version.js";

const TOKEN = "ghp_configTestToken123";
const ENV = { GITHUB_TOKEN: TOKEN };

function save(argv: string[], env: Record<string, string> = ENV): SaveCommand {
  const result = resolveConfig(argv, env);
  if (result.command !== "save") throw new Error(`expected save, got ${result.command}`);
  return result;
}
function restore(argv: string[], env: Record<string, string> = ENV): RestoreCommand {
  const result = resolveConfig(argv, env);
  if (result.command !== "restore") throw new Error(`expected restore, got ${result.command}`);
  return result;
}
function verify(argv: string[], env: Record<string, string> = {}): VerifyCommand {
  const result = resolveConfig(argv, env);
  if (result.command !== "verify") throw new Error(`expected verify, got ${result.command}`);
  return result;
}
function failure(argv: string[], env: Record<string, string | undefined> = ENV): Error {
  try {
    resolveConfig(argv, env);
  } catch (err) {
    expect((err as { exitCode?: number }).exitCode).toBe(2);
    expect((err as Error).message).not.toContain("\n");
    return err as Error;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to fail`);
}

describe("save", () => {
  it("resolves defaults", () => {
    const cfg = save(["save", "octocat/hello-world"]);
    expect(cfg).toMatchObject({
      command: "save",
      repo: { owner: "octocat", repo: "hello-world", fullName: "octocat/hello-world" },
      outDir: "./hello-world-backup",
      resume: false,
      apiUrl: "https://api.github.com",
      graphqlUrl: "https://api.github.com/graphql",
      concurrency: 100,
      logFormat: "text",
      logLevel: "info",
      quiet: false,
      warnings: [],
      tokenSource: "GITHUB_TOKEN",
      issues: { kind: "all" },
      pullRequests: { kind: "all" },
    });
    expect([...cfg.entities].sort()).toEqual([...ENTITY_NAMES].sort());
    expect(cfg.token).toBe(TOKEN);
  });

  it("takes --verify-full only with --incremental", () => {
    expect(save(["save", "o/r", "--incremental", "--verify-full"])).toMatchObject({
      incremental: true,
      verifyFull: true,
    });
    expect(save(["save", "o/r", "--incremental"], { ...ENV, VERIFY_FULL: "true" }).verifyFull).toBe(true);
    expect(save(["save", "o/r"]).verifyFull).toBe(false);
    expect(failure(["save", "o/r", "--verify-full"]).message).toBe(
      "--verify-full compares with the save in --out: use it with --incremental",
    );
  });

  it("takes every setting from flags", () => {
    const cfg = save([
      "save",
      "o/r",
      "--out",
      "/tmp/b",
      "--resume",
      "--include",
      "issues,issue_comments",
      "--issues",
      "1-5 10",
      "--api-url",
      "http://127.0.0.1:9999",
      "--concurrency",
      "3",
      "--log-format",
      "json",
      "--verbose",
    ]);
    expect(cfg).toMatchObject({
      outDir: "/tmp/b",
      resume: true,
      apiUrl: "http://127.0.0.1:9999",
      graphqlUrl: "http://127.0.0.1:9999/graphql",
      concurrency: 3,
      logFormat: "json",
      logLevel: "debug",
      issues: {
        kind: "some",
        ranges: [
          [1, 5],
          [10, 10],
        ],
      },
    });
    expect([...cfg.entities]).toEqual(["issues", "issue_comments"]);
  });

  it("accepts flags before the command and --flag=value", () => {
    const cfg = save(["--quiet", "save", "--out=/x", "o/r", "-o", "/y"]);
    expect(cfg.quiet).toBe(true);
    expect(cfg.logLevel).toBe("warn");
    expect(cfg.outDir).toBe("/y");
  });

  it("repeats --include and --exclude", () => {
    const cfg = save([
      "save",
      "o/r",
      "--include",
      "labels",
      "--include",
      "milestones,releases,release_assets",
    ]);
    expect([...cfg.entities]).toEqual(["labels", "milestones", "releases", "release_assets"]);
    const ex = save(["save", "o/r", "--exclude", "git_repo", "--exclude", "labels"]);
    expect(ex.entities.has("git_repo") || ex.entities.has("labels")).toBe(false);
    expect(
      failure(["save", "o/r", "--include", "labels", "--include", "releases", "--exclude", "releases"])
        .message,
    ).toMatch(/both in --include and in --exclude/);
  });

  it("takes the out folder from DATA_PATH and the repository from GITHUB_REPO", () => {
    const cfg = save(["save"], { ...ENV, GITHUB_REPO: "a/b", DATA_PATH: "/data" });
    expect(cfg.repo.fullName).toBe("a/b");
    expect(cfg.outDir).toBe("/data");
  });

  it("reports the selection's warnings", () => {
    const cfg = save(["save", "o/r", "--exclude", "releases"]);
    expect(cfg.warnings).toEqual([
      expect.stringMatching(/^releases is not selected, but release_assets runs anyway/),
    ]);
  });
});

describe("a flag beats the environment", () => {
  const env = {
    ...ENV,
    GITHUB_REPO: "env/repo",
    DATA_PATH: "/env-data",
    GITHUB_API_URL: "https://ghe.example.com/api/v3",
    GITHUB_GRAPHQL_URL: "https://ghe.example.com/api/graphql",
    CONCURRENCY: "7",
    LOG_FORMAT: "json",
    LOG_LEVEL: "ERROR",
    LABEL_CONFLICT_STRATEGY: "delete-all",
    CREATE_REPOSITORY_IF_MISSING: "true",
    REPOSITORY_VISIBILITY: "public",
    INCLUDE_ISSUES: "1-3",
    INCLUDE_LABELS: "false",
    DRY_RUN: "false",
    IMPORT_API: "never",
    RESTORE_STATE_PATH: "/env-state.json",
    RESUME: "false",
  };

  it("uses the environment when no flag is given", () => {
    const cfg = restore(["restore"], env);
    expect(cfg).toMatchObject({
      dir: "/env-data",
      repo: { fullName: "env/repo" },
      apiUrl: "https://ghe.example.com/api/v3",
      graphqlUrl: "https://ghe.example.com/api/graphql",
      concurrency: 7,
      logFormat: "json",
      logLevel: "error",
      labelConflict: "delete-all",
      createRepo: true,
      visibility: "public",
      issues: { kind: "some", ranges: [[1, 3]] },
      dryRun: false,
      importApi: "never",
      statePath: "/env-state.json",
    });
    expect(cfg.entities.has("labels")).toBe(false);
  });

  it("prefers every flag", () => {
    const cfg = restore(
      [
        "restore",
        "/flag-dir",
        "flag/repo",
        "--api-url",
        "http://127.0.0.1:1234",
        "--concurrency",
        "2",
        "--log-format",
        "text",
        "--verbose",
        "--label-conflict",
        "overwrite",
        "--no-create-repo",
        "--visibility",
        "private",
        "--issues",
        "8",
        "--include",
        "labels,issues",
        "--dry-run",
        "--import-api",
        "always",
        "--state",
        "/flag-state.json",
      ],
      env,
    );
    expect(cfg).toMatchObject({
      dir: "/flag-dir",
      repo: { fullName: "flag/repo" },
      apiUrl: "http://127.0.0.1:1234",
      // GITHUB_GRAPHQL_URL belongs with GITHUB_API_URL, not with --api-url.
      graphqlUrl: "http://127.0.0.1:1234/graphql",
      concurrency: 2,
      logFormat: "text",
      logLevel: "debug",
      labelConflict: "overwrite",
      createRepo: false,
      visibility: "private",
      issues: { kind: "some", ranges: [[8, 8]] },
      dryRun: true,
      importApi: "always",
      statePath: "/flag-state.json",
    });
    expect([...cfg.entities]).toEqual(["labels", "issues"]);
  });

  it("invites collaborators and creates webhooks only when asked, by flag or variable", () => {
    const plain = restore(["restore", "d", "o/r"]);
    expect(plain).toMatchObject({ inviteCollaborators: false, webhooks: false });
    const flags = restore(["restore", "d", "o/r", "--invite-collaborators", "--webhooks"]);
    expect(flags).toMatchObject({ inviteCollaborators: true, webhooks: true });
    const env = restore(["restore", "d", "o/r"], {
      ...ENV,
      INVITE_COLLABORATORS: "yes",
      RESTORE_WEBHOOKS: "on",
    });
    expect(env).toMatchObject({ inviteCollaborators: true, webhooks: true });
    expect(() => restore(["restore", "d", "o/r"], { ...ENV, RESTORE_WEBHOOKS: "maybe" })).toThrow(
      /RESTORE_WEBHOOKS/,
    );
  });

  it("--create-repo beats CREATE_REPOSITORY_IF_MISSING=false", () => {
    const off = { ...ENV, CREATE_REPOSITORY_IF_MISSING: "false" };
    expect(restore(["restore", "d", "o/r"], off).createRepo).toBe(false);
    expect(restore(["restore", "d", "o/r", "--create-repo"], off).createRepo).toBe(true);
  });

  it("--out beats DATA_PATH and --quiet beats LOG_LEVEL", () => {
    const cfg = save(["save", "o/r", "--out", "/flag", "--quiet"], {
      ...ENV,
      DATA_PATH: "/env",
      LOG_LEVEL: "debug",
    });
    expect(cfg.outDir).toBe("/flag");
    expect(cfg.logLevel).toBe("warn");
  });

  it("an argument beats GITHUB_REPO and a subcommand beats OPERATION", () => {
    const cfg = save(["save", "arg/repo"], { ...ENV, GITHUB_REPO: "env/repo", OPERATION: "restore" });
    expect(cfg.repo.fullName).toBe("arg/repo");
  });
});

describe("environment-only form (OPERATION)", () => {
  it("runs save from OPERATION, GITHUB_REPO and DATA_PATH", () => {
    const cfg = save([], { ...ENV, OPERATION: "save", GITHUB_REPO: "o/r", DATA_PATH: "/data" });
    expect(cfg).toMatchObject({ command: "save", outDir: "/data", repo: { fullName: "o/r" } });
  });

  it("runs restore, any case, with the Python tool's variables", () => {
    const cfg = restore([], {
      ...ENV,
      OPERATION: " Restore ",
      GITHUB_REPO: "o/r",
      DATA_PATH: "/data",
      LABEL_CONFLICT_STRATEGY: "Fail-If-Conflict",
      CREATE_REPOSITORY_IF_MISSING: "no",
      REPOSITORY_VISIBILITY: "PUBLIC",
    });
    expect(cfg).toMatchObject({
      dir: "/data",
      labelConflict: "fail-if-conflict",
      createRepo: false,
      visibility: "public",
    });
  });

  it("accepts command flags without a subcommand", () => {
    const cfg = restore(["--dry-run"], { ...ENV, OPERATION: "restore", GITHUB_REPO: "o/r", DATA_PATH: "/d" });
    expect(cfg.dryRun).toBe(true);
  });

  it("needs OPERATION when no command is given", () => {
    expect(failure([], ENV).message).toMatch(
      /^no command given: use save, restore, verify or site, or set OPERATION/,
    );
    expect(failure([], { ...ENV, OPERATION: "" }).message).toMatch(/^no command given/);
  });

  it("rejects an unknown OPERATION", () => {
    expect(failure([], { ...ENV, OPERATION: "backup" }).message).toBe(
      'OPERATION is "backup"; use save or restore (or verify)',
    );
  });

  it("names what is missing", () => {
    expect(failure([], { ...ENV, OPERATION: "save" }).message).toMatch(
      /save: missing OWNER\/REPO.*GITHUB_REPO/,
    );
    expect(failure([], { ...ENV, OPERATION: "restore", GITHUB_REPO: "o/r" }).message).toMatch(
      /restore: missing DIR.*DATA_PATH/,
    );
    expect(failure(["restore", "dir"], ENV).message).toMatch(/restore: missing OWNER\/REPO/);
    expect(failure(["verify"], {}).message).toMatch(/verify: missing DIR/);
  });

  it("treats a single restore argument as DIR, with GITHUB_REPO", () => {
    expect(restore(["restore", "./b"], { ...ENV, GITHUB_REPO: "o/r" })).toMatchObject({
      dir: "./b",
      repo: { fullName: "o/r" },
    });
  });
});

describe("OWNER/REPO", () => {
  it.each([
    ["octocat/hello-world", "octocat", "hello-world"],
    ["a/b", "a", "b"],
    ["A-b-C/x.y_z-1", "A-b-C", "x.y_z-1"],
    [`${"a".repeat(39)}/${"r".repeat(100)}`, "a".repeat(39), "r".repeat(100)],
    ["o/.github", "o", ".github"],
    ["o/..x", "o", "..x"],
    ["https://github.com/cli/cli", "cli", "cli"],
    ["https://github.com/cli/cli.git", "cli", "cli"],
    [" o/r ", "o", "r"],
  ])("accepts %j", (text, owner, repo) => {
    expect(save(["save", "--", text]).repo).toEqual({ owner, repo, fullName: `${owner}/${repo}` });
  });

  it.each([
    ["octocat", /is not OWNER\/REPO/],
    ["a/b/c", /is not OWNER\/REPO/],
    ["/repo", /is not OWNER\/REPO/],
    ["owner/", /is not OWNER\/REPO/],
    ["-owner/r", /not a valid owner/],
    ["owner-/r", /not a valid owner/],
    ["own--er/r", /not a valid owner/],
    ["own_er/r", /not a valid owner/],
    [`${"a".repeat(40)}/r`, /not a valid owner/],
    ["o/.", /not a valid repository name/],
    ["o/..", /not a valid repository name/],
    ["o/a b", /not a valid repository name/],
    ["o/a@b", /not a valid repository name/],
    [`o/${"r".repeat(101)}`, /not a valid repository name/],
  ])("rejects %j", (text, message) => {
    const err = failure(["save", "--", text]);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/^OWNER\/REPO: /);
    expect(err.message).toMatch(message);
  });

  it("names GITHUB_REPO when the value came from it", () => {
    expect(failure(["save"], { ...ENV, GITHUB_REPO: "nope" }).message).toMatch(
      /^GITHUB_REPO: "nope" is not OWNER\/REPO/,
    );
  });
});

describe("token", () => {
  it("is required by save and restore", () => {
    for (const argv of [
      ["save", "o/r"],
      ["restore", "d", "o/r"],
    ]) {
      const err = failure(argv, {});
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.message).toMatch(/needs a GitHub token: set GITHUB_TOKEN or GH_TOKEN/);
    }
    expect(failure(["save", "o/r"], { GITHUB_TOKEN: "  " })).toBeInstanceOf(ConfigError);
  });

  it("is not needed by verify", () => {
    expect(verify(["verify", "./backup"], {})).toMatchObject({ command: "verify", dir: "./backup" });
    expect(verify([], { OPERATION: "verify", DATA_PATH: "/d" }).dir).toBe("/d");
  });

  it("falls back to GH_TOKEN; GITHUB_TOKEN wins when both are set", () => {
    expect(save(["save", "o/r"], { GH_TOKEN: "gh1" })).toMatchObject({
      tokenSource: "GH_TOKEN",
      token: "gh1",
    });
    expect(save(["save", "o/r"], { GH_TOKEN: "gh1", GITHUB_TOKEN: "gt2" }).token).toBe("gt2");
    expect(save(["save", "o/r"], { GITHUB_TOKEN: " padded\n" }).token).toBe("padded");
  });

  it("never shows up when the config is serialised", () => {
    const cfg = save(["save", "o/r"]);
    expect(JSON.stringify(cfg)).not.toContain(TOKEN);
    expect(Object.keys(cfg)).not.toContain("token");
    const r = restore(["restore", "d", "o/r"]);
    expect(r.token).toBe(TOKEN);
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });

  it("is refused as a flag, without echoing it", () => {
    for (const argv of [
      ["save", "o/r", "--token", "ghp_secret1"],
      ["save", "o/r", "--token=ghp_secret1"],
      ["--github-token=ghp_secret1", "save", "o/r"],
    ]) {
      const err = failure(argv);
      expect(err.message).toMatch(/never accepted as a flag/);
      expect(err.message).not.toContain("ghp_secret1");
    }
  });

  it("with a line break is refused without echoing it", () => {
    const err = failure(["save", "o/r"], { GITHUB_TOKEN: "ghp_abc\u0007def" });
    expect(err.message).toBe("GITHUB_TOKEN contains spaces or control characters");
  });
});

describe("API URLs", () => {
  const urls = (argv: string[], env: Record<string, string> = {}) => {
    const cfg = save(["save", "o/r", ...argv], { ...ENV, ...env });
    return [cfg.apiUrl, cfg.graphqlUrl];
  };

  it("derives the GraphQL endpoint", () => {
    expect(urls([])).toEqual(["https://api.github.com", "https://api.github.com/graphql"]);
    expect(urls(["--api-url", "https://github.example.com/api/v3"])).toEqual([
      "https://github.example.com/api/v3",
      "https://github.example.com/api/graphql",
    ]);
    expect(urls(["--api-url", "https://github.example.com/api/v3/"])).toEqual([
      "https://github.example.com/api/v3",
      "https://github.example.com/api/graphql",
    ]);
    expect(urls(["--api-url", "http://127.0.0.1:1234"])).toEqual([
      "http://127.0.0.1:1234",
      "http://127.0.0.1:1234/graphql",
    ]);
    expect(urls([], { GITHUB_API_URL: "http://127.0.0.1:1234/" })).toEqual([
      "http://127.0.0.1:1234",
      "http://127.0.0.1:1234/graphql",
    ]);
  });

  it("derives the GraphQL endpoint when GITHUB_GRAPHQL_URL names another server than GITHUB_API_URL", () => {
    expect(
      urls([], {
        GITHUB_API_URL: "https://ghe.example/api/v3",
        GITHUB_GRAPHQL_URL: "https://api.github.com/graphql",
      })[1],
    ).toBe("https://ghe.example/api/graphql");
    expect(
      urls([], {
        GITHUB_API_URL: "https://ghe.example/api/v3",
        GITHUB_GRAPHQL_URL: "https://ghe.example/gql",
      })[1],
    ).toBe("https://ghe.example/gql");
  });

  it("takes an explicit GraphQL endpoint from the flag or GITHUB_GRAPHQL_URL", () => {
    expect(urls(["--graphql-url", "http://127.0.0.1:5/gql"])[1]).toBe("http://127.0.0.1:5/gql");
    expect(urls([], { GITHUB_GRAPHQL_URL: "http://127.0.0.1:6/gql" })[1]).toBe("http://127.0.0.1:6/gql");
  });

  it.each([
    [["--api-url", "not a url"], /^--api-url: "not a url" is not a URL/],
    [["--api-url", "ftp://example.com"], /^--api-url: "ftp:" URLs are not supported/],
    [["--graphql-url", "file:///etc/passwd"], /^--graphql-url: "file:" URLs are not supported/],
    [["--api-url", "https://example.com/api?x=1"], /must not have a query/],
  ])("rejects %j", (argv, message) => {
    const err = failure(["save", "o/r", ...argv]);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(message);
  });

  it("rejects credentials in a URL without echoing them", () => {
    const err = failure(["save", "o/r"], { ...ENV, GITHUB_API_URL: "https://user:hunter2@example.com" });
    expect(err.message).toMatch(/^GITHUB_API_URL: the URL contains a user name or password/);
    expect(err.message).not.toContain("hunter2");
  });
});

describe("validation", () => {
  it.each([
    [["--concurrency", "0"], /^--concurrency: "0" is not a whole number from 1 to 100$/],
    [["--concurrency", "101"], /from 1 to 100/],
    [["--concurrency", "2.5"], /from 1 to 100/],
    [["--concurrency", "many"], /from 1 to 100/],
    [["--log-format", "xml"], /^--log-format: "xml" is not one of text, json$/],
    [["--quiet", "--verbose"], /--quiet and --verbose cannot be used together/],
    [["--dry-run"], /^--dry-run applies to restore, not to save$/],
    [["--label-conflict", "skip"], /--label-conflict applies to restore, not to save/],
    [["--bogus"], /unknown option '--bogus'/],
    [["extra"], /too many arguments/],
    [["--out", ""], /--out: the path is empty/],
    [["--concurrency"], /argument missing/],
  ])("save %j", (argv, message) => {
    const err = failure(["save", "o/r", ...argv]);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(message);
  });

  it.each([
    [["--label-conflict", "merge"], /^--label-conflict: "merge" is not one of skip, fail-if-existing/],
    [["--visibility", "internal"], /^--visibility: "internal" is not one of public, private$/],
    [["--import-api", "maybe"], /^--import-api: "maybe" is not one of auto, always, never$/],
    [["--resume"], /^--resume applies to save, not to restore$/],
  ])("restore %j", (argv, message) => {
    expect(failure(["restore", "d", "o/r", ...argv]).message).toMatch(message);
  });

  it("rejects remote flags on verify", () => {
    expect(failure(["verify", "d", "--include", "labels"], {}).message).toMatch(
      /^--include applies to save and restore, not to verify$/,
    );
  });

  it.each([
    [{ CONCURRENCY: "0" }, /^CONCURRENCY: "0"/],
    [{ LOG_FORMAT: "yaml" }, /^LOG_FORMAT: "yaml"/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL: "loud" is not one of DEBUG, INFO, WARNING, ERROR$/],
    [{ RESUME: "sure" }, /^RESUME is "sure", which is not a boolean/],
    [{ INCLUDE_RELEASES: "maybe" }, /^INCLUDE_RELEASES is "maybe"/],
  ])("names the variable in %j", (env, message) => {
    expect(failure(["save", "o/r"], { ...ENV, ...env }).message).toMatch(message);
  });

  it.each([
    ["debug", "debug"],
    ["INFO", "info"],
    ["Warning", "warn"],
    ["WARN", "warn"],
    ["ERROR", "error"],
  ])("LOG_LEVEL=%s", (value, level) => {
    expect(verify(["verify", "d"], { LOG_LEVEL: value }).logLevel).toBe(level);
  });

  it("rejects an unknown command, suggesting a close one", () => {
    expect(failure(["sve", "o/r"]).message).toBe(
      'unknown command "sve"; use save, restore, verify or site (did you mean save?)',
    );
    expect(failure(["frobnicate"]).message).toBe(
      'unknown command "frobnicate"; use save, restore, verify or site',
    );
  });

  it("gives a hint pointing at help", () => {
    const err = failure(["save", "o/r", "--bogus"]) as UsageError;
    expect(err.hint).toBe("see 'github-data save --help'");
  });
});

describe("help and version", () => {
  const text = (argv: string[], env: Record<string, string> = {}): string => {
    const result: ResolvedCommand = resolveConfig(argv, env);
    if (result.command !== "help" && result.command !== "version") throw new Error(`got ${result.command}`);
    return result.text;
  };

  it("prints the overview for --help, -h and help", () => {
    const overview = text(["--help"]);
    expect(text(["-h"])).toBe(overview);
    expect(text(["help"])).toBe(overview);
    for (const heading of [
      "USAGE",
      "COMMANDS",
      "FLAGS",
      "ENVIRONMENT",
      "EXAMPLES",
      "EXIT CODES",
      "LEARN MORE",
    ]) {
      expect(overview).toContain(`\n${heading}\n`);
    }
    expect(overview).toContain("github-data <command> [flags]");
    expect(overview).toMatch(/130\s+interrupted/);
  });

  it("prints a command's help even when the rest of the line is incomplete or wrong", () => {
    const saveHelp = text(["save", "--help"]);
    expect(saveHelp).toContain("github-data save OWNER/REPO [--out DIR] [flags]");
    expect(text(["help", "save"])).toBe(saveHelp);
    expect(text(["--log-format", "json", "save", "-h"])).toBe(saveHelp);
    expect(text(["restore", "--help", "--bogus"])).toContain("github-data restore DIR OWNER/REPO [flags]");
    expect(text(["verify", "--help"])).toContain("github-data verify DIR [flags]");
  });

  it("documents every flag and its variable in the commands it applies to", () => {
    for (const command of ["save", "restore", "verify"] as const) {
      const help = text([command, "--help"]);
      for (const spec of commandNamed(command).flags.filter((s) => !s.hidden)) {
        expect(help).toContain(spec.display ?? spec.flags);
        if (spec.env && command !== "verify") expect(help).toContain(spec.env);
      }
      for (const line of help.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
    }
  });

  it("explains why there is no token flag", () => {
    expect(text(["save", "--help"]).replace(/\s+/g, " ")).toContain(
      "no --token flag on purpose: a token on the command line leaks into shell history and process lists",
    );
  });

  it("prints the version, which matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
    expect(text(["--version"])).toBe(`github-data ${pkg.version}\n`);
    expect(text(["save", "o/r", "--version"])).toBe(`github-data ${pkg.version}\n`);
  });
});
