import { describe, expect, it } from "vitest";
import { expect422, failure, OWNER, REPO, sendRaw, useWriteFixture } from "./setup.js";

const fx = useWriteFixture();
const repo = { owner: OWNER, repo: REPO };

describe("labels", () => {
  it("creates, renames, recolours and deletes a label", async () => {
    const created = await fx.octokit.rest.issues.createLabel({
      ...repo,
      name: "Bug Report",
      color: "FF0000",
      description: "x",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      name: "Bug Report",
      color: "ff0000",
      description: "x",
      default: false,
    });

    const updated = await fx.octokit.rest.issues.updateLabel({
      ...repo,
      name: "Bug Report",
      new_name: "bug-report",
      color: "00ff00",
    });
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({ name: "bug-report", color: "00ff00", description: "x" });

    const removed = await fx.octokit.rest.issues.deleteLabel({ ...repo, name: "bug-report" });
    expect(removed.status).toBe(204);
    expect((await failure(fx.octokit.rest.issues.getLabel({ ...repo, name: "bug-report" }))).status).toBe(
      404,
    );
  });

  it("rejects a duplicate name case-insensitively with already_exists", async () => {
    await fx.octokit.rest.issues.createLabel({ ...repo, name: "dupe", color: "123456" });
    await expect422(fx.octokit.rest.issues.createLabel({ ...repo, name: "DUPE", color: "123456" }), {
      resource: "Label",
      code: "already_exists",
      field: "name",
    });
  });

  it("validates colour, description length and a missing name", async () => {
    await expect422(fx.octokit.rest.issues.createLabel({ ...repo, name: "c", color: "red" }), {
      resource: "Label",
      code: "invalid",
      field: "color",
    });
    await expect422(
      fx.octokit.rest.issues.createLabel({ ...repo, name: "d", description: "x".repeat(101) }),
      {
        resource: "Label",
        field: "description",
      },
    );
    await expect422(sendRaw(fx.octokit, "POST /repos/{owner}/{repo}/labels", { ...repo, color: "ffffff" }), {
      code: "missing_field",
      field: "name",
    });
  });

  it("answers 404 for an unknown label on update and delete", async () => {
    expect(
      (await failure(fx.octokit.rest.issues.updateLabel({ ...repo, name: "nope", color: "000000" }))).status,
    ).toBe(404);
    expect((await failure(fx.octokit.rest.issues.deleteLabel({ ...repo, name: "nope" }))).status).toBe(404);
  });

  it("removes a deleted label from the issues that carry it", async () => {
    await fx.octokit.rest.issues.createLabel({ ...repo, name: "temp" });
    const issue = await fx.octokit.rest.issues.create({ ...repo, title: "labelled", labels: ["temp"] });
    await fx.octokit.rest.issues.deleteLabel({ ...repo, name: "temp" });
    const after = await fx.octokit.rest.issues.get({ ...repo, issue_number: issue.data.number });
    expect(after.data.labels).toEqual([]);
  });
});

describe("milestones", () => {
  it("creates, updates (closing) and deletes a milestone", async () => {
    const created = await fx.octokit.rest.issues.createMilestone({
      ...repo,
      title: "v1",
      description: "first",
      due_on: "2026-03-01T00:00:00Z",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      title: "v1",
      state: "open",
      due_on: "2026-03-01T00:00:00Z",
      closed_at: null,
    });
    const number = created.data.number;

    const closed = await fx.octokit.rest.issues.updateMilestone({
      ...repo,
      milestone_number: number,
      state: "closed",
    });
    expect(closed.data.state).toBe("closed");
    expect(closed.data.closed_at).toEqual(expect.any(String));

    expect((await fx.octokit.rest.issues.deleteMilestone({ ...repo, milestone_number: number })).status).toBe(
      204,
    );
    expect(
      (await failure(fx.octokit.rest.issues.getMilestone({ ...repo, milestone_number: number }))).status,
    ).toBe(404);
  });

  it("numbers milestones in sequence and rejects a duplicate title", async () => {
    const a = await fx.octokit.rest.issues.createMilestone({ ...repo, title: "seq-a" });
    const b = await fx.octokit.rest.issues.createMilestone({ ...repo, title: "seq-b", state: "closed" });
    expect(b.data.number).toBe(a.data.number + 1);
    expect(b.data.state).toBe("closed");
    await expect422(fx.octokit.rest.issues.createMilestone({ ...repo, title: "seq-a" }), {
      resource: "Milestone",
      code: "already_exists",
      field: "title",
    });
  });

  it("answers 404 for an unknown milestone", async () => {
    expect(
      (await failure(fx.octokit.rest.issues.updateMilestone({ ...repo, milestone_number: 999, title: "x" })))
        .status,
    ).toBe(404);
  });
});
