// The lists several jobs of one save read, created once per run. Which jobs
// consume each feed is decided from the selection before any job starts.
import type { PullRequestReportedCounts } from "../../backup/record-parts.js";
import type { GitHubClient } from "../../github/client.js";
import { type PaginateOptions, paginateParallel } from "../../github/paginate-parallel.js";
import type { RepoRef } from "../../github/repository.js";
import { PRIORITY } from "../../save/priorities.js";
import type { EntityName } from "../names.js";
import { changedPulls } from "./changed-pulls.js";
import type { ChangedSince } from "./incremental-view.js";
import { ParentCounts } from "./parent-counts.js";
import { ReactionRollups } from "./reaction-rollups.js";
import { ReportedCounts } from "./reported-counts.js";
import { type FeedPage, SharedFeed } from "./shared-feed.js";

export type { FeedPage };

const PULL_PAGES_IN_FLIGHT = 3;
/**
 * Comment pages fetched and not yet handed to the jobs at most: with the
 * feed's own bound, what a slow consumer makes the save hold (a page is
 * ~0.2 MB of JSON) stays the same at any concurrency.
 */
const COMMENT_PAGES_IN_FLIGHT = 32;

/** A sub-issue link found while collecting issues (ids are numeric REST ids). */
export interface SubIssueLink {
  parentNumber: number;
  parentId: number;
  children: Array<{ number: number; id: number; repository: string | null }>;
}

/** GitHub REST objects as the list endpoints return them (validated by the mappers). */
export type RestObject = Record<string, unknown>;

/**
 * A feed is fetched with the client of the job that asks for it first, so its
 * requests count for that job.
 */
export class SharedSources {
  readonly #repo: RepoRef;
  readonly #entities: ReadonlySet<EntityName>;
  readonly #signal: AbortSignal;
  readonly #incremental: ChangedSince | null;
  #issueComments: SharedFeed<RestObject> | null = null;
  #pulls: SharedFeed<RestObject> | null = null;
  /** Filled by the issues job; read by sub_issues, which depends on it. */
  subIssueLinks: SubIssueLink[] | null = null;
  /** Each issue's `comments` as GitHub reports it: set by the issues job, reconciled by issue_comments. */
  readonly issueCommentCounts: ReportedCounts;
  /** The reactions rollup of every record the subject jobs read: set by them, read by reactions. */
  readonly reactionRollups: ReactionRollups;
  /**
   * Each pull request's counts (pull-counts.ts): reported by pr_reviews (its
   * GraphQL batches) or, when it does not run, by pull_requests' own sweep;
   * stored in the records by pull_requests, reconciled by the child jobs.
   */
  readonly pullCounts: ParentCounts<Required<PullRequestReportedCounts>>;
  /** The job that reports `pullCounts` in this run, if any. */
  readonly pullCountsReporter: EntityName | null;

  constructor(
    repo: RepoRef,
    entities: ReadonlySet<EntityName>,
    signal: AbortSignal,
    incremental: ChangedSince | null = null,
  ) {
    this.#repo = repo;
    this.#incremental = incremental;
    this.#entities = entities;
    this.#signal = signal;
    this.issueCommentCounts = new ReportedCounts(entities.has("issues"));
    // An incremental save reads only the subjects that changed: their reports are partial.
    this.reactionRollups = new ReactionRollups(entities.has("reactions"), incremental !== null);
    this.pullCountsReporter = entities.has("pr_reviews")
      ? "pr_reviews"
      : entities.has("pull_requests")
        ? "pull_requests"
        : null;
    this.pullCounts = new ParentCounts<Required<PullRequestReportedCounts>>(this.pullCountsReporter !== null);
  }

  /** Repo-wide conversation comments (issues and pull requests alike), ascending id. */
  issueComments(client: GitHubClient): AsyncIterable<FeedPage<RestObject>> {
    this.#issueComments ??= this.#feed(
      client,
      "GET /repos/{owner}/{repo}/issues/comments",
      {},
      this.#count(["issue_comments", "pr_comments"]),
      // GitHub pages this list no deeper than ~30,000 items.
      { priority: PRIORITY.bulk, pastCap: "updated-windows", maxInFlight: COMMENT_PAGES_IN_FLIGHT },
    );
    return this.#issueComments.consume();
  }

  /** Every pull request (state=all), ascending number; in an incremental save, the changed ones. */
  pulls(client: GitHubClient): AsyncIterable<FeedPage<RestObject>> {
    const incremental = this.#incremental;
    if (incremental !== null) {
      this.#pulls ??= new SharedFeed<RestObject>(
        async (emit, signal) => {
          const plan = await incremental.started();
          const items = await changedPulls(client, this.#repo, plan.pulls, incremental.since, signal);
          await emit({ items, page: 1 });
        },
        this.#count(["pull_requests", "pr_reviews"]),
        this.#signal,
      );
    }
    this.#pulls ??= this.#feed(
      client,
      "GET /repos/{owner}/{repo}/pulls",
      { state: "all", sort: "created", direction: "asc" },
      this.#count(["pull_requests", "pr_reviews"]),
      {
        // Each page starts a batch of review queries.
        priority: this.#entities.has("pr_reviews") ? PRIORITY.unlock : PRIORITY.bulk,
        // A page of 100 pull requests is ~1.7 MB of JSON (each carries two
        // full repository objects): a burst of ten would be held at once.
        maxInFlight: PULL_PAGES_IN_FLIGHT,
      },
    );
    return this.#pulls.consume();
  }

  /**
   * A job's attempt has ended: counts it reports and has not completed (it
   * failed) will not come, so the jobs waiting for them go on without.
   */
  jobEnded(name: EntityName): void {
    if (name === "issues") this.issueCommentCounts.unavailable();
    if (name === this.pullCountsReporter) this.pullCounts.unavailable();
  }

  #count(names: EntityName[]): number {
    return names.filter((name) => this.#entities.has(name)).length;
  }

  #feed(
    client: GitHubClient,
    route: string,
    params: Record<string, unknown>,
    consumers: number,
    pages: Pick<PaginateOptions<RestObject>, "priority" | "maxInFlight" | "pastCap">,
  ): SharedFeed<RestObject> {
    return new SharedFeed<RestObject>(
      async (emit, signal) => {
        await paginateParallel<RestObject>(
          client,
          route,
          { owner: this.#repo.owner, repo: this.#repo.repo, ...params },
          { signal, ...pages, onPage: (items, page) => emit({ items, page }) },
        );
      },
      consumers,
      this.#signal,
    );
  }
}
