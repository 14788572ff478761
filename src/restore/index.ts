// Public surface of the restore side: the use case, its request and result,
// the restorer contract, and the helpers restorers and the CLI use.

export { attributionLines, formatTime, type OriginInfo, who } from "./attribution.js";
export {
  createBodyRewriter,
  MAX_BODY_CHARS,
  markerFor,
  markerOf,
  stripRestoreDecorations,
} from "./bodies.js";
export { defaultJournalPath, FileJournal, JournalError, MemoryJournal } from "./journal.js";
export { listAll } from "./list-target.js";
export { type MarkedObject, MarkerIndex } from "./marker-index.js";
export { neutraliseMentions, WORD_JOINER } from "./mentions.js";
export { describePlan, estimateSeconds, GITHUB_PACING, type PacingLimits, type RestorePlan } from "./plan.js";
export { REFERENCES_JOB } from "./reference-fixup.js";
export { type ReferenceMap, resolvePending, rewriteReferences } from "./references.js";
export {
  type ContentLimits,
  type RestoreOperationResult,
  type RestoreRepositoryRequest,
  type RestoreRepositoryResult,
  RestoreRepositoryUseCase,
  type RestoreSelection,
} from "./restore-repository.js";
export { issueSelected, pullRequestSelected } from "./selection.js";
export type * from "./types.js";
export { type FieldProblem, problemsWith, validationProblems } from "./validation.js";
