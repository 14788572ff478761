// A save's request priorities (higher goes first, see
// src/github/priorities.ts), in one table so the order of a save's requests
// can be read in one place. The rule is critical path first:
// a request that other requests wait on goes before bulk pages, and the long
// GraphQL batches go before short list pages, so the save does not end on a
// lone slow batch while the other slots sit idle.
import { DEFAULT_PRIORITY, type RequestPriority } from "../github/priorities.js";

export const PRIORITY = {
  /** The repository check: nothing is written, and no job fails, until it passes. */
  preflight: 4,
  /** Steps of the longest chain: release page → asset redirect → download. */
  chain: 3,
  /** Pages whose items start further requests (the pulls list feeds review batches). */
  unlock: 2,
  /** GraphQL batches of 100 numbers: the slowest requests of a save. */
  batch: 1,
  /** List pages nothing else waits for (the default). */
  bulk: DEFAULT_PRIORITY,
} as const satisfies Record<string, RequestPriority>;
