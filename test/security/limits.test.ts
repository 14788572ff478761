// Size limits on what a folder or a server hands over: a JSONL line, an API
// answer, and a resume journal entry (a gzip bomb) — each refused with a
// message naming the limit, and a resumed save still completes.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToken, type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { readCapped } from "../../src/github/capped-body.js";
import { verifyBackup } from "../../src/index.js";
import { journaledAnswers, journalPath } from "../../src/save/response-journal.js";
import { LimitError, MAX_JOURNAL_ENTRY_BYTES } from "../../src/util/limits.js";
import {
  baseEnv,
  type CliRun,
  type CountingProxy,
  killTree,
  runCli,
  type SpawnOptions,
  startCountingProxy,
} from "../reliability/cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir } from "../reliability/helpers.js";
import { handBackup, issue } from "../restore/support/fixtures.js";
import { removeTempDirs } from "../restore/support/setup.js";

const TOKEN = "ghp_LiMiTsGzIpBoMbHuGeLiNe4d6f8h0j2l4n6p8";

function streamOf(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(new Uint8Array(size));
      else controller.close();
    },
  });
}

describe("input size limits", () => {
  afterAll(() => {
    removeTempDirs();
    removeTempRoots();
  });

  it("verify refuses a JSONL line longer than the limit, naming it", async () => {
    const dir = await handBackup({ issues: [issue(1, { body: "x".repeat(10_000) }), issue(2)] });
    const report = await verifyBackup(dir, { maxLineBytes: 4096 });
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toEqual({
      file: "issues.jsonl",
      message: "line 1 is longer than 4096 bytes; refused",
    });
    expect((await verifyBackup(dir)).ok).toBe(true);
  });

  it("an answer larger than the limit is refused while it streams, or at once when announced", async () => {
    await expect(readCapped(streamOf(10, 1024), undefined, 4096)).rejects.toThrow(
      new LimitError("the answer is larger than 4096 bytes; refused"),
    );
    let pulled = 0;
    const counted = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1));
      },
    });
    await expect(readCapped(counted, "999999", 4096)).rejects.toBeInstanceOf(LimitError);
    expect(pulled).toBeLessThanOrEqual(1);
    expect((await readCapped(streamOf(3, 1000), "3000", 4096)).byteLength).toBe(3000);
  });

  describe("an oversized entry in the resume journal", () => {
    let fake: FakeGitHub;
    let proxy: CountingProxy;
    const cli = (args: string[], options: SpawnOptions = {}) =>
      runCli(args, { env: baseEnv({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: proxy.url }), ...options });

    beforeAll(async () => {
      fake = await startFakeGitHub({ dataset: "small", seed: 41 });
      addToken(fake.store, TOKEN, { userId: fake.dataset?.tokenUser.id ?? 0, read: "*" });
      proxy = await startCountingProxy(fake.url);
    });
    afterAll(async () => {
      await proxy?.close();
      await fake?.close();
    });

    it("is refused entry by entry with a warning, asked again, and the resumed save completes", async () => {
      const root = tempDir("gd-bomb-");
      const args = (dir: string) => ["save", `${OWNER}/${REPO}`, "--out", dir, "--exclude", "git_repo"];
      proxy.reset();
      const full: CliRun = await cli(args(join(root, "full")));
      expect(full.code, full.stderr).toBe(0);
      // The last request is held; once earlier answers are in the journal, the save is killed.
      const holdFrom = proxy.count;
      const dir = join(root, "bombed");
      const crash = await cli(args(dir), {
        onChild: (child) => {
          proxy.reset((n) => {
            if (n < holdFrom) return "forward";
            const poll = setInterval(() => {
              if (journaledAnswers(dir) === 0) return;
              clearInterval(poll);
              killTree(child);
            }, 20);
            return "hold";
          });
        },
      });
      proxy.reset();
      expect(crash.signal).toBe("SIGKILL");
      // Each entry keeps its metadata line but claims a body just past the limit (a sparse file).
      const path = journalPath(dir);
      const bytes = readFileSync(path);
      const lines: string[] = [];
      for (let at = 0; at < bytes.length; ) {
        const end = bytes.indexOf(0x0a, at);
        const line = bytes.subarray(at, end).toString("utf8");
        const meta = JSON.parse(line) as { n: number; status?: number };
        if (meta.status !== undefined) lines.push(line);
        at = end + 1 + meta.n + 1;
      }
      expect(lines.length).toBeGreaterThan(0);
      const huge = MAX_JOURNAL_ENTRY_BYTES + 1024;
      writeFileSync(path, "");
      let size = 0;
      for (const line of lines) {
        const meta = Buffer.from(`${JSON.stringify({ ...JSON.parse(line), n: huge })}\n`, "utf8");
        const fd = openSync(path, "r+");
        writeSync(fd, meta, 0, meta.length, size);
        writeSync(fd, "\n", size + meta.length + huge);
        closeSync(fd);
        size += meta.length + huge + 1;
      }
      // Two identical requests in flight at once are both kept; the later one counts.
      expect(journaledAnswers(dir)).toBe(
        new Set(lines.map((line) => (JSON.parse(line) as { k: string }).k)).size,
      );
      const resumed = await cli([...args(dir), "--resume"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(
        /resume journal entry [0-9a-f]{64} refused: it is larger than 128 MiB; asking GitHub again/,
      );
      const verify = await cli(["verify", dir]);
      expect(verify.code, verify.stderr).toBe(0);
    });
  });
});
