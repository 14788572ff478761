import { saveOnlyRestorer } from "../shared/save-only.js";
import { COLLABORATORS_FILE } from "./record.js";

export const collaboratorsRestorer = saveOnlyRestorer(
  "collaborators",
  COLLABORATORS_FILE,
  "not restored yet",
);
