// POST /graphql for the fake GitHub server. The server core has already
// authenticated the request (401 for a bad token); this route charges its own
// points through ctx.chargeGraphQL.
import type { RouteDef } from "../http/types.js";
import { executeGraphQL } from "./execute.js";

export { type ExecuteOptions, executeGraphQL, timeoutMessage } from "./execute.js";

const authDocsUrl =
  "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql";

export const graphqlRoute: RouteDef = {
  method: "POST",
  template: "/graphql",
  resource: "graphql",
  handler: (req, ctx) => {
    if (!req.user) {
      return {
        status: 401,
        body: { message: "This endpoint requires you to be authenticated.", documentation_url: authDocsUrl },
      };
    }
    const viewer = req.user;
    return executeGraphQL(req.body, {
      store: ctx.store,
      baseUrl: req.baseUrl,
      viewer,
      token: req.token === null ? null : (ctx.store.tokens.get(req.token) ?? null),
      charge: (cost) => ctx.chargeGraphQL(req, cost),
      maxNodes: ctx.graphqlMaxNodes,
      ...(ctx.graphqlMaxNodesBeforeTimeout === undefined
        ? {}
        : { maxNodesBeforeTimeout: ctx.graphqlMaxNodesBeforeTimeout }),
    });
  },
};
