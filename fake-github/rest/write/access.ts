// Who may write where: the token must be valid, the repository visible to it
// (else 404, as GitHub hides private repositories) and writable (else 403).
import { canAdminRepo, canReadRepo, canWriteRepo } from "../../http/auth.js";
import type { FakeRequest } from "../../http/types.js";
import { findRepo } from "../../store/create-store.js";
import { MutationError, notFound } from "../../store/mutations/errors.js";
import type { FakeRepo, FakeStore, FakeToken, FakeUser } from "../../store/types.js";

export interface Caller {
  user: FakeUser;
  grant: FakeToken;
}

export interface WriteAccess extends Caller {
  repo: FakeRepo;
}

export const notAccessible = "Resource not accessible by personal access token";

export function requireCaller(req: FakeRequest, store: FakeStore): Caller {
  if (!req.user || !req.token) throw new MutationError(401, "Requires authentication");
  const grant = store.tokens.get(req.token);
  if (!grant) throw new MutationError(401, "Bad credentials");
  return { user: req.user, grant };
}

/** The repository named by the `owner`/`repo` path parameters, writable by the caller. */
export function requireWritableRepo(req: FakeRequest, store: FakeStore): WriteAccess {
  const caller = requireCaller(req, store);
  const repo = findRepo(store, req.params.owner ?? "", req.params.repo ?? "");
  if (!repo || !canReadRepo(caller.grant, repo)) throw notFound();
  if (!canWriteRepo(caller.grant, repo)) throw new MutationError(403, notAccessible);
  return { ...caller, repo };
}

/** Like requireWritableRepo, for what needs admin rights (settings, protection, hooks, collaborators): 404 otherwise, as GitHub hides them. */
export function requireAdminRepo(req: FakeRequest, store: FakeStore): WriteAccess {
  const access = requireWritableRepo(req, store);
  if (!canAdminRepo(access.grant, access.repo)) throw notFound();
  return access;
}

/** A numeric path parameter; anything else names nothing (404). */
export function intParam(req: FakeRequest, name: string): number {
  const raw = req.params[name] ?? "";
  if (!/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}
