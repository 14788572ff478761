// Reads the counts the request floor needs straight from the fake server's
// store, so R_min follows the data actually served.
import type { FakeRepo } from "../fake-github/index.js";
import { timelineOf } from "../fake-github/store/timeline.js";
import type { RepoFacts } from "./floor.js";

function countBy<T>(items: readonly T[], key: (item: T) => number): number[] {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.values()];
}

export function factsFromRepo(repo: FakeRepo): RepoFacts {
  let issues = 0;
  let pulls = 0;
  let maxLabelsPerItem = 0;
  let maxAssigneesPerItem = 0;
  const subIssueChildren: number[] = [];
  const eventsPerItem: number[] = [];
  for (const item of repo.issues.values()) {
    const events = timelineOf(repo, item).length;
    if (events > 0) eventsPerItem.push(events);
    if (item.pull) pulls++;
    else issues++;
    maxLabelsPerItem = Math.max(maxLabelsPerItem, item.labelIds.length);
    maxAssigneesPerItem = Math.max(maxAssigneesPerItem, item.assigneeIds.length);
    if (!item.pull && item.subIssueIds.length > 0) subIssueChildren.push(item.subIssueIds.length);
  }
  return {
    labels: repo.labels.length,
    milestones: repo.milestones.length,
    issues,
    pulls,
    conversationComments: repo.comments.length,
    reviewComments: repo.reviewComments.length,
    reviews: repo.reviews.length,
    releases: repo.releases.length,
    assets: repo.releases.reduce((sum, r) => sum + r.assets.length, 0),
    subIssueChildren,
    reviewsPerPull: countBy(repo.reviews, (r) => r.pull_number),
    commentsPerItem: countBy(repo.comments, (c) => c.issue_number),
    maxLabelsPerItem,
    maxAssigneesPerItem,
    eventsPerItem,
    protectedBranches: repo.protections.size,
    rulesets: repo.rulesets.length,
    collaborators: repo.collaborators.length,
    teams: repo.teamAccess.length,
    webhooks: repo.hooks.length,
    advisories: repo.advisories.length,
    reactionsPerSubject: [...repo.reactions.values()].map((list) => list.length).filter((n) => n > 0),
    discussionsEnabled: repo.settings.has_discussions,
    discussionCategories: repo.discussionCategories.length,
    discussions: repo.discussions.length,
    commentsPerDiscussion: countBy(
      repo.discussionComments.filter((c) => c.reply_to_id === null),
      (c) => c.discussion_number,
    ),
    repliesPerComment: countBy(
      repo.discussionComments.filter((c) => c.reply_to_id !== null),
      (c) => c.reply_to_id ?? 0,
    ),
    maxLabelsPerDiscussion: repo.discussions.reduce((max, d) => Math.max(max, d.labelIds.length), 0),
  };
}
