import { describe, expect, it } from "vitest";
import { expect422, failure, OWNER, REPO, sendRaw, useWriteFixture } from "./setup.js";

const fx = useWriteFixture();
const repo = { owner: OWNER, repo: REPO };

function upload(uploadUrl: string, name: string, data: Buffer, contentType = "application/octet-stream") {
  return fx.octokit.request({
    method: "POST",
    url: uploadUrl,
    name,
    label: `label of ${name}`,
    data,
    headers: { "content-type": contentType },
  });
}

describe("releases", () => {
  it("creates a release, edits it and publishes a draft", async () => {
    const created = await fx.octokit.rest.repos.createRelease({
      ...repo,
      tag_name: "v1.0.0",
      name: "One",
      body: "notes",
      draft: true,
      prerelease: true,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      tag_name: "v1.0.0",
      name: "One",
      body: "notes",
      draft: true,
      prerelease: true,
      published_at: null,
      target_commitish: "main",
      author: { login: OWNER },
    });
    expect(created.data.upload_url).toBe(
      `${fx.fake.url}/uploads/repos/${OWNER}/${REPO}/releases/${created.data.id}/assets{?name,label}`,
    );
    const published = await fx.octokit.rest.repos.updateRelease({
      ...repo,
      release_id: created.data.id,
      draft: false,
      name: "Uno",
    });
    expect(published.status).toBe(200);
    expect(published.data).toMatchObject({ draft: false, name: "Uno" });
    expect(published.data.published_at).toEqual(expect.any(String));
  });

  it("rejects a duplicate tag and a missing tag_name", async () => {
    await fx.octokit.rest.repos.createRelease({ ...repo, tag_name: "v2" });
    await expect422(fx.octokit.rest.repos.createRelease({ ...repo, tag_name: "v2" }), {
      resource: "Release",
      code: "already_exists",
      field: "tag_name",
    });
    await expect422(sendRaw(fx.octokit, "POST /repos/{owner}/{repo}/releases", { ...repo, name: "no tag" }), {
      code: "missing_field",
      field: "tag_name",
    });
  });

  it("answers 404 when editing an unknown release", async () => {
    expect(
      (await failure(fx.octokit.rest.repos.updateRelease({ ...repo, release_id: 1, name: "x" }))).status,
    ).toBe(404);
  });
});

describe("release assets", () => {
  it("uploads bytes through upload_url and serves them back", async () => {
    const release = await fx.octokit.rest.repos.createRelease({ ...repo, tag_name: "assets-1" });
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
    const res = await upload(release.data.upload_url, "tool v1.tar.gz", bytes, "application/gzip");
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({
      name: "tool v1.tar.gz",
      label: "label of tool v1.tar.gz",
      content_type: "application/gzip",
      size: bytes.length,
      uploader: { login: OWNER },
    });
    const stored = fx.repo.releases.find((r) => r.id === release.data.id)?.assets[0];
    expect(stored?.data.equals(bytes)).toBe(true);
    const listed = await fx.octokit.rest.repos.listReleaseAssets({ ...repo, release_id: release.data.id });
    expect(listed.data.map((a) => a.name)).toEqual(["tool v1.tar.gz"]);
  });

  it("keeps a JSON asset as bytes", async () => {
    const release = await fx.octokit.rest.repos.createRelease({ ...repo, tag_name: "assets-json" });
    const bytes = Buffer.from('{"a":1}');
    await upload(release.data.upload_url, "data.json", bytes, "application/json");
    const stored = fx.repo.releases.find((r) => r.id === release.data.id)?.assets[0];
    expect(stored?.data.toString()).toBe('{"a":1}');
  });

  it("rejects a duplicate asset name", async () => {
    const release = await fx.octokit.rest.repos.createRelease({ ...repo, tag_name: "assets-2" });
    await upload(release.data.upload_url, "a.zip", Buffer.from("one"));
    await expect422(upload(release.data.upload_url, "a.zip", Buffer.from("two")), {
      resource: "ReleaseAsset",
      code: "already_exists",
      field: "name",
    });
  });

  it("answers 404 for an unknown release", async () => {
    const res = await failure(
      fx.octokit.request({
        method: "POST",
        url: `${fx.fake.url}/uploads/repos/${OWNER}/${REPO}/releases/424242/assets?name=x`,
        data: Buffer.from("x"),
        headers: { "content-type": "text/plain" },
      }),
    );
    expect(res.status).toBe(404);
  });
});
