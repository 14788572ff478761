// PATCH /repos/{owner}/{repo} (settings) and PUT /repos/{owner}/{repo}/topics: admin only.
import type { RouteDef } from "../../http/types.js";
import { replaceTopics, updateRepoSettings } from "../../store/mutations/repo-settings.js";
import { serializeRepo } from "../serialize/repository.js";
import { requireAdminRepo } from "./access.js";
import { Body } from "./body.js";
import { okJson, writeRoute } from "./route.js";

const FLAGS = [
  "has_issues",
  "has_projects",
  "has_wiki",
  "has_discussions",
  "allow_squash_merge",
  "allow_merge_commit",
  "allow_rebase_merge",
  "allow_auto_merge",
  "delete_branch_on_merge",
  "allow_update_branch",
  "use_squash_pr_title_as_default",
  "archived",
  "is_template",
  "web_commit_signoff_required",
] as const;

export const repoSettingsRoutes: RouteDef[] = [
  writeRoute("PATCH", "/repos/{owner}/{repo}", "repos/repos#update-a-repository", (req, { store }) => {
    const { repo } = requireAdminRepo(req, store);
    const body = new Body(req.body);
    const flags = Object.fromEntries(FLAGS.map((flag) => [flag, body.boolean(flag)]));
    updateRepoSettings(store, repo, {
      ...flags,
      description: body.nullableString("description"),
      homepage: body.nullableString("homepage"),
      squash_merge_commit_title: body.oneOf("squash_merge_commit_title", [
        "PR_TITLE",
        "COMMIT_OR_PR_TITLE",
      ] as const),
      squash_merge_commit_message: body.oneOf("squash_merge_commit_message", [
        "PR_BODY",
        "COMMIT_MESSAGES",
        "BLANK",
      ] as const),
      merge_commit_title: body.oneOf("merge_commit_title", ["PR_TITLE", "MERGE_MESSAGE"] as const),
      merge_commit_message: body.oneOf("merge_commit_message", ["PR_BODY", "PR_TITLE", "BLANK"] as const),
    });
    return okJson(serializeRepo(store, repo, req.baseUrl));
  }),
  writeRoute(
    "PUT",
    "/repos/{owner}/{repo}/topics",
    "repos/repos#replace-all-repository-topics",
    (req, { store }) => {
      const { repo } = requireAdminRepo(req, store);
      replaceTopics(store, repo, new Body(req.body).stringArray("names") ?? []);
      return okJson({ names: [...repo.settings.topics] });
    },
  ),
];
