// The Git LFS batch API and object storage, as GitHub serves them: the batch
// endpoint `POST /{owner}/{repo}.git/info/lfs/objects/batch` takes the token
// like git does, and answers with actions (basic transfer) whose hrefs point
// at a separate storage path carrying their own short-lived authorisation
// (`Authorization: RemoteAuth <signature>` in the action's header), the way
// GitHub hands out storage URLs that the repository's credentials do not open.
// Uploads are checked against their oid (the SHA-256 of the content).
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FakeRepo, FakeStore } from "../store/types.js";
import { authenticate, canReadRepo, canWriteRepo } from "./auth.js";
import type { FakeResponse } from "./types.js";

export const LFS_MEDIA_TYPE = "application/vnd.git-lfs+json";
/** Object storage: GET (download) and PUT (upload) of `/_lfs/objects/{owner}/{repo}/{oid}`. */
export const lfsStoragePrefix = "/_lfs/";
const OID = /^[0-9a-f]{64}$/;

export type LfsTarget =
  | { kind: "batch"; owner: string; name: string }
  | { kind: "object"; owner: string; name: string; oid: string }
  | { kind: "verify"; owner: string; name: string };

const batchPattern = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/info\/lfs\/objects\/batch$/;
const objectPattern = /^\/_lfs\/objects\/([^/]+)\/([^/]+)\/([0-9a-f]{64})$/;
const verifyPattern = /^\/_lfs\/verify\/([^/]+)\/([^/]+)$/;

function decode(part: string | undefined): string | null {
  try {
    return decodeURIComponent(part ?? "");
  } catch {
    return null;
  }
}

export function parseLfsPath(path: string): LfsTarget | null {
  let match = batchPattern.exec(path);
  if (match) {
    const owner = decode(match[1]);
    const name = decode(match[2]);
    return owner && name ? { kind: "batch", owner, name } : null;
  }
  match = objectPattern.exec(path);
  if (match) {
    const owner = decode(match[1]);
    const name = decode(match[2]);
    return owner && name ? { kind: "object", owner, name, oid: match[3] ?? "" } : null;
  }
  match = verifyPattern.exec(path);
  if (match) {
    const owner = decode(match[1]);
    const name = decode(match[2]);
    return owner && name ? { kind: "verify", owner, name } : null;
  }
  return null;
}

export function lfsTemplate(target: LfsTarget): string {
  if (target.kind === "batch") return "POST /{owner}/{repo}.git/info/lfs/objects/batch";
  if (target.kind === "verify") return "POST /_lfs/verify/{owner}/{repo}";
  return "/_lfs/objects/{owner}/{repo}/{oid}";
}

/** A repository's LFS objects (oid → bytes), created on first use. */
export function lfsObjectsOf(repo: FakeRepo): Map<string, Buffer> {
  repo.lfsObjects ??= new Map();
  return repo.lfsObjects;
}

/** Signs storage hrefs: the signature is the href's only credential. */
export class LfsSigner {
  private readonly secret = randomBytes(32);

  sign(operation: string, repoKey: string, oid: string): string {
    return createHmac("sha256", this.secret).update(`${operation}\n${repoKey}\n${oid}`).digest("base64url");
  }

