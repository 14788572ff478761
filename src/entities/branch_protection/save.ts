import { statusOf } from "../../github/errors.js";
import { arr, bool, int, type Json, obj, objOrNull, str } from "../shared/fields.js";
import { skipWithoutPermission } from "../shared/permission-skip.js";
import { userRefs } from "../shared/rest-refs.js";
import { listPages, writeRecords } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import {
  type Allowances,
  BRANCH_PROTECTION_FILE,
  type BranchProtectionRecord,
  branchProtectionSortKey,
  PROTECTION_FLAGS,
  type TeamRef,
} from "./record.js";

function teamRefs(value: unknown, what: string): TeamRef[] {
  return arr(value ?? [], what).map((t, i) => {
    const team = obj(t, `${what}[${i}]`);
    return {
      id: int(team.id, `${what}[${i}].id`),
      slug: str(team.slug, `${what}[${i}].slug`),
      name: str(team.name, `${what}[${i}].name`),
    };
  });
}

function allowances(value: unknown, what: string): Allowances | null {
  const list = objOrNull(value, what);
  if (list === null) return null;
  return {
    users: userRefs(list.users, `${what}.users`),
    teams: teamRefs(list.teams, `${what}.teams`),
    apps: arr(list.apps ?? [], `${what}.apps`).map((a, i) =>
      str(obj(a, `${what}.apps[${i}]`).slug, `${what}.apps[${i}].slug`),
    ),
  };
}

function enabled(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Json).enabled === true;
}

export function protectionRecord(branch: string, data: unknown): BranchProtectionRecord {
  const p = obj(data, "protection");
  const checks = objOrNull(p.required_status_checks, "protection.required_status_checks");
  const reviews = objOrNull(p.required_pull_request_reviews, "protection.required_pull_request_reviews");
  const record = {
    branch,
    required_status_checks: checks && {
      strict: bool(checks.strict, "required_status_checks.strict"),
      contexts: arr(checks.contexts ?? [], "required_status_checks.contexts")
        .map((c, i) => str(c, `required_status_checks.contexts[${i}]`))
        .sort(),
    },
    required_pull_request_reviews: reviews && {
      dismiss_stale_reviews: reviews.dismiss_stale_reviews === true,
      require_code_owner_reviews: reviews.require_code_owner_reviews === true,
      required_approving_review_count: int(
        reviews.required_approving_review_count ?? 0,
        "required_approving_review_count",
      ),
      require_last_push_approval: reviews.require_last_push_approval === true,
      dismissal_restrictions: allowances(reviews.dismissal_restrictions, "dismissal_restrictions"),
    },
    restrictions: allowances(p.restrictions, "protection.restrictions"),
  } as BranchProtectionRecord;
  for (const flag of PROTECTION_FLAGS) record[flag] = enabled(p[flag]);
  return record;
}

export const branchProtectionSaver: EntitySaver = {
  name: "branch_protection",
  dependsOn: [],
  save: (ctx) =>
    skipWithoutPermission(
      ctx,
      "branch_protection",
      "admin rights on the repository (classic: repo scope; fine-grained: Administration read)",
      () =>
        writeRecords<BranchProtectionRecord>(
          ctx,
          BRANCH_PROTECTION_FILE,
          branchProtectionSortKey,
          async (add) => {
            let done = 0;
            for await (const page of listPages(ctx, "GET /repos/{owner}/{repo}/branches", {
              protected: "true",
              per_page: 100,
            })) {
              const names = page.items.map((b, i) => str(b.name, `branches[${i}].name`));
              const records = await Promise.all(
                names.map(async (branch) => {
                  try {
                    const response = await ctx.client.octokit.request(
                      "GET /repos/{owner}/{repo}/branches/{branch}/protection",
                      { owner: ctx.repo.owner, repo: ctx.repo.repo, branch, request: { signal: ctx.signal } },
                    );
                    return protectionRecord(branch, response.data);
                  } catch (error) {
                    // Unprotected since the list was read: nothing to save. Any other 404 means no admin rights.
                    if (statusOf(error) === 404 && /Branch not protected/.test(String(error))) return null;
                    throw error;
                  }
                }),
              );
              for (const record of records) if (record) await add(record);
              done += records.length;
              ctx.progress({ items: done });
            }
          },
        ),
    ),
};
