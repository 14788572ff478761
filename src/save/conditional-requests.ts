// ETags per job, so an incremental save can ask "has anything changed?" for a
// type it has no cheaper way to check: every GET the job's last full run sent
// is sent again with `If-None-Match`, and when GitHub answers 304 to each
// (which costs no rate limit) the job's previous files stand as they are.
// A job is replayable only if all it asked was plain GETs with ETags (a
// redirect, such as a release asset's, follows from the answer that listed
// it; a query marked `derived`, such as the releases' asset counts, only
// decides which further GETs to send) and no list ended on a full page (a
// new item would start a page that was never asked for).
import type { ManifestConditional } from "../backup/manifest.js";
import { statusOf } from "../github/classify-outcome.js";
import type { GitHubClient } from "../github/client.js";
import { jobOf } from "./job-client.js";

interface JobRecording {
  urls: Map<string, string>;
  fullPages: Set<string>;
  replayable: boolean;
}

export class EtagRecorder {
  readonly #jobs = new Map<string, JobRecording>();

  install(client: GitHubClient): void {
    const base = client.apiUrl.replace(/\/+$/, "");
    client.octokit.hook.after("request", (response, options) => {
      const job = jobOf(options);
      if (job === undefined) return;
      const rec = this.#job(job);
      const etag = response.headers.etag;
      if ((options.request as { derived?: unknown } | undefined)?.derived === true) return;
      if (options.method !== "GET" || typeof etag !== "string") {
        if (response.status < 300 || response.status >= 400) rec.replayable = false;
        return;
      }
      // Kept relative to the API, so a save through another address of the same server can replay it.
      if (!response.url.startsWith(`${base}/`)) {
        rec.replayable = false;
        return;
      }
      rec.urls.set(response.url.slice(base.length), etag);
      const perPage = Number(new URL(response.url).searchParams.get("per_page") ?? 30);
      if (Array.isArray(response.data) && response.data.length >= perPage) {
        rec.fullPages.add(response.url.slice(base.length));
      }
    });
  }

  /** A job that failed once starts its recording again. */
  forget(job: string): void {
    this.#jobs.delete(job);
  }

  /** What the manifest keeps for `job` once it has written `files`, or null when it cannot be replayed. */
  entry(job: string, files: readonly string[]): ManifestConditional[string] | null {
    const rec = this.#jobs.get(job);
    if (rec === undefined || !rec.replayable || rec.urls.size === 0) return null;
    const asked = new Set([...rec.urls.keys()].map((url) => normalised(url)));
    for (const url of rec.fullPages) if (!asked.has(normalised(url, 1))) return null;
    return {
      etags: Object.fromEntries([...rec.urls].sort(([a], [b]) => (a < b ? -1 : 1))),
      files: [...files],
    };
  }

  #job(job: string): JobRecording {
    let rec = this.#jobs.get(job);
    if (rec === undefined) {
      rec = { urls: new Map(), fullPages: new Set(), replayable: true };
      this.#jobs.set(job, rec);
    }
    return rec;
  }
}

/** A path with its query in a fixed order, and its page moved on by `pages`. */
function normalised(path: string, pages = 0): string {
  const parsed = new URL(path, "http://api.invalid");
  const page = Number(parsed.searchParams.get("page") ?? 1) + pages;
  if (page !== 1 || parsed.searchParams.has("page")) parsed.searchParams.set("page", String(page));
  parsed.searchParams.sort();
  return `${parsed.pathname}?${parsed.searchParams.toString()}`;
}

/** True when GitHub answers 304 to every one of the job's recorded requests. */
export async function unchangedSince(
  client: GitHubClient,
  etags: Record<string, string>,
  signal: AbortSignal,
): Promise<boolean> {
  const answers = await Promise.all(
    Object.entries(etags).map(([url, etag]) =>
      client.octokit
        .request({ method: "GET", url, headers: { "if-none-match": etag }, request: { signal } })
        .then(
          () => false,
          (error: unknown) => {
            if (statusOf(error) === 304) return true;
            throw error;
          },
        ),
    ),
  );
  return answers.every(Boolean);
}
