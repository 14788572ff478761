// Every REST write route of the fake server (what `restore` uses), plus the
// Issue Import API.
import type { RouteDef } from "../../http/types.js";
import { gitRefRoutes } from "./git-refs.js";
import { issueCommentRoutes } from "./issue-comments.js";
import { issueImportRoutes } from "./issue-import.js";
import { issueRoutes } from "./issues.js";
import { labelRoutes } from "./labels.js";
import { milestoneRoutes } from "./milestones.js";
import { pullRoutes } from "./pulls.js";
import { releaseRoutes } from "./releases.js";
import { repoRoutes } from "./repos.js";
import { reviewRoutes } from "./reviews.js";
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
];
