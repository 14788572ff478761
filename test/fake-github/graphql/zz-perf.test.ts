import { test } from "vitest";
import { at, makeEnv, repoArgs, run } from "./helpers.js";
test("perf", async () => {
  const env = makeEnv("large");
  const t1 = performance.now();
  let cursor: string | null = null; let pages = 0;
  for (;;) {
    const res = await run(env, `query($c: String) { repository(${repoArgs}) { issues(first: 100, after: $c, orderBy: {field: UPDATED_AT, direction: ASC}) { pageInfo { hasNextPage endCursor } nodes { number title body author { login } labels(first: 20) { nodes { name } } assignees(first: 10) { nodes { login } } parent { number } subIssues(first: 50) { nodes { number } } comments(first: 50) { totalCount nodes { databaseId body author { login } } } } } } }`, { c: cursor });
    pages++;
    const pi = at(res.body.data, "repository.issues.pageInfo") as { hasNextPage: boolean; endCursor: string };
    if (!pi.hasNextPage) break; cursor = pi.endCursor;
  }
  const t2 = performance.now();
  const ids = [...env.ds.repo.comments].slice(0, 100).map((c) => c.node_id);
  await run(env, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
  const t3 = performance.now();
  await run(env, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
  const t4 = performance.now();
  console.log({ pages, paging: t2 - t1, perPage: (t2 - t1) / pages, nodesFirst: t3 - t2, nodesSecond: t4 - t3 });
});
