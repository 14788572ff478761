// POST /user/repos and POST /orgs/{org}/repos: an empty repository (GitHub's
// default labels, no branches unless auto_init), with a bare git repository
// when the server runs with git.

import { createHash } from "node:crypto";
import { join } from "node:path";
import type { FakeRequest, FakeResponse, RouteDef, ServerContext } from "../../http/types.js";
import { findUserByLogin, repoFullName } from "../../store/create-store.js";
import { MutationError, notFound } from "../../store/mutations/errors.js";
import { recordRef } from "../../store/mutations/git-refs.js";
import { createRepo } from "../../store/mutations/repos.js";
import type { FakeToken, FakeUser } from "../../store/types.js";
import { serializeRepo } from "../serialize/repository.js";
import { notAccessible, requireCaller } from "./access.js";
import { Body } from "./body.js";
import { createInitialCommit, initBareRepo } from "./git.js";
import { created, writeRoute } from "./route.js";

/** The creator administers the new repository, so its token may write there. */
function grantRepo(grant: FakeToken, fullName: string): void {
  if (grant.write !== "*") grant.write.push(fullName);
  if (grant.read !== "*") grant.read.push(fullName);
}

async function createFor(
  req: FakeRequest,
  ctx: ServerContext,
  owner: FakeUser,
  grant: FakeToken,
): Promise<FakeResponse> {
  const { store } = ctx;
  const body = new Body(req.body);
  const visibility = body.oneOf("visibility", ["public", "private", "internal"] as const);
  const isPrivate = visibility !== undefined ? visibility !== "public" : (body.boolean("private") ?? false);
  const repo = createRepo(store, owner, {
    name: body.string("name") ?? "",
    private: isPrivate,
    description: body.nullableString("description") ?? null,
  });
  grantRepo(grant, repoFullName(repo));
  if (store.gitRoot) {
    repo.gitDir = join(store.gitRoot, owner.login, `${repo.name}.git`);
    await initBareRepo(repo.gitDir, repo.default_branch);
  }
  if (body.boolean("auto_init")) {
    const sha = repo.gitDir
      ? await createInitialCommit(repo.gitDir, repo.default_branch)
      : createHash("sha1").update(`initial:${repo.id}`).digest("hex");
    recordRef(store, repo, `refs/heads/${repo.default_branch}`, sha);
  }
  return created(serializeRepo(store, repo, req.baseUrl));
}

function requireCreateRepos(grant: FakeToken): void {
  if (!grant.createRepos) throw new MutationError(403, notAccessible);
}

export const repoRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    "/user/repos",
    "repos/repos#create-a-repository-for-the-authenticated-user",
    (req, ctx) => {
      const { user, grant } = requireCaller(req, ctx.store);
      requireCreateRepos(grant);
      return createFor(req, ctx, user, grant);
    },
  ),
  writeRoute("POST", "/orgs/{org}/repos", "repos/repos#create-an-organization-repository", (req, ctx) => {
    const { grant } = requireCaller(req, ctx.store);
    const org = findUserByLogin(ctx.store, req.params.org ?? "");
    if (org?.type !== "Organization") throw notFound();
    requireCreateRepos(grant);
    return createFor(req, ctx, org, grant);
  }),
];
