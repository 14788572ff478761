// The hand-made hard cases of the `tricky` dataset, added after its small
// random base: Unicode, a 65,536-character body, CRLF and HTML in bodies,
// mentions and references, deleted and bot authors, every lock and state
// reason, merged / closed / draft PRs and one whose head branch is gone,
// review threads with replies, edited comments, sub-issue trees (3 levels and
// a cross-repository child) and release assets with hostile file names.
import type { FakeIssue, LockReason, StateReason } from "../store/types.js";
import {
  createComment,
  createItem,
  createReply,
  createReview,
  createReviewComment,
  fakeSha,
  type GenContext,
} from "./context.js";
import { randomBytes } from "./prng.js";
import { insertAsset, insertRelease, linkSubIssue } from "./records.js";
import { exactLengthBody } from "./text.js";

/** Length of tricky's longest issue body (GitHub's maximum). */
export const longBodyLength = 65_536;

function labelIds(ctx: GenContext, ...names: string[]): number[] {
  return ctx.repo.labels.filter((l) => names.includes(l.name)).map((l) => l.id);
}

function issue(ctx: GenContext, fields: Partial<FakeIssue> = {}): FakeIssue {
  const item = createItem(ctx, false);
  Object.assign(item, fields);
  if ("userId" in fields) item.author_association = fields.userId === null ? "NONE" : item.author_association;
  return item;
}

function close(ctx: GenContext, item: FakeIssue, reason: StateReason | null): void {
  const at = ctx.store.now();
  item.state = "closed";
  item.state_reason = item.pull ? null : reason;
  item.closed_at = at;
  item.updated_at = at;
  item.closedById = ctx.admin.id;
}

function lock(item: FakeIssue, reason: LockReason | null): void {
  item.locked = true;
  item.active_lock_reason = reason;
}

function edit(ctx: GenContext, record: { updated_at: string; body: string }): void {
  record.body = `${record.body}\n\n_Edited: clarified the wording._`;
  record.updated_at = ctx.store.now();
}

function pullRequest(ctx: GenContext, fields: Partial<FakeIssue> = {}): FakeIssue {
  const item = createItem(ctx, true);
  Object.assign(item, fields);
  return item;
}

function merge(ctx: GenContext, item: FakeIssue): void {
  close(ctx, item, null);
  const pull = item.pull;
  if (!pull) return;
  pull.merged_at = item.closed_at;
  pull.mergedById = ctx.admin.id;
  pull.merge_commit_sha = fakeSha(ctx.seed, `refs/pull/${item.number}/merge`);
}

export function addTrickyCases(ctx: GenContext): void {
  const [alice, bob] = [ctx.people[1], ctx.people[2]];
  const mention = `@${alice?.login ?? "alice"} and @${bob?.login ?? "bob"}`;

  // Text edge cases.
  const unicode = issue(ctx, {
    title: "Ünïcödé ✓ 日本語のタイトル 🚀 family 👨‍👩‍👧‍👦 flag 🇺🇦",
    body: `Hi ${mention}, this relates to #1, #2 and octo-org/sample#3.\nuser@example.com is not a mention.`,
    labelIds: labelIds(ctx, "🐛 bug", "ünïcödé-label", "priority:high 🔥"),
    milestoneNumber: 1,
  });
  createComment(ctx, unicode).body =
    `Thanks ${mention}! See #${unicode.number} and https://example.com/#anchor 🎉`;
  issue(ctx, {
    title: `Issue with a ${longBodyLength}-character body`,
    body: exactLengthBody(longBodyLength),
  });
  issue(ctx, {
    title: 'עברית / العربية mixed <b>bold</b> & "quotes" \\ back\\slash',
    body: "Windows line endings\r\nsecond line\r\n\t<script>alert('x')</script>\n\n```js\nconst a = `tpl`;\n```\n",
    labelIds: labelIds(ctx, "type: bug", 'quote\'s "label"', "日本語"),
  });
  const ghost = issue(ctx, { title: "Reported by an account that was deleted since", userId: null });
  createComment(ctx, ghost, null);
  createComment(ctx, ghost, ctx.bot.id);

  // Locks: each reason, plus locked without a reason.
  const lockReasons: Array<LockReason | null> = ["off-topic", "too heated", "resolved", "spam", null];
  for (const reason of lockReasons) {
    const locked = issue(ctx, { title: `Locked conversation (${reason ?? "no reason"})` });
    if (reason === "resolved" || reason === "spam") close(ctx, locked, "completed");
    lock(locked, reason);
  }

  // State reasons: every value, open and closed.
  const states: Array<["open" | "closed", StateReason | null]> = [
    ["closed", "completed"],
    ["closed", "not_planned"],
    ["closed", "duplicate"],
    ["open", "reopened"],
    ["open", null],
    ["closed", null],
  ];
  for (const [state, reason] of states) {
    const item = issue(ctx, { title: `State ${state} with reason ${reason ?? "null"}` });
    if (state === "closed") close(ctx, item, reason);
    else item.state_reason = reason;
  }
  const edited = ctx.repo.issues.get(ctx.repo.nextIssueNumber - 1);
  if (edited) edit(ctx, createComment(ctx, edited));

  // Empty and null bodies (children of the Unicode issue below).
  const emptyBody = issue(ctx, { title: "Empty body", body: "" });
  const nullBody = issue(ctx, { title: "Null body", body: null });

  // Sub-issues: a 3-level tree with a child in the owner's second repository.
  const root = issue(ctx, {
    title: "Epic: three-level tree",
    labelIds: labelIds(ctx, "status/needs triage"),
  });
  const child = issue(ctx, { title: "Child with its own child" });
  const grandchild = issue(ctx, { title: "Grandchild" });
  const doneChild = issue(ctx, { title: "Finished child" });
  close(ctx, doneChild, "completed");
  linkSubIssue(root, child);
  linkSubIssue(child, grandchild);
  linkSubIssue(root, doneChild);
  const foreign = ctx.otherRepo.issues.get(1);
  if (foreign) linkSubIssue(root, foreign);
  linkSubIssue(unicode, emptyBody);
  linkSubIssue(unicode, nullBody);

  addTrickyPulls(ctx);
  addTrickyReleases(ctx);
}

