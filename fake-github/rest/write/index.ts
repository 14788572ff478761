// Every REST write route of the fake server (what `restore` uses), plus the
// Issue Import API.
import type { RouteDef } from "../../http/types.js";
import { branchProtectionRoutes } from "./branch-protection.js";
import { collaboratorRoutes } from "./collaborators.js";
import { commentEditRoutes } from "./comment-edits.js";
import { gitRefRoutes } from "./git-refs.js";
import { hookRoutes } from "./hooks.js";
import { issueCommentRoutes } from "./issue-comments.js";
import { issueImportRoutes } from "./issue-import.js";
import { issueRoutes } from "./issues.js";
import { labelRoutes } from "./labels.js";
import { milestoneRoutes } from "./milestones.js";
import { pullRoutes } from "./pulls.js";
import { releaseRoutes } from "./releases.js";
import { repoSettingsRoutes } from "./repo-settings.js";
import { repoRoutes } from "./repos.js";
import { reviewRoutes } from "./reviews.js";
import { rulesetRoutes } from "./rulesets.js";
import { subIssueRoutes } from "./sub-issues.js";

export const writeRoutes: RouteDef[] = [
  ...repoRoutes,
  ...labelRoutes,
  ...milestoneRoutes,
  ...issueRoutes,
  ...issueCommentRoutes,
  ...subIssueRoutes,
  ...gitRefRoutes,
  ...pullRoutes,
  ...reviewRoutes,
  ...releaseRoutes,
  ...issueImportRoutes,
  ...repoSettingsRoutes,
  ...branchProtectionRoutes,
  ...rulesetRoutes,
  ...collaboratorRoutes,
  ...hookRoutes,
  ...commentEditRoutes,
];
