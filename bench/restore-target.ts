// The repository a benchmark restore goes into, made ready the way a user
// makes it before restoring everything: created with discussions on, and its
// wiki's first page made (GitHub creates a wiki only from the web interface;
// until then nothing can be pushed to it and the wiki job reports a failure).
import { join } from "node:path";
import { createWikiFirstPage, type FakeGitHub, findRepo } from "../fake-github/index.js";

async function call(fake: FakeGitHub, method: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: `token ${fake.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
}

export async function prepareTarget(fake: FakeGitHub, owner: string, name: string): Promise<void> {
  await call(fake, "POST", `/orgs/${owner}/repos`, { name });
  await call(fake, "PATCH", `/repos/${owner}/${name}`, { has_discussions: true, has_wiki: true });
  const repo = findRepo(fake.store, owner, name);
  const gitRoot = fake.store.gitRoot;
  if (!repo || !gitRoot) throw new Error(`the fake has no ${owner}/${name} or no git root`);
  createWikiFirstPage(repo, join(gitRoot, owner, `${name}.wiki.git`));
}
