import { arr, obj, objOrNull, str, strOrNull } from "../shared/fields.js";
import { skipWithoutPermission } from "../shared/permission-skip.js";
import { userRef } from "../shared/rest-refs.js";
import { listPages, writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { SECURITY_ADVISORIES_FILE, type SecurityAdvisoryRecord, securityAdvisorySortKey } from "./record.js";

function advisoryRecord(a: Record<string, unknown>): SecurityAdvisoryRecord {
  const cvss = objOrNull(a.cvss, "advisory.cvss");
  return {
    ghsa_id: str(a.ghsa_id, "advisory.ghsa_id"),
    cve_id: strOrNull(a.cve_id, "advisory.cve_id"),
    summary: str(a.summary, "advisory.summary"),
    description: strOrNull(a.description, "advisory.description"),
    severity: strOrNull(a.severity, "advisory.severity"),
    author: userRef(a.author, "advisory.author"),
    publisher: userRef(a.publisher, "advisory.publisher"),
    identifiers: arr(a.identifiers ?? [], "advisory.identifiers").map((x, i) => {
      const id = obj(x, `advisory.identifiers[${i}]`);
      return { type: str(id.type, "identifier.type"), value: str(id.value, "identifier.value") };
    }),
    state: str(a.state, "advisory.state"),
    created_at: strOrNull(a.created_at, "advisory.created_at"),
    updated_at: strOrNull(a.updated_at, "advisory.updated_at"),
    published_at: strOrNull(a.published_at, "advisory.published_at"),
    closed_at: strOrNull(a.closed_at, "advisory.closed_at"),
    withdrawn_at: strOrNull(a.withdrawn_at, "advisory.withdrawn_at"),
    vulnerabilities: arr(a.vulnerabilities ?? [], "advisory.vulnerabilities").map((v, i) =>
      obj(v, `advisory.vulnerabilities[${i}]`),
    ),
    cvss: cvss && {
      vector_string: strOrNull(cvss.vector_string, "advisory.cvss.vector_string"),
      score: typeof cvss.score === "number" ? cvss.score : null,
    },
    cwe_ids: arr(a.cwe_ids ?? [], "advisory.cwe_ids").map((c, i) => str(c, `advisory.cwe_ids[${i}]`)),
    credits: arr(a.credits ?? [], "advisory.credits").map((c, i) => {
      const credit = obj(c, `advisory.credits[${i}]`);
      return { login: str(credit.login, "credit.login"), type: str(credit.type, "credit.type") };
    }),
  };
}

/** Without admin rights GitHub lists the published advisories only (docs/format.md says so). */
export const securityAdvisoriesSaver: EntitySaver = {
  name: "security_advisories",
  dependsOn: [],
  save: (ctx) =>
    skipWithoutPermission(
      ctx,
      "security_advisories",
      "read access to repository security advisories (fine-grained: Repository security advisories read)",
      () =>
        writePages<SecurityAdvisoryRecord>(
          ctx,
          listPages(ctx, "GET /repos/{owner}/{repo}/security-advisories", { per_page: 100 }),
          { file: SECURITY_ADVISORIES_FILE, sortKey: securityAdvisorySortKey, map: advisoryRecord },
        ),
    ),
};
