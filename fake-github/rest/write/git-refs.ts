// POST /repos/{owner}/{repo}/git/refs: creates a branch or tag ref at an
// existing commit, in the bare repository when there is one and in the store.
// DELETE /repos/{owner}/{repo}/git/refs/{ref}: deletes one ("heads/x", "tags/v1").
import type { RouteDef } from "../../http/types.js";
import { MutationError } from "../../store/mutations/errors.js";
import { checkRefName, knownShas, recordRef } from "../../store/mutations/git-refs.js";
import type { FakeRepo } from "../../store/types.js";
import { requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { createRef, deleteRef, hasAnyRef, objectExists, resolveRef } from "./git.js";
import { created, noContent, writeRoute } from "./route.js";

function required(body: Body, field: string): string {
  const value = body.string(field);
  if (!value) throw new MutationError(422, `Invalid request.\n\n"${field}" wasn't supplied.`);
  return value;
}

async function refExists(repo: FakeRepo, ref: string): Promise<boolean> {
  if (ref.startsWith("refs/heads/") && repo.branches.has(ref.slice("refs/heads/".length))) return true;
  return repo.gitDir !== null && (await resolveRef(repo.gitDir, ref)) !== null;
}

async function isEmpty(repo: FakeRepo): Promise<boolean> {
  if (repo.branches.size > 0) return false;
  return repo.gitDir === null || !(await hasAnyRef(repo.gitDir));
}

async function shaExists(repo: FakeRepo, sha: string): Promise<boolean> {
  return repo.gitDir !== null ? objectExists(repo.gitDir, sha) : knownShas(repo).has(sha);
}

function refNodeId(repo: FakeRepo, ref: string): string {
  return `REF_kwDO${Buffer.from(`${repo.id}:${ref}`).toString("base64url")}`;
}

export const gitRefRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    "/repos/{owner}/{repo}/git/refs",
    "git/refs#create-a-reference",
    async (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      const body = new Body(req.body);
      const ref = required(body, "ref");
      const sha = required(body, "sha");
      checkRefName(ref);
      if (await isEmpty(repo)) throw new MutationError(409, "Git Repository is empty.");
      if (await refExists(repo, ref)) throw new MutationError(422, "Reference already exists");
      if (!(await shaExists(repo, sha))) throw new MutationError(422, "Object does not exist");
      if (repo.gitDir !== null && !(await createRef(repo.gitDir, ref, sha))) {
        throw new MutationError(422, "Reference already exists");
      }
      recordRef(store, repo, ref, sha);
      const api = `${req.baseUrl}/repos/${repo.ownerLogin}/${repo.name}`;
      return created({
        ref,
        node_id: refNodeId(repo, ref),
        url: `${api}/git/${ref}`,
        object: { sha, type: "commit", url: `${api}/git/commits/${sha}` },
      });
    },
  ),
  writeRoute(
    "DELETE",
    "/repos/{owner}/{repo}/git/refs/{ref}",
    "git/refs#delete-a-reference",
    async (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      const ref = `refs/${req.params.ref ?? ""}`;
      if (!(await refExists(repo, ref))) throw new MutationError(422, "Reference does not exist");
      if (repo.gitDir !== null) await deleteRef(repo.gitDir, ref);
      if (ref.startsWith("refs/heads/")) repo.branches.delete(ref.slice("refs/heads/".length));
      return noContent();
    },
  ),
];
