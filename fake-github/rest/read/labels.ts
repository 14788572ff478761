// Labels: the list (alphabetical, as GitHub lists them) and one label by name.
import { notFound } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import type { FakeLabel } from "../../store/types.js";
import { serializeLabel } from "../serialize/labels.js";
import { pagedList, readRoute, withRepo } from "./common.js";
import { type SortSpec, sortedView } from "./sorted-view.js";

const byName: SortSpec<FakeLabel> = {
  id: "name",
  key: (label) => label.name.toLowerCase(),
  tie: (label) => label.id,
  desc: false,
};

export function labelRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/labels", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const labels = sortedView(repo, "labels", repo.labels, repo.labels.length, byName);
        return pagedList(req, labels, (label) => serializeLabel(repo, label, req.baseUrl));
      }),
    ),
    readRoute("/repos/{owner}/{repo}/labels/{name}", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const wanted = (req.params.name ?? "").toLowerCase();
        const label = repo.labels.find((l) => l.name.toLowerCase() === wanted);
        return label ? { status: 200, body: serializeLabel(repo, label, req.baseUrl) } : notFound();
      }),
    ),
  ];
}
