import { saveOnlyRestorer } from "../shared/save-only.js";
import { BRANCH_PROTECTION_FILE } from "./record.js";

export const branchProtectionRestorer = saveOnlyRestorer(
  "branch_protection",
  BRANCH_PROTECTION_FILE,
  "not restored yet",
);
