// Label writes: create, update (rename), delete.
import type { RouteDef } from "../../http/types.js";
import { createLabel, deleteLabel, updateLabel } from "../../store/mutations/labels.js";
import { serializeLabel } from "../serialize/labels.js";
import { requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { created, noContent, okJson, writeRoute } from "./route.js";

export const labelRoutes: RouteDef[] = [
  writeRoute("POST", "/repos/{owner}/{repo}/labels", "issues/labels#create-a-label", (req, { store }) => {
    const { repo } = requireWritableRepo(req, store);
    const body = new Body(req.body);
    const label = createLabel(store, repo, {
      name: body.string("name"),
      color: body.string("color")?.replace(/^#/, ""),
      description: body.nullableString("description"),
    });
    return created(serializeLabel(repo, label, req.baseUrl));
  }),
  writeRoute(
    "PATCH",
    "/repos/{owner}/{repo}/labels/{name}",
    "issues/labels#update-a-label",
    (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      const body = new Body(req.body);
      const label = updateLabel(store, repo, req.params.name ?? "", {
        new_name: body.string("new_name"),
        color: body.string("color")?.replace(/^#/, ""),
        description: body.nullableString("description"),
      });
      return okJson(serializeLabel(repo, label, req.baseUrl));
    },
  ),
  writeRoute(
    "DELETE",
    "/repos/{owner}/{repo}/labels/{name}",
    "issues/labels#delete-a-label",
    (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      deleteLabel(store, repo, req.params.name ?? "");
      return noContent();
    },
  ),
];
