import { describe, expect, it } from "vitest";
import { client, expect422, failure, OWNER, REPO, useWriteFixture } from "./setup.js";

const fx = useWriteFixture();

describe("write permissions", () => {
  it("answers 403 to a token that can read but not write", async () => {
    const { status, data } = await failure(
      fx.readerOctokit.rest.issues.create({ owner: OWNER, repo: REPO, title: "x" }),
    );
    expect(status).toBe(403);
    expect(data.message).toBe("Resource not accessible by personal access token");
  });

  it("answers 404 for a private repository the token cannot see", async () => {
    const { status } = await failure(
      fx.narrowOctokit.rest.issues.createLabel({ owner: OWNER, repo: "secret", name: "x" }),
    );
    expect(status).toBe(404);
  });

  it("answers 401 without a token and 404 for an unknown repository", async () => {
    const anonymous = client(fx.fake, "");
    expect(
      (await failure(anonymous.rest.issues.create({ owner: OWNER, repo: REPO, title: "x" }))).status,
    ).toBe(401);
    expect(
      (await failure(fx.octokit.rest.issues.create({ owner: OWNER, repo: "missing", title: "x" }))).status,
    ).toBe(404);
  });

  it("lets a collaborator write only to the repository it was granted", async () => {
    const ok = await fx.peerOctokit.rest.issues.create({ owner: OWNER, repo: REPO, title: "by peer" });
    expect(ok.data.user?.login).toBe("peer-user");
    expect(ok.data.author_association).toBe("COLLABORATOR");
    expect(
      (await failure(fx.peerOctokit.rest.issues.create({ owner: OWNER, repo: "sibling", title: "x" })))
        .status,
    ).toBe(403);
  });
});

describe("repository creation", () => {
  it("creates a repository for the user with GitHub's default labels and no branches", async () => {
    const created = await fx.octokit.rest.repos.createForAuthenticatedUser({
      name: "fresh",
      private: true,
      auto_init: false,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: "fresh", full_name: `${OWNER}/fresh`, private: true });
    const labels = await fx.octokit.rest.issues.listLabelsForRepo({ owner: OWNER, repo: "fresh" });
    expect(labels.data.map((l) => l.name)).toContain("good first issue");
    expect(labels.data).toHaveLength(9);
    expect(fx.store.repos.get(`${OWNER}/fresh`.toLowerCase())?.branches.size).toBe(0);
  });

  it("creates an organisation repository and honours visibility", async () => {
    const created = await fx.octokit.rest.repos.createInOrg({
      org: "other-org",
      name: "made",
      visibility: "public",
    });
    expect(created.data).toMatchObject({ full_name: "other-org/made", private: false });
  });

  it("rejects an existing name, and a token without the right", async () => {
    await expect422(fx.octokit.rest.repos.createForAuthenticatedUser({ name: REPO }), {
      resource: "Repository",
      code: "custom",
      field: "name",
      message: "name already exists on this account",
    });
    expect(
      (await failure(fx.peerOctokit.rest.repos.createForAuthenticatedUser({ name: "nope" }))).status,
    ).toBe(403);
    expect((await failure(fx.octokit.rest.repos.createInOrg({ org: "no-such-org", name: "x" }))).status).toBe(
      404,
    );
  });
});
