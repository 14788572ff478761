import { saveOnlyRestorer } from "../shared/save-only.js";
import { RULESETS_FILE } from "./record.js";

export const rulesetsRestorer = saveOnlyRestorer("rulesets", RULESETS_FILE, "not restored yet");
