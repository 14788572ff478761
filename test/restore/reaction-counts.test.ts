// Reaction counts in the attribution of restored bodies: read from the
// backup's reactions, by the kind and original id of the object restored.
import { describe, expect, it } from "vitest";
import { ReactionCounts } from "../../src/entities/reactions/counts.js";
import type { ReactionRecord } from "../../src/entities/reactions/record.js";
import { createBodyRewriter } from "../../src/restore/bodies.js";

const references = {
  newNumberOf: () => undefined,
  isKnown: () => false,
  source: { owner: "o", repo: "r", webUrl: "https://github.com/o/r" },
  targetWebUrl: "https://github.com/o/copy",
};

function reaction(
  subject_type: ReactionRecord["subject_type"],
  subject_id: number,
  content: string,
  id: number,
) {
  return {
    subject_type,
    subject_id,
    id,
    content,
    user: null,
    created_at: "2025-01-01T00:00:00Z",
  } as ReactionRecord;
}

async function* records(list: ReactionRecord[]): AsyncIterable<ReactionRecord> {
  yield* list;
}

describe("reaction counts", () => {
  it("counts each subject's reactions in GitHub's order, and maps conversation comments of pull requests", async () => {
    const counts = await ReactionCounts.read(
      records([
        reaction("issue", 1, "heart", 1),
        reaction("issue", 1, "+1", 2),
        reaction("issue", 1, "+1", 3),
        reaction("issue_comment", 7, "rocket", 4),
        reaction("pull_request", 1, "eyes", 5),
        reaction("issue", 2, "not-a-reaction", 6),
      ]),
    );
    expect(counts.lineFor("issue", "1")).toBe("Reactions: 👍 2 · ❤️ 1");
    expect(counts.lineFor("pull_request", "1")).toBe("Reactions: 👀 1");
    expect(counts.lineFor("pr_comment", "7")).toBe("Reactions: 🚀 1");
    expect(counts.lineFor("issue_comment", "7")).toBe("Reactions: 🚀 1");
    expect(counts.lineFor("release", "1")).toBeNull();
    expect(counts.lineFor("issue", "2")).toBeNull();
    expect(counts.lineFor("issue_history", "1")).toBeNull();
  });

  it("adds the line to the attribution block, and nothing without counts", async () => {
    const counts = await ReactionCounts.read(records([reaction("issue", 5, "laugh", 1)]));
    const withCounts = createBodyRewriter({ references, reactionLine: (k, id) => counts.lineFor(k, id) });
    const without = createBodyRewriter({ references });
    const opts = { kind: "issue" as const, originalId: "5", attribution: ["*Originally by @a*"] };
    expect(withCounts.render("text", opts).body).toBe(
      "<!-- github-data:issue:5 -->\n> *Originally by @\u2060a*\n>\n> Reactions: 😄 1\n\ntext",
    );
    expect(without.render("text", opts).body).toBe(
      "<!-- github-data:issue:5 -->\n> *Originally by @\u2060a*\n\ntext",
    );
    // An object without attribution (none was asked for) gets no counts either.
    expect(withCounts.render("text", { ...opts, attribution: [] }).body).toBe(
      "<!-- github-data:issue:5 -->\n\ntext",
    );
  });
});
