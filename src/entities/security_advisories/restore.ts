// Security advisories are save-only: GitHub assigns GHSA ids and publishes
// them, and a copy in another repository would be a second advisory for the
// same vulnerability (docs/restore.md).
import { saveOnlyRestorer } from "../shared/save-only.js";
import { SECURITY_ADVISORIES_FILE } from "./record.js";

export const securityAdvisoriesRestorer = saveOnlyRestorer(
  "security_advisories",
  SECURITY_ADVISORIES_FILE,
  "an advisory cannot be recreated under its GHSA id; the backup keeps it as a record",
);
