// POST /repos/{owner}/{repo}/hooks: admin only.
import type { RouteDef } from "../../http/types.js";
import { createHook } from "../../store/mutations/hooks.js";
import { serializeHook } from "../serialize/hooks.js";
import { requireAdminRepo } from "./access.js";
import { Body } from "./body.js";
import { created, writeRoute } from "./route.js";

export const hookRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    "/repos/{owner}/{repo}/hooks",
    "webhooks/repo-config#create-a-repository-webhook",
    (req, { store }) => {
      const { repo } = requireAdminRepo(req, store);
      const body = new Body(req.body);
      const config = new Body(body.raw("config") ?? {});
      const hook = createHook(store, repo, {
        active: body.boolean("active") ?? true,
        events: body.stringArray("events") ?? ["push"],
        config: {
          url: config.string("url") ?? "",
          content_type: config.oneOf("content_type", ["json", "form"] as const) ?? "form",
          insecure_ssl: config.stringOrNumber("insecure_ssl") === "1" ? "1" : "0",
          secret: config.string("secret") ?? null,
        },
      });
      return created(serializeHook(repo, hook, req.baseUrl));
    },
  ),
];
