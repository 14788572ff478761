// Sample records of the discussions type, for the schema and validator suites.
import type {
  DiscussionCategoryRecord,
  DiscussionCommentRecord,
  DiscussionRecord,
} from "../../src/entities/discussions/record.js";

export const discussionCategory: DiscussionCategoryRecord = {
  id: "DIC_kwDOAbc",
  node_id: "DIC_kwDOAbc",
  name: "Q&A",
  slug: "q-a",
  emoji: ":pray:",
  description: "Ask the community for help",
  is_answerable: true,
  created_at: "2025-01-01T10:00:00Z",
  updated_at: "2025-01-01T10:00:00Z",
};

export const discussion: DiscussionRecord = {
  id: 7001,
  node_id: "D_kwDOAbc",
  number: 40,
  title: "How do I restore?",
  body: "Asking for @alice, see #3.",
  category: { name: "Q&A", slug: "q-a" },
  user: { login: "alice", id: 2, type: "User" },
  labels: [{ name: "question", color: "d876e3", description: null }],
  locked: true,
  active_lock_reason: "resolved",
  closed: true,
  state_reason: "resolved",
  answer_comment_id: 7002,
  upvote_count: 3,
  created_at: "2025-01-02T10:00:00Z",
  updated_at: "2025-01-03T10:00:00Z",
  closed_at: "2025-01-03T10:00:00Z",
  html_url: "https://github.com/o/r/discussions/40",
};

export const discussionComments: DiscussionCommentRecord[] = [
  {
    id: 7002,
    node_id: "DC_kwDOAbc",
    discussion_number: 40,
    reply_to_id: null,
    body: "Like this.",
    user: null,
    is_answer: true,
    upvote_count: 1,
    created_at: "2025-01-02T11:00:00Z",
    updated_at: "2025-01-02T11:00:00Z",
    html_url: "https://github.com/o/r/discussions/40#discussioncomment-7002",
  },
  {
    id: 7003,
    node_id: "DC_kwDOAbd",
    discussion_number: 40,
    reply_to_id: 7002,
    body: "Thanks!",
    user: { login: "dependabot[bot]", id: 9, type: "Bot" },
    is_answer: false,
    upvote_count: 0,
    created_at: "2025-01-02T12:00:00Z",
    updated_at: "2025-01-02T12:00:00Z",
    html_url: "https://github.com/o/r/discussions/40#discussioncomment-7003",
  },
];
