// GitHub lets a token add only its own user's reactions, so reactions are not
// recreated: each restored issue, pull request, comment, review comment and
// release carries its reaction counts in its attribution block instead
// (src/restore/bodies.ts reads them from reactions.jsonl before any job runs).
import { saveOnlyRestorer } from "../shared/save-only.js";
import { REACTIONS_FILE } from "./record.js";

export const reactionsRestorer = saveOnlyRestorer(
  "reactions",
  REACTIONS_FILE,
  "GitHub cannot add other people's reactions; each restored item's attribution shows its reaction counts",
);
