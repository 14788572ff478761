import { bool, int, type Json, obj, str, strOrNull } from "../shared/fields.js";
import { userRef } from "../shared/rest-refs.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import {
  FEATURE_FIELDS,
  MERGE_FIELDS,
  REPOSITORY_FILE,
  type RepositoryRecord,
  repositorySortKey,
} from "./record.js";

function mergeValue(repo: Json, field: string): boolean | string | null {
  const value = repo[field];
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  throw new TypeError(`unexpected GitHub response: repository.${field} should be a boolean or a string`);
}

export function repositoryRecord(data: unknown): RepositoryRecord {
  const repo = obj(data, "repository");
  const owner = userRef(repo.owner, "repository.owner");
  if (owner === null) throw new TypeError("unexpected GitHub response: repository.owner is null");
  const topics = Array.isArray(repo.topics)
    ? repo.topics.map((t, i) => str(t, `repository.topics[${i}]`))
    : [];
  const record = {
    id: int(repo.id, "repository.id"),
    node_id: str(repo.node_id, "repository.node_id"),
    name: str(repo.name, "repository.name"),
    full_name: str(repo.full_name, "repository.full_name"),
    owner,
    description: strOrNull(repo.description, "repository.description"),
    homepage: strOrNull(repo.homepage, "repository.homepage") || null,
    topics: topics.sort(),
    visibility:
      typeof repo.visibility === "string" ? repo.visibility : repo.private === true ? "private" : "public",
    private: bool(repo.private, "repository.private"),
    default_branch: str(repo.default_branch, "repository.default_branch"),
    archived: repo.archived === true,
    is_template: repo.is_template === true,
    allow_forking: typeof repo.allow_forking === "boolean" ? repo.allow_forking : null,
  } as RepositoryRecord;
  for (const field of FEATURE_FIELDS) record[field] = repo[field] === true;
  for (const field of MERGE_FIELDS) record[field] = mergeValue(repo, field);
  return record;
}

export const repositorySaver: EntitySaver = {
  name: "repository",
  dependsOn: [],
  save: (ctx) =>
    writeRecords<RepositoryRecord>(ctx, REPOSITORY_FILE, repositorySortKey, async (add) => {
      // The repository check already asked GitHub for exactly this object.
      const checked = (await ctx.repository).answer;
      const data =
        checked ??
        (
          await ctx.client.octokit.request("GET /repos/{owner}/{repo}", {
            owner: ctx.repo.owner,
            repo: ctx.repo.repo,
            request: { signal: ctx.signal },
          })
        ).data;
      await add(repositoryRecord(data));
      ctx.progress({ items: 1, pages: 1 });
    }),
};
