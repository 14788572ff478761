import { saveOnlyRestorer } from "../shared/save-only.js";
import { WEBHOOKS_FILE } from "./record.js";

export const webhooksRestorer = saveOnlyRestorer("webhooks", WEBHOOKS_FILE, "not restored yet");
