// Which repository a saved record comes from, read from its web address
// (`html_url`: https://HOST/OWNER/REPO/...). A folder labelled with one
// repository must not hold another's records (a resumed save of the wrong
// folder, a hand-assembled backup).

export interface RecordSource {
  owner: string;
  repo: string;
}

/** A problem when the record's web address names another repository than `source`; else null. */
export function recordSourceProblem(record: unknown, source: RecordSource): string | null {
  const url = (record as { html_url?: unknown } | null)?.html_url;
  if (typeof url !== "string" || source.owner === "" || source.repo === "") return null;
  let segments: string[];
  try {
    segments = new URL(url).pathname.split("/").filter(Boolean);
  } catch {
    return null;
  }
  const [owner, repo] = segments;
  if (owner === undefined || repo === undefined) return null;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (same(owner, source.owner) && same(repo, source.repo)) return null;
  return `the record comes from ${owner}/${repo}, not from the manifest's source ${source.owner}/${source.repo}`;
}
