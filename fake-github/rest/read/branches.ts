// Branches (from the store's branch map, which mirrors the bare repo) and
// GET /git/ref/{ref} for heads (store) and tags (read from the bare repo).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { notFound } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import type { FakeRepo } from "../../store/types.js";
import { pagedList, readRoute, withRepo } from "./common.js";

const execFileAsync = promisify(execFile);

const gitIdentity = {
  name: "Fake GitHub",
  email: "fake-github@example.invalid",
  date: "2026-01-01T00:00:00Z",
};

function apiRepo(baseUrl: string, repo: FakeRepo): string {
  return `${baseUrl}/repos/${repo.ownerLogin}/${repo.name}`;
}

function nodeIdFor(kind: string, text: string): string {
  return `${kind}_kwDO${Buffer.from(text, "utf8").toString("base64url")}`;
}

/** A tag's target from the bare repository, or null. */
async function tagObject(repo: FakeRepo, name: string): Promise<{ sha: string; type: string } | null> {
  if (!repo.gitDir) return null;
  try {
    const { stdout } = await execFileAsync(
      "git",
      ["--git-dir", repo.gitDir, "for-each-ref", "--format=%(objectname) %(objecttype)", `refs/tags/${name}`],
      { env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" } },
    );
    const [sha, type] = stdout.trim().split("\n")[0]?.split(" ") ?? [];
    return sha && type ? { sha, type } : null;
  } catch {
    return null;
  }
}

export function branchRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/branches", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        // `protected=true|false` filters, as GitHub's list does.
        const wanted = req.query.get("protected");
        const names = [...repo.branches.keys()]
          .sort()
          .filter((name) => wanted === null || (wanted === "true") === repo.protections.has(name));
        const api = apiRepo(req.baseUrl, repo);
        return pagedList(req, names, (name) => {
          const sha = repo.branches.get(name) ?? "";
          return {
            name,
            commit: { sha, url: `${api}/commits/${sha}` },
            protected: repo.protections.has(name),
          };
        });
      }),
    ),
    readRoute("/repos/{owner}/{repo}/branches/{branch}", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const name = req.params.branch ?? "";
        const sha = repo.branches.get(name);
        if (sha === undefined) return notFound();
        const api = apiRepo(req.baseUrl, repo);
        const web = `${req.baseUrl}/${repo.ownerLogin}/${repo.name}`;
        return {
          status: 200,
          body: {
            name,
            commit: {
              sha,
              node_id: nodeIdFor("C", sha),
              url: `${api}/commits/${sha}`,
              html_url: `${web}/commit/${sha}`,
              comments_url: `${api}/commits/${sha}/comments`,
              // Commit metadata is not modelled; the fake's git identity stands in.
              commit: {
                url: `${api}/git/commits/${sha}`,
                author: gitIdentity,
                committer: gitIdentity,
                message: "",
                comment_count: 0,
                tree: { sha, url: `${api}/git/trees/${sha}` },
              },
              author: null,
              committer: null,
              parents: [],
            },
            _links: { self: `${api}/branches/${encodeURIComponent(name)}`, html: `${web}/tree/${name}` },
            protected: repo.protections.has(name),
            protection: {
              enabled: repo.protections.has(name),
              required_status_checks: { enforcement_level: "off", contexts: [], checks: [] },
            },
            protection_url: `${api}/branches/${encodeURIComponent(name)}/protection`,
          },
        };
      }),
    ),
    readRoute("/repos/{owner}/{repo}/git/ref/{ref}", (req, { store }) =>
      withRepo(req, store, async ({ repo }) => {
        const ref = req.params.ref ?? "";
        const api = apiRepo(req.baseUrl, repo);
        let object: { sha: string; type: string } | null = null;
        if (ref.startsWith("heads/")) {
          const sha = repo.branches.get(ref.slice("heads/".length));
          object = sha === undefined ? null : { sha, type: "commit" };
        } else if (ref.startsWith("tags/")) {
          object = await tagObject(repo, ref.slice("tags/".length));
        }
        if (!object) return notFound();
        const kind = object.type === "tag" ? "tags" : "commits";
        return {
          status: 200,
          body: {
            ref: `refs/${ref}`,
            node_id: nodeIdFor("REF", `${repo.id}:refs/${ref}`),
            url: `${api}/git/refs/${ref}`,
            object: { sha: object.sha, type: object.type, url: `${api}/git/${kind}/${object.sha}` },
          },
        };
      }),
    ),
  ];
}
