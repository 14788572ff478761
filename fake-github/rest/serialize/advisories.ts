// Repository security advisories (the `repository-advisory` schema).
import type { FakeAdvisory, FakeRepo, FakeStore } from "../../store/types.js";
import { apiRepo, webRepo } from "./common.js";
import { serializeUser } from "./users.js";

export function serializeAdvisory(
  store: FakeStore,
  repo: FakeRepo,
  advisory: FakeAdvisory,
  baseUrl: string,
): Record<string, unknown> {
  const identifiers = [{ type: "GHSA", value: advisory.ghsa_id }];
  if (advisory.cve_id) identifiers.push({ type: "CVE", value: advisory.cve_id });
  const author = serializeUser(store, advisory.authorId, baseUrl);
  return {
    ghsa_id: advisory.ghsa_id,
    cve_id: advisory.cve_id,
    url: `${apiRepo(baseUrl, repo)}/security-advisories/${advisory.ghsa_id}`,
    html_url: `${webRepo(baseUrl, repo)}/security/advisories/${advisory.ghsa_id}`,
    summary: advisory.summary,
    description: advisory.description,
    severity: advisory.severity,
    author,
    publisher: advisory.published_at === null ? null : author,
    identifiers,
    state: advisory.state,
    created_at: advisory.created_at,
    updated_at: advisory.updated_at,
    published_at: advisory.published_at,
    closed_at: advisory.closed_at,
    withdrawn_at: advisory.withdrawn_at,
    submission: null,
    vulnerabilities: advisory.vulnerabilities.map((v) => ({
      package: { ...v.package },
      vulnerable_version_range: v.vulnerable_version_range,
      patched_versions: v.patched_versions,
      vulnerable_functions: [...v.vulnerable_functions],
    })),
    cvss: null,
    cwes: advisory.cwe_ids.map((cwe_id) => ({ cwe_id, name: `Weakness ${cwe_id}` })),
    cwe_ids: [...advisory.cwe_ids],
    credits: [],
    credits_detailed: [],
    collaborating_users: null,
    collaborating_teams: null,
    private_fork: null,
  };
}
