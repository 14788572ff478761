// Seeds every issue's and pull request's timeline: the events that explain
// its current labels, assignees, milestone, lock and head branch, plus a
// rotation of extra histories (a label added then removed, a rename, a close
// and reopen, a commit reference, a cross-reference from another issue, …)
// so every dataset with items holds every modelled event type. A PRNG of its
// own, and no clock reads: the rest of the dataset is identical with or
// without events.
import { repoKey } from "../store/create-store.js";
import { eventNodeId } from "../store/timeline.js";
import type { FakeEventType, FakeIssue, FakeIssueEvent } from "../store/types.js";
import { fakeSha, type GenContext } from "./context.js";
import { mulberry32 } from "./prng.js";

type Draft = Omit<FakeIssueEvent, "id" | "node_id" | "issue_number" | "created_at">;

/** Extra histories, one per item in turn; pull-request-only ones are skipped on issues. */
const EXTRAS = [
  "label-removed",
  "unassigned",
  "demilestoned",
  "renamed",
  "reopened",
  "unlocked",
  "referenced",
  "cross-referenced",
  "draft-and-ready",
] as const;

function plusSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString().replace(".000Z", "Z");
}

export function addTimelineEvents(ctx: GenContext): void {
  const { store, repo } = ctx;
  const prng = mulberry32(ctx.seed ^ 0x7e7e7e);
  const items = [...repo.issues.values()].sort((a, b) => a.number - b.number);
  const others = [...ctx.otherRepo.issues.values()];
  const someone = (): number => prng.pick(ctx.people).id;

  items.forEach((issue, index) => {
    const drafts: Draft[] = [];
    const add = (event: FakeEventType, fields: Partial<Draft> = {}) =>
      drafts.push({ event, actorId: fields.actorId ?? someone(), ...fields });

    for (const id of issue.labelIds) {
      const label = repo.labels.find((l) => l.id === id);
      if (label) add("labeled", { label: { name: label.name, color: label.color } });
    }
    for (const id of issue.assigneeIds) add("assigned", { assigneeId: id });
    const milestone = repo.milestones.find((m) => m.number === issue.milestoneNumber);
    if (milestone) add("milestoned", { milestoneTitle: milestone.title });
    if (issue.pull) addPullEvents(ctx, issue, add, someone);
    if (issue.locked) add("locked", { lock_reason: issue.active_lock_reason });

    const extra = EXTRAS[index % EXTRAS.length];
    switch (extra) {
      case "label-removed": {
        const label = repo.labels.find((l) => !issue.labelIds.includes(l.id));
        if (label) {
          add("labeled", { label: { name: label.name, color: label.color } });
          add("unlabeled", { label: { name: label.name, color: label.color } });
        }
        break;
      }
      case "unassigned": {
        const id = someone();
        if (!issue.assigneeIds.includes(id)) {
          add("assigned", { assigneeId: id });
          add("unassigned", { assigneeId: id });
        }
        break;
      }
      case "demilestoned": {
        const other = repo.milestones.find((m) => m.number !== issue.milestoneNumber);
        if (other) {
          add("milestoned", { milestoneTitle: other.title });
          add("demilestoned", { milestoneTitle: other.title });
        }
        break;
      }
      case "renamed": {
        const login = prng.pick(ctx.logins);
        add("renamed", { rename: { from: `Draft: see #${issue.number} (@${login})`, to: issue.title } });
        break;
      }
      case "reopened":
        if (issue.state === "open") {
          add("closed", { state_reason: issue.pull ? null : "completed" });
          add("reopened", { state_reason: issue.pull ? null : "reopened" });
        }
        break;
      case "unlocked":
        if (!issue.locked) {
          add("locked", { lock_reason: "resolved" });
          add("unlocked");
        }
        break;
      case "referenced":
        add("referenced", { commit_id: fakeSha(ctx.seed, `reference/${issue.number}`) });
        break;
      case "cross-referenced": {
        // Issues are mentioned from this repository, pull requests from the other one.
        const fromOther = others.length > 0 && issue.pull !== null;
        const source = fromOther ? prng.pick(others) : items[(index + 1) % items.length];
        if (source && source !== issue) {
          add("cross-referenced", {
            source: {
              repoKey: repoKey(ctx.repo.ownerLogin, fromOther ? ctx.otherRepo.name : repo.name),
              number: source.number,
            },
          });
        }
        break;
      }
      case "draft-and-ready":
        if (issue.pull && !issue.pull.draft) {
          add("convert_to_draft");
          add("ready_for_review");
        }
        break;
    }

    drafts.forEach((draft, k) => {
      const id = store.nextId();
      repo.events.push({
        ...draft,
        id,
        node_id: eventNodeId(draft.event, id),
        issue_number: issue.number,
        // A deleted head branch goes after the merge or close; everything else follows creation.
        created_at:
          draft.event === "head_ref_deleted" && issue.closed_at !== null
            ? plusSeconds(issue.closed_at, 1)
            : plusSeconds(issue.created_at, k + 1),
      });
    });
  });
}

function addPullEvents(
  ctx: GenContext,
  issue: FakeIssue,
  add: (event: FakeEventType, fields?: Partial<Draft>) => void,
  someone: () => number,
): void {
  const pull = issue.pull;
  if (!pull) return;
  const reviewer = ctx.people.find((p) => p.id !== issue.userId && p.id !== ctx.admin.id);
  if (reviewer && issue.number % 2 === 0) add("review_requested", { requestedReviewerId: reviewer.id });
  if (pull.draft) add("convert_to_draft", { actorId: issue.userId ?? someone() });
  // Deleted heads, and most closed ones (their branch deleted after closing, and restored since).
  const deleted = pull.head.repoFullName === null || issue.number % 3 !== 1;
  if (deleted && issue.closed_at !== null) add("head_ref_deleted");
}
