// A save starts its jobs while the repository check is still in flight (the
// check is one round trip every job would otherwise wait for), but no job may
// see an answer, and so write anything, before the check has passed and the
// folder is claimed. This hook, installed outermost, holds the answers (and
// failures) of the requests `applies` picks until then; if the check fails,
// every held request fails with it.
import type { GitHubOctokit } from "../github/client.js";

export function holdAnswersUntil(
  octokit: GitHubOctokit,
  ready: Promise<unknown>,
  applies: () => boolean,
): void {
  octokit.hook.wrap("request", async (send, options) => {
    if (!applies()) return send(options);
    let answer: Awaited<ReturnType<typeof send>>;
    try {
      answer = await send(options);
    } catch (error) {
      await ready;
      throw error;
    }
    await ready;
    return answer;
  });
}
