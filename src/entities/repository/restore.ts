import { saveOnlyRestorer } from "../shared/save-only.js";
import { REPOSITORY_FILE } from "./record.js";

export const repositoryRestorer = saveOnlyRestorer("repository", REPOSITORY_FILE, "not restored yet");
