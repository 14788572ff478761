import { describe, expect, it } from "vitest";
import { gitEnvironment, HARDENING_CONFIG } from "../../src/util/git.js";

describe("gitEnvironment", () => {
  it("adds a run's own variables (git-lfs's GOGC) without letting them replace the hardening", () => {
    const env = gitEnvironment(
      undefined,
      { PATH: "/bin" },
      {
        env: { GOGC: "200", GIT_CONFIG_COUNT: "0", PATH: "/elsewhere" },
      },
    );
    expect(env.GOGC).toBe("200");
    expect(env.PATH).toBe("/bin");
    expect(env.GIT_CONFIG_COUNT).toBe(String(HARDENING_CONFIG.length));
    expect(env.GIT_CONFIG_KEY_0).toBe(HARDENING_CONFIG[0]?.[0]);
  });

  it("passes none of the caller's GOGC to git", () => {
    expect(gitEnvironment(undefined, { PATH: "/bin", GOGC: "off" }).GOGC).toBeUndefined();
  });
});
