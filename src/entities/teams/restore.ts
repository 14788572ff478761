// Teams are save-only: they belong to the organisation, and which teams may
// use the target repository is the organisation owners' decision (docs/restore.md).
import { saveOnlyRestorer } from "../shared/save-only.js";
import { TEAMS_FILE } from "./record.js";

export const teamsRestorer = saveOnlyRestorer(
  "teams",
  TEAMS_FILE,
  "teams belong to the organisation; grant them access to the target in its settings",
);
