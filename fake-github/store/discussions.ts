// Discussions in the store: GitHub's default categories (created when a
// repository turns discussions on; no API creates a category), and the
// changes the GraphQL mutations make. Discussions share the number sequence
// of issues and pull requests, as on GitHub.
import { makeNodeId } from "./node-id.js";
import type {
  DiscussionStateReason,
  FakeDiscussion,
  FakeDiscussionCategory,
  FakeDiscussionComment,
  FakeRepo,
  FakeStore,
  LockReason,
} from "./types.js";

/** The categories GitHub gives every repository that turns discussions on. */
export const DEFAULT_DISCUSSION_CATEGORIES: ReadonlyArray<
  Pick<FakeDiscussionCategory, "name" | "slug" | "emoji" | "description" | "is_answerable">
> = [
  {
    name: "Announcements",
    slug: "announcements",
    emoji: ":mega:",
    description: "Updates from maintainers",
    is_answerable: false,
  },
  {
    name: "General",
    slug: "general",
    emoji: ":speech_balloon:",
    description: "Chat about anything and everything here",
    is_answerable: false,
  },
  {
    name: "Ideas",
    slug: "ideas",
    emoji: ":bulb:",
    description: "Share ideas for new features",
    is_answerable: false,
  },
  {
    name: "Polls",
    slug: "polls",
    emoji: ":ballot_box:",
    description: "Take a vote from the community",
    is_answerable: false,
  },
  {
    name: "Q&A",
    slug: "q-a",
    emoji: ":pray:",
    description: "Ask the community for help",
    is_answerable: true,
  },
  {
    name: "Show and tell",
    slug: "show-and-tell",
    emoji: ":raised_hands:",
    description: "Show off something you've made",
    is_answerable: false,
  },
];

/** GitHub's slug of a category name: lower case, runs of other characters as one "-". */
export function categorySlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "category"
  );
}

export function addDiscussionCategory(
  store: FakeStore,
  repo: FakeRepo,
  fields: Pick<FakeDiscussionCategory, "name" | "emoji" | "description" | "is_answerable"> & {
    slug?: string;
  },
  at: string,
): FakeDiscussionCategory {
  const id = store.nextId();
  const category: FakeDiscussionCategory = {
    id,
    node_id: makeNodeId("DIC", id),
    slug: fields.slug ?? categorySlug(fields.name),
    name: fields.name,
    emoji: fields.emoji,
    description: fields.description,
    is_answerable: fields.is_answerable,
    created_at: at,
    updated_at: at,
  };
  repo.discussionCategories.push(category);
  return category;
}

/** Gives a repository without categories GitHub's defaults (when discussions are turned on). */
export function ensureDefaultCategories(store: FakeStore, repo: FakeRepo, at: string): void {
  if (repo.discussionCategories.length > 0) return;
  for (const category of DEFAULT_DISCUSSION_CATEGORIES) addDiscussionCategory(store, repo, category, at);
}

export function insertDiscussion(
  store: FakeStore,
  repo: FakeRepo,
  fields: Omit<FakeDiscussion, "id" | "node_id" | "number">,
): FakeDiscussion {
  const id = store.nextId();
  const discussion: FakeDiscussion = {
    ...fields,
    id,
    node_id: makeNodeId("D", id),
    number: repo.nextIssueNumber++,
  };
  repo.discussions.push(discussion);
  return discussion;
}

export function insertDiscussionComment(
  store: FakeStore,
  repo: FakeRepo,
  fields: Omit<FakeDiscussionComment, "id" | "node_id">,
): FakeDiscussionComment {
  const id = store.nextId();
  const comment: FakeDiscussionComment = { ...fields, id, node_id: makeNodeId("DC", id) };
  repo.discussionComments.push(comment);
  return comment;
}

export function closeDiscussion(discussion: FakeDiscussion, reason: DiscussionStateReason, at: string): void {
  discussion.closed = true;
  discussion.state_reason = reason;
  discussion.closed_at = at;
  discussion.updated_at = at;
}

export function lockDiscussion(discussion: FakeDiscussion, reason: LockReason | null, at: string): void {
  discussion.locked = true;
  discussion.active_lock_reason = reason;
  discussion.updated_at = at;
}
