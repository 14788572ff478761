import { selectionHas } from "../../selection/number-spec.js";
import { bool, int, type Json, obj, objOrNull, str, strOrNull } from "../shared/fields.js";
import { byLogin, byName } from "../shared/order.js";
import { labelRefs, milestoneRef, userRef, userRefs } from "../shared/rest-refs.js";
import { writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { PULL_REQUESTS_FILE, type PullRequestRecord, pullRequestSortKey } from "./record.js";

function branch(value: unknown, what: string): PullRequestRecord["head"] {
  const b: Json = obj(value, what);
  const repo = objOrNull(b.repo, `${what}.repo`);
  return {
    ref: str(b.ref, `${what}.ref`),
    sha: str(b.sha, `${what}.sha`),
    repo: repo === null ? null : { full_name: str(repo.full_name, `${what}.repo.full_name`) },
  };
}

export const pullRequestsSaver: EntitySaver = {
  name: "pull_requests",
  dependsOn: [],
  save: (ctx) =>
    writePages<PullRequestRecord>(ctx, ctx.shared.pulls(ctx.client), {
      file: PULL_REQUESTS_FILE,
      sortKey: pullRequestSortKey,
      map: (p) => {
        const number = int(p.number, "pull.number");
        if (!selectionHas(ctx.selection.pullRequests, number)) return null;
        const mergedAt = strOrNull(p.merged_at, "pull.merged_at");
        return {
          id: int(p.id, "pull.id"),
          node_id: str(p.node_id, "pull.node_id"),
          number,
          title: str(p.title, "pull.title"),
          body: strOrNull(p.body, "pull.body"),
          state: str(p.state, "pull.state") as PullRequestRecord["state"],
          locked: bool(p.locked, "pull.locked"),
          active_lock_reason: strOrNull(p.active_lock_reason, "pull.active_lock_reason"),
          user: userRef(p.user, "pull.user"),
          labels: labelRefs(p.labels, "pull.labels").sort(byName),
          assignees: userRefs(p.assignees, "pull.assignees").sort(byLogin),
          milestone: milestoneRef(p.milestone, "pull.milestone"),
          draft: p.draft === true,
          head: branch(p.head, "pull.head"),
          base: branch(p.base, "pull.base"),
          merged: mergedAt !== null,
          merged_at: mergedAt,
          merge_commit_sha: strOrNull(p.merge_commit_sha, "pull.merge_commit_sha"),
          author_association: str(p.author_association, "pull.author_association"),
          created_at: str(p.created_at, "pull.created_at"),
          updated_at: str(p.updated_at, "pull.updated_at"),
          closed_at: strOrNull(p.closed_at, "pull.closed_at"),
          html_url: str(p.html_url, "pull.html_url"),
        };
      },
    }),
};