function addTrickyPulls(ctx: GenContext): void {
  const alice = ctx.people[1]?.id ?? ctx.admin.id;
  const bob = ctx.people[2]?.id ?? ctx.admin.id;

  const merged = pullRequest(ctx, {
    title: "Merged PR with a review thread",
    labelIds: labelIds(ctx, "good first issue"),
    assigneeIds: [ctx.admin.id, alice],
    milestoneNumber: 1,
  });
  const approval = createReview(ctx, merged, "COMMENTED", alice);
  const thread = createReviewComment(ctx, merged, approval.id, alice, true);
  createReply(ctx, thread, bob);
  createReply(ctx, thread, alice);
  edit(ctx, createReviewComment(ctx, merged, approval.id, alice, false));
  createReview(ctx, merged, "APPROVED", bob);
  edit(ctx, createComment(ctx, merged));
  createComment(ctx, merged).body = "🎉🎉🎉";
  merge(ctx, merged);

  const closed = pullRequest(ctx, { title: "Closed without merging" });
  createReview(ctx, closed, "CHANGES_REQUESTED", alice);
  createComment(ctx, closed);
  close(ctx, closed, null);

  const draft = pullRequest(ctx, { title: "Draft: work in progress" });
  if (draft.pull) draft.pull.draft = true;

  // The head branch (a fork, since deleted) is gone: head.repo is null.
  const orphan = pullRequest(ctx, { title: "PR from a deleted fork" });
  if (orphan.pull) orphan.pull.head.repoFullName = null;
  const orphanReview = createReview(ctx, orphan, "COMMENTED", bob);
  createReviewComment(ctx, orphan, orphanReview.id, bob, false);
  close(ctx, orphan, null);

  const ghost = pullRequest(ctx, {
    title: "Opened by a deleted account",
    userId: null,
    author_association: "NONE",
  });
  createReview(ctx, ghost, "DISMISSED", null);
  createReview(ctx, ghost, "CHANGES_REQUESTED", alice);

  const unicode = pullRequest(ctx, {
    title: "✨ Ünïcödé PR 日本語 🚀",
    body: "Closes #1. Thanks @alice!",
    labelIds: labelIds(ctx, "🐛 bug", "type: bug"),
    milestoneNumber: 4,
  });
  merge(ctx, unicode);
}

/** Asset names as GitHub may hold them: spaces, traversal, absolute, device names, Unicode, empty files. */
export const trickyAssetNames = [
  "my file.txt",
  "../escape.txt",
  "/etc/passwd",
  "CON",
  "résumé 📦.zip",
  "checksums.txt",
] as const;

function addTrickyReleases(ctx: GenContext): void {
  const { store, prng, repo } = ctx;
  const release = (
    tag: string,
    fields: {
      name: string | null;
      body: string | null;
      draft: boolean;
      prerelease: boolean;
      author: number | null;
    },
    assets: Array<{ name: string; size: number }>,
  ): void => {
    const at = store.now();
    const created = insertRelease(store, repo, {
      tag_name: tag,
      target_commitish: repo.default_branch,
      name: fields.name,
      body: fields.body,
      draft: fields.draft,
      prerelease: fields.prerelease,
      authorId: fields.author,
      created_at: at,
      published_at: fields.draft ? null : at,
    });
    for (const asset of assets) {
      const uploaded = store.now();
      insertAsset(store, created, {
        name: asset.name,
        label: asset.name === "CON" ? "Reserved device name" : null,
        content_type: "application/octet-stream",
        data: randomBytes(prng, asset.size),
        download_count: 0,
        uploaderId: ctx.admin.id,
        created_at: uploaded,
        updated_at: uploaded,
      });
    }
  };
  release(
    "v1.0.0",
    {
      name: "Ünïcödé release 🚀",
      body: "First release. Thanks @alice for #1!",
      draft: false,
      prerelease: false,
      author: ctx.admin.id,
    },
    trickyAssetNames.map((name, i) => ({ name, size: 32 + i * 7 })),
  );
  release("v1.1.0-beta", { name: null, body: null, draft: false, prerelease: true, author: null }, [
    { name: "checksums.txt", size: 64 },
    { name: "empty.bin", size: 0 },
  ]);
  release(
    "v2.0.0-draft",
    { name: "Draft: next", body: "Not published yet.", draft: true, prerelease: false, author: ctx.admin.id },
    [{ name: "draft-asset.bin", size: 100 }],
  );
  release(
    "release/2026.01",
    { name: "Tag with a slash", body: "", draft: false, prerelease: false, author: ctx.admin.id },
    [],
  );
}
