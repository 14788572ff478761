import { test } from "vitest";
import { startFakeGitHub } from "../../../fake-github/index.js";
import { octokitFor } from "./helpers.js";
test("bench", async () => {
  let t = Date.now();
  const fake = await startFakeGitHub({ dataset: "large", seed: 1 });
  console.log("gen", Date.now() - t, JSON.stringify(fake.dataset?.counts));
  const { ownerLogin: owner, name: repo } = fake.dataset!.repo;
  const h = { authorization: `token ${fake.token}` };
  for (const path of [`/repos/${owner}/${repo}/labels`, `/repos/${owner}/${repo}/issues/comments?per_page=100&page=3`, `/repos/${owner}/${repo}/issues?state=all&per_page=100`, `/repos/${owner}/${repo}/pulls?state=all&per_page=100`]) {
    t = performance.now();
    const N = 2000;
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next++ < N) { const r = await fetch(fake.url + path, { headers: h }); await r.arrayBuffer(); }
    }));
    const s = (performance.now() - t) / 1000;
    console.log(path, Math.round(N / s), "req/s");
  }
  const o = octokitFor(fake);
  t = Date.now();
  const all = await o.paginate("GET /repos/{owner}/{repo}/issues", { owner, repo, state: "all", per_page: 100 });
  console.log("issues walk", all.length, Date.now() - t, "ms");
  t = Date.now();
  const c = await o.paginate("GET /repos/{owner}/{repo}/issues/comments", { owner, repo, per_page: 100 });
  console.log("comments walk", c.length, Date.now() - t, "ms");
  t = Date.now();
  const p = await o.paginate("GET /repos/{owner}/{repo}/pulls", { owner, repo, state: "all", per_page: 100 });
  console.log("pulls walk", p.length, Date.now() - t, "ms");
  await fake.close();
}, 300_000);
