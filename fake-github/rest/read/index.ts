// Every REST read route of the fake server.
import type { RouteDef } from "../../http/types.js";
import { accountRoutes } from "./account.js";
import { advisoryRoutes } from "./advisories.js";
import { branchProtectionRoutes } from "./branch-protection.js";
import { branchRoutes } from "./branches.js";
import { collaboratorRoutes } from "./collaborators.js";
import { eventRoutes } from "./events.js";
import { hookRoutes } from "./hooks.js";
import { issueCommentRoutes } from "./issue-comments.js";
import { issueRoutes } from "./issues.js";
import { labelRoutes } from "./labels.js";
import { milestoneRoutes } from "./milestones.js";
import { pullRoutes } from "./pulls.js";
import { type RateLimitRouteDeps, rateLimitRoutes } from "./rate-limit.js";
import { reactionRoutes } from "./reactions.js";
import { type ReleaseRouteDeps, releaseRoutes } from "./releases.js";
import { repositoryRoutes } from "./repository.js";
import { reviewCommentRoutes } from "./review-comments.js";
import { reviewRoutes } from "./reviews.js";
import { rulesetRoutes } from "./rulesets.js";
import { subIssueRoutes } from "./sub-issues.js";
import { teamRoutes } from "./teams.js";

export type ReadRouteDeps = ReleaseRouteDeps & RateLimitRouteDeps;

export function createReadRoutes(deps: ReadRouteDeps): RouteDef[] {
  return [
    ...accountRoutes(),
    ...repositoryRoutes(),
    ...labelRoutes(),
    ...milestoneRoutes(),
    ...issueRoutes(),
    ...issueCommentRoutes(),
    ...subIssueRoutes(),
    ...eventRoutes(),
    ...pullRoutes(),
    ...reviewRoutes(),
    ...reviewCommentRoutes(),
    ...releaseRoutes(deps),
    ...branchRoutes(),
    ...branchProtectionRoutes(),
    ...rulesetRoutes(),
    ...collaboratorRoutes(),
    ...teamRoutes(),
    ...hookRoutes(),
    ...advisoryRoutes(),
    ...reactionRoutes(),
    ...rateLimitRoutes(deps),
  ];
}
