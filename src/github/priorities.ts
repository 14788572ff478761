// Request priority, the scheduler's one ordering notion: among requests
// waiting for a slot, the higher number goes first (ties in arrival order).
// Which requests matter more is the caller's business; a save's order is in
// src/save/priorities.ts.
export type RequestPriority = number;

/** What a request gets when it names no priority. */
export const DEFAULT_PRIORITY: RequestPriority = 0;
