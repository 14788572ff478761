import { describe, expect, it } from "vitest";
import { listeningLine, optionsFromArgs } from "../../../fake-github/cli.js";
import { startFakeGitHub } from "../../../fake-github/index.js";

describe("fake-github command line", () => {
  it("maps flags to server options", () => {
    expect(
      optionsFromArgs([
        "--dataset",
        "medium",
        "--seed",
        "3",
        "--port",
        "0",
        "--latency-ms",
        "80",
        "--jitter-ms",
        "20",
        "--rate-limit",
        "100",
        "--secondary",
        "--faults",
        "0.05",
        "--git",
      ]),
    ).toEqual({
      host: "127.0.0.1",
      port: 0,
      seed: 3,
      dataset: "medium",
      latencyMs: 80,
      jitterMs: 20,
      rateLimit: { limit: 100 },
      secondary: {},
      faults: { rate: 0.05 },
      git: true,
    });
    expect(optionsFromArgs(["--dataset", "none"]).dataset).toBeUndefined();
  });

  it("rejects bad values", () => {
    const errors: string[] = [];
    const output = { writeErr: (text: string) => errors.push(text) };
    expect(() => optionsFromArgs(["--faults", "2"], output)).toThrow();
    expect(() => optionsFromArgs(["--dataset", "huge"], output)).toThrow();
    expect(errors.join("")).toContain("Allowed choices are small");
  });

  it("starts a server from the options and prints the listening line", async () => {
    const fake = await startFakeGitHub(optionsFromArgs(["--dataset", "small", "--seed", "2"]));
    try {
      expect(listeningLine(fake)).toMatch(
        /^fake-github listening on http:\/\/127\.0\.0\.1:\d+ token=ghp_\S+$/,
      );
      const res = await fetch(`${fake.url}/user`, { headers: { authorization: `token ${fake.token}` } });
      expect(res.status).toBe(200);
    } finally {
      await fake.close();
    }
  });
});
