// GET /repos/{owner}/{repo}/security-advisories: administrators see every
// advisory, anyone else the published ones only; newest first (GitHub's
// default sort=created, direction=desc).
import type { RouteDef } from "../../http/types.js";
import { serializeAdvisory } from "../serialize/advisories.js";
import { descending, pagedList, readRoute, withRepo } from "./common.js";

export function advisoryRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/security-advisories", (req, { store }) =>
      withRepo(req, store, ({ repo, canAdmin }) => {
        const visible = repo.advisories.filter((a) => canAdmin || a.state === "published");
        const desc = descending(req, "desc");
        const sorted = [...visible].sort((a, b) => {
          const order = a.created_at.localeCompare(b.created_at) || a.ghsa_id.localeCompare(b.ghsa_id);
          return desc ? -order : order;
        });
        return pagedList(req, sorted, (advisory) => serializeAdvisory(store, repo, advisory, req.baseUrl));
      }),
    ),
  ];
}
