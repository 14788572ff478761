// The web host's side of the fake, at the root of the same origin (as on
// GitHub Enterprise Server, whose API lives under /api/v3): attachment
// links, which answer a 302 to a signed, short-lived storage URL as GitHub's
// answer with private-user-images URLs, and raw files of a branch, which is
// where restored attachments are read back from. Attachments of a private
// repository, like its raw files, need a token that may read it; others get
// a 404, as GitHub hides what one may not see.
import { execFile } from "node:child_process";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { FakeRepo, FakeStore } from "../store/types.js";
import { authenticate, canReadRepo } from "./auth.js";
import type { FakeResponse } from "./types.js";

const execFileAsync = promisify(execFile);

const storagePrefix = "/_storage/attachments/";
/** How long a signed attachment URL stays valid, as GitHub's (five minutes). */
export const ATTACHMENT_URL_LIFETIME_MS = 5 * 60_000;

/** First path segments of API routes: never web paths. */
const API_ROOTS = new Set(["repos", "users", "user", "orgs", "api", "uploads", "graphql", "_fake"]);

const FORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/user-attachments\/assets\/[^/]+$/, "/user-attachments/assets/{id}"],
  [/^\/user-attachments\/files\/[^/]+\/[^/]+$/, "/user-attachments/files/{id}/{name}"],
  [/^\/([^/]+)\/[^/]+\/files\/[^/]+\/[^/]+$/, "/{owner}/{repo}/files/{id}/{name}"],
  [/^\/([^/]+)\/[^/]+\/assets\/.+$/, "/{owner}/{repo}/assets/*"],
  [/^\/([^/]+)\/[^/]+\/raw\/.+$/, "/{owner}/{repo}/raw/*"],
  [/^\/_storage\/attachments\/[^/]+$/, "/_storage/attachments/{key}"],
];

/** The stats template of a web-host path; null when the path is not one (an API route, git). */
export function webTemplate(path: string): string | null {
  for (const [pattern, template] of FORMS) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (match[1] !== undefined && API_ROOTS.has(match[1])) return null;
    return template;
  }
  return null;
}

export class AttachmentSigner {
  private readonly secret = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  private sign(path: string, expires: number): Buffer {
    return createHmac("sha256", this.secret).update(`${path}\n${expires}`).digest();
  }

  /** A storage URL serving the attachment at `path` without credentials, for a few minutes. */
  url(origin: string, path: string): string {
    const expires = this.now() + ATTACHMENT_URL_LIFETIME_MS;
    const key = Buffer.from(path, "utf8").toString("base64url");
    return `${origin}${storagePrefix}${key}?expires=${expires}&sig=${this.sign(path, expires).toString("base64url")}`;
  }

  /** The attachment path a storage URL names, or why it is refused. */
  check(key: string, query: URLSearchParams): { path: string } | { refused: string } {
    const path = Buffer.from(key, "base64url").toString("utf8");
    const expires = Number(query.get("expires"));
    const given = Buffer.from(query.get("sig") ?? "", "base64url");
    const expected = this.sign(path, expires);
    if (
      !Number.isSafeInteger(expires) ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected)
    )
      return { refused: "Signature mismatch" };
    if (expires < this.now()) return { refused: "Request has expired" };
    return { path };
  }
}

const text = (status: number, body: string): FakeResponse => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8" },
  body: Buffer.from(`${body}\n`),
});

function readable(store: FakeStore, repo: FakeRepo | undefined, authorization: string | undefined): boolean {
  if (!repo) return false;
  const auth = authenticate(store, authorization);
  if (auth.kind === "invalid") return false;
  return canReadRepo(auth.kind === "user" ? auth.grant : null, repo);
}

/** A file of a branch: /{owner}/{repo}/raw/refs/heads/{branch}/{path}, the longest branch that fits. */
async function serveRaw(
  store: FakeStore,
  path: string,
  authorization: string | undefined,
): Promise<FakeResponse> {
  const [owner = "", name = "", , ...rest] = path.slice(1).split("/");
  const repo = store.repos.get(`${owner}/${name}`.toLowerCase());
  if (!repo || !readable(store, repo, authorization) || repo.gitDir === null) return text(404, "Not Found");
  let segments: string[];
  try {
    segments = rest.map((s) => decodeURIComponent(s));
  } catch {
    return text(400, "Bad Request");
  }
  if (segments[0] !== "refs" || segments[1] !== "heads") return text(404, "Not Found");
  const tail = segments.slice(2);
  for (let cut = tail.length - 1; cut >= 1; cut--) {
    const sha = repo.branches.get(tail.slice(0, cut).join("/"));
    if (!sha) continue;
    try {
      const { stdout } = await execFileAsync(
        "git",
        [`--git-dir=${repo.gitDir}`, "cat-file", "blob", `${sha}:${tail.slice(cut).join("/")}`],
        { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 },
      );
      return { status: 200, headers: { "content-type": "application/octet-stream" }, body: stdout };
    } catch {
      return text(404, "Not Found");
    }
  }
  return text(404, "Not Found");
}

/** Answers a web-host request (see webTemplate). */
export async function serveWeb(
  store: FakeStore,
  signer: AttachmentSigner,
  request: { path: string; query: URLSearchParams; origin: string; authorization: string | undefined },
): Promise<FakeResponse> {
  const { path, authorization } = request;
  if (path.startsWith(storagePrefix)) {
    const checked = signer.check(path.slice(storagePrefix.length), request.query);
    if ("refused" in checked) return text(403, checked.refused);
    const attachment = store.attachments.get(checked.path);
    if (!attachment) return text(404, "Not Found");
    return {
      status: 200,
      headers: {
        "content-type": attachment.content_type,
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
      },
      body: attachment.data,
    };
  }
  if (webTemplate(path) === "/{owner}/{repo}/raw/*") return serveRaw(store, path, authorization);
  const attachment = store.attachments.get(path);
  if (!attachment || !readable(store, store.repos.get(attachment.repoKey), authorization))
    return text(404, "Not Found");
  return {
    status: 302,
    headers: { location: attachment.location ?? signer.url(request.origin, path) },
    body: Buffer.alloc(0),
  };
}