  verify(operation: string, repoKey: string, oid: string, header: string | undefined): boolean {
    const prefix = "RemoteAuth ";
    if (!header?.startsWith(prefix)) return false;
    const expected = Buffer.from(this.sign(operation, repoKey, oid));
    const given = Buffer.from(header.slice(prefix.length));
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function json(status: number, body: unknown): FakeResponse {
  return {
    status,
    headers: { "content-type": LFS_MEDIA_TYPE },
    body: Buffer.from(JSON.stringify(body)),
  };
}

function repoOf(store: FakeStore, owner: string, name: string): FakeRepo | undefined {
  return store.repos.get(`${owner}/${name}`.toLowerCase());
}

function repoKey(repo: FakeRepo): string {
  return `${repo.ownerLogin}/${repo.name}`.toLowerCase();
}

interface BatchObject {
  oid: string;
  size: number;
}

function parseBatch(body: Buffer): { operation: string; objects: BatchObject[] } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { operation, objects } = parsed as { operation?: unknown; objects?: unknown };
  if ((operation !== "download" && operation !== "upload") || !Array.isArray(objects)) return null;
  const list: BatchObject[] = [];
  for (const item of objects) {
    const { oid, size } = (item ?? {}) as { oid?: unknown; size?: unknown };
    if (typeof oid !== "string" || typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)
      return null;
    list.push({ oid, size });
  }
  return { operation, objects: list };
}

/**
 * Answers one LFS request (batch, storage or verify). `authorizations` holds
 * every Authorization header sent: storage refuses more than one, as a signed
 * storage URL does when a client adds its own credentials to the action's.
 */
export function serveLfs(
  store: FakeStore,
  signer: LfsSigner,
  origin: string,
  method: string,
  target: LfsTarget,
  authorizations: readonly string[],
  body: Buffer,
): FakeResponse {
  const authorization = authorizations[0];
  if (target.kind === "batch") return batch(store, signer, origin, method, target, authorization, body);
  if (authorizations.length > 1)
    return {
      status: 400,
      headers: { "content-type": "text/plain" },
      body: Buffer.from("Only one auth mechanism allowed\n"),
    };
  const repo = repoOf(store, target.owner, target.name);
  if (target.kind === "verify") {
    if (method !== "POST") return json(405, { message: "Method not allowed" });
    const parsed = parseBatch(Buffer.from(`{"operation":"upload","objects":[${body.toString("utf8")}]}`));
    const object = parsed?.objects[0];
    if (!repo || !object || !signer.verify("verify", repoKey(repo), object.oid, authorization))
      return json(401, { message: "Credentials needed" });
    const stored = lfsObjectsOf(repo).get(object.oid);
    if (!stored || stored.length !== object.size) return json(404, { message: "Object does not exist" });
    return json(200, { message: "ok" });
  }
  const operation = method === "PUT" ? "upload" : "download";
  if (!repo || !signer.verify(operation, repoKey(repo), target.oid, authorization))
    return {
      status: 403,
      headers: { "content-type": "text/plain" },
      body: Buffer.from("Signature mismatch\n"),
    };
  const objects = lfsObjectsOf(repo);
  if (method === "GET") {
    const data = objects.get(target.oid);
    if (!data) return json(404, { message: "Object does not exist" });
    return { status: 200, headers: { "content-type": "application/octet-stream" }, body: data };
  }
  if (method !== "PUT") return json(405, { message: "Method not allowed" });
  if (createHash("sha256").update(body).digest("hex") !== target.oid)
    return json(422, { message: "Object content does not match its oid" });
  objects.set(target.oid, body);
  return { status: 200, headers: {}, body: Buffer.alloc(0) };
}

function batch(
  store: FakeStore,
  signer: LfsSigner,
  origin: string,
  method: string,
  target: { owner: string; name: string },
  authorization: string | undefined,
  body: Buffer,
): FakeResponse {
  if (method !== "POST") return json(405, { message: "Method not allowed" });
  const auth = authenticate(store, authorization);
  if (auth.kind !== "user")
    return {
      ...json(401, { message: auth.kind === "invalid" ? "Bad credentials" : "Credentials needed" }),
      headers: { "content-type": LFS_MEDIA_TYPE, "lfs-authenticate": 'Basic realm="GitHub"' },
    };
  const repo = repoOf(store, target.owner, target.name);
  if (!repo || !canReadRepo(auth.grant, repo)) return json(404, { message: "Repository not found" });
  const request = parseBatch(body);
  if (!request) return json(422, { message: "Invalid batch request" });
  if (request.operation === "upload" && !canWriteRepo(auth.grant, repo))
    return json(403, { message: "You do not have write access to this repository" });
  const key = repoKey(repo);
  const base = `${origin}${lfsStoragePrefix}`;
  const path = `${encodeURIComponent(repo.ownerLogin)}/${encodeURIComponent(repo.name)}`;
  const action = (kind: "download" | "upload" | "verify", oid: string) => ({
    href: kind === "verify" ? `${base}verify/${path}` : `${base}objects/${path}/${oid}`,
    header: { Authorization: `RemoteAuth ${signer.sign(kind, key, oid)}` },
    expires_in: 3600,
  });
  const stored = lfsObjectsOf(repo);
  const objects = request.objects.map(({ oid, size }) => {
    if (!OID.test(oid)) return { oid, size, error: { code: 422, message: "Invalid object name" } };
    const have = stored.get(oid);
    if (request.operation === "download") {
      if (!have || have.length !== size)
        return { oid, size, error: { code: 404, message: "Object does not exist" } };
      return { oid, size, authenticated: true, actions: { download: action("download", oid) } };
    }
    if (have && have.length === size) return { oid, size };
    return {
      oid,
      size,
      authenticated: true,
      actions: { upload: action("upload", oid), verify: action("verify", oid) },
    };
  });
  return json(200, { transfer: "basic", objects, hash_algo: "sha256" });
}
