// Posting a conversation comment on a restored issue or pull request, with
// crash recovery: the target's conversation comments are listed once (only
// when an interrupted run may have left some) and a comment of ours carrying
// the original's marker is adopted instead of posted again.
import { MarkerIndex } from "./marker-index.js";
import type { ObjectKind, RenderedBody, RestoreContext } from "./types.js";

export interface PostedComment {
  id: number;
  adopted: boolean;
  /** Its body as posted (or as found, when adopted). */
  body: string;
  /** Numbers whose references the references pass should look at. */
  pendingRefs: number[];
}

export class ConversationComments {
  private readonly indexes = new Map<ObjectKind, MarkerIndex>();

  constructor(private readonly ctx: RestoreContext) {}

  private index(kind: ObjectKind): MarkerIndex {
    let index = this.indexes.get(kind);
    if (!index) {
      index = new MarkerIndex(this.ctx, kind, "GET /repos/{owner}/{repo}/issues/comments");
      this.indexes.set(kind, index);
    }
    return index;
  }

  /** Posts the body `render` gives on issue/PR `number`, unless an earlier run did (a comment with marker `kind`:`key`). */
  async post(
    number: number,
    kind: ObjectKind,
    key: string,
    render: () => RenderedBody,
  ): Promise<PostedComment> {
    const existing = await this.index(kind).find(key);
    if (existing !== undefined) {
      return {
        id: existing.id,
        adopted: true,
        body: existing.body,
        pendingRefs: this.ctx.bodies.pendingRefsOf(existing.body),
      };
    }
    const { body, pendingRefs } = render();
    const response = await this.ctx.client.octokit.request(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      {
        owner: this.ctx.target.owner,
        repo: this.ctx.target.repo,
        issue_number: number,
        body,
        request: { signal: this.ctx.signal },
      },
    );
    return { id: Number(response.data.id), adopted: false, body, pendingRefs };
  }
}
