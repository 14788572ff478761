// A reaction as GitHub's REST API returns it.
import type { FakeReaction, FakeStore } from "../../store/types.js";
import { serializeUser } from "./users.js";

export function serializeReaction(
  store: FakeStore,
  reaction: FakeReaction,
  baseUrl: string,
): Record<string, unknown> {
  return {
    id: reaction.id,
    node_id: reaction.node_id,
    user: serializeUser(store, reaction.userId, baseUrl),
    content: reaction.content,
    created_at: reaction.created_at,
  };
}
