// Which repository a saved record comes from, read from its web address
// (`html_url`: https://HOST/OWNER/REPO/...). A folder labelled with one
// repository must not hold another's records (a resumed save of the wrong
// folder, a hand-assembled backup).

export interface RecordSource {
  owner: string;
  repo: string;
}

function differs(owner: string, repo: string, source: RecordSource): string | null {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (same(owner, source.owner) && same(repo, source.repo)) return null;
  return `the record comes from ${owner}/${repo}, not from the manifest's source ${source.owner}/${source.repo}`;
}

/**
 * A problem when the record names another repository than `source` — by its
 * web address, or by `full_name` (repository.json, the repository itself); else null.
 */
export function recordSourceProblem(record: unknown, source: RecordSource): string | null {
  if (source.owner === "" || source.repo === "") return null;
  const fields = record as { html_url?: unknown; full_name?: unknown } | null;
  const fullName = fields?.full_name;
  if (typeof fullName === "string") {
    const [owner, repo, extra] = fullName.split("/");
    if (owner && repo && extra === undefined) return differs(owner, repo, source);
  }
  const url = fields?.html_url;
  if (typeof url !== "string") return null;
  let segments: string[];
  try {
    segments = new URL(url).pathname.split("/").filter(Boolean);
  } catch {
    return null;
  }
  const [owner, repo] = segments;
  if (owner === undefined || repo === undefined) return null;
  return differs(owner, repo, source);
}
