// A fake server over a hand-built store for the write-endpoint tests: one
// writable repository with two branches, a private one, a repository of another
// owner, and tokens with different rights.
import { createHash } from "node:crypto";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, expect } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/server.js";
import { addRepo, addToken, addUser, createStore } from "../../../fake-github/store/create-store.js";
import type { FakeRepo, FakeStore, FakeUser } from "../../../fake-github/store/types.js";

export const ADMIN_TOKEN = "tok-admin";
export const PEER_TOKEN = "tok-peer";
export const READER_TOKEN = "tok-reader";
export const NARROW_TOKEN = "tok-narrow";

export const OWNER = "octo-admin";
export const REPO = "target";

export function fakeSha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

export interface WriteFixture {
  fake: FakeGitHub;
  store: FakeStore;
  repo: FakeRepo;
  admin: FakeUser;
  peer: FakeUser;
  /** Acts as the repository owner (token with every right). */
  octokit: Octokit;
  /** A collaborator with write access to OWNER/REPO only. */
  peerOctokit: Octokit;
  /** Reads everything, writes nothing. */
  readerOctokit: Octokit;
  /** Reads OWNER/REPO only (the private repository is invisible to it). */
  narrowOctokit: Octokit;
  close(): Promise<void>;
}

export function client(fake: FakeGitHub, token: string): Octokit {
  return new Octokit({
    auth: token,
    baseUrl: fake.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
}

export async function startWriteFixture(opts: { gitRoot?: string } = {}): Promise<WriteFixture> {
  const store = createStore();
  if (opts.gitRoot) store.gitRoot = opts.gitRoot;
  const admin = addUser(store, OWNER);
  const peer = addUser(store, "peer-user");
  const outsider = addUser(store, "outsider");
  addToken(store, ADMIN_TOKEN, { userId: admin.id, write: "*", createRepos: true, importApi: true });
  addToken(store, PEER_TOKEN, { userId: peer.id, write: [`${OWNER}/${REPO}`], importApi: false });
  addToken(store, READER_TOKEN, { userId: outsider.id, read: "*", write: [] });
  addToken(store, NARROW_TOKEN, { userId: outsider.id, read: [`${OWNER}/${REPO}`], write: [] });
  const repo = addRepo(store, OWNER, REPO);
  for (const branch of ["main", "feature", "feature-2", "feature-3"])
    repo.branches.set(branch, fakeSha(branch));
  addRepo(store, OWNER, "secret", { private: true });
  addRepo(store, OWNER, "sibling");
  addRepo(store, "other-org", "elsewhere");
  const fake = await startFakeGitHub({ store });
  return {
    fake,
    store,
    repo,
    admin,
    peer,
    octokit: client(fake, ADMIN_TOKEN),
    peerOctokit: client(fake, PEER_TOKEN),
    readerOctokit: client(fake, READER_TOKEN),
    narrowOctokit: client(fake, NARROW_TOKEN),
    close: () => fake.close(),
  };
}

interface ErrorShape {
  status: number;
  data: { message?: string; errors?: unknown[]; documentation_url?: string };
}

/** Awaits a request that must fail; returns its status and body. */
export async function failure(promise: Promise<unknown>): Promise<ErrorShape> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status?: number; response?: { data?: ErrorShape["data"] } };
    if (typeof e.status === "number") return { status: e.status, data: e.response?.data ?? {} };
    throw error;
  }
  throw new Error("expected the request to fail");
}

/** Asserts a 422 whose errors include one matching `expected`. */
export async function expect422(
  promise: Promise<unknown>,
  expected: Record<string, unknown> | string,
): Promise<void> {
  const { status, data } = await failure(promise);
  expect(status).toBe(422);
  expect(data.documentation_url).toMatch(/^https:\/\/docs\.github\.com\/rest/);
  if (typeof expected === "string") {
    const texts = [
      data.message,
      ...(data.errors ?? []).map((e) => (typeof e === "string" ? e : JSON.stringify(e))),
    ];
    expect(texts.some((t) => t?.includes(expected))).toBe(true);
  } else {
    expect(data.errors).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
  }
}

/** Sends a deliberately malformed request (untyped, so the route's parameter types do not apply). */
export function sendRaw(octokit: Octokit, route: string, params: Record<string, unknown>): Promise<unknown> {
  return octokit.request(route, params);
}

/**
 * One fixture for a whole test file, started before its tests and closed after
 * them; the returned object is filled in by beforeAll.
 */
export function useWriteFixture(): WriteFixture {
  const fixture = {} as WriteFixture;
  beforeAll(async () => {
    Object.assign(fixture, await startWriteFixture());
  });
  afterAll(async () => {
    await fixture.close?.();
  });
  return fixture;
}
