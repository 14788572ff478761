import { describe, expect, it } from "vitest";
import {
  addRepo,
  addToken,
  addUser,
  createStore,
  findRepo,
  findUserByLogin,
  ghostUserLogin,
} from "../../../fake-github/store/create-store.js";
import { makeNodeId, parseNodeId } from "../../../fake-github/store/node-id.js";

describe("createStore", () => {
  it("has a deterministic clock (1 s per call) and ids from 1000", () => {
    const store = createStore();
    expect(store.now()).toBe("2026-01-01T00:00:00Z");
    expect(store.now()).toBe("2026-01-01T00:00:01Z");
    expect(store.nextId()).toBe(1000);
    expect(store.nextId()).toBe(1001);
    expect(createStore({ startTime: "2030-05-06T07:08:09Z" }).now()).toBe("2030-05-06T07:08:09Z");
  });

  it("adds users, tokens and repos; finds repos case-insensitively", () => {
    const store = createStore();
    const user = addUser(store, "Someone");
    expect(findUserByLogin(store, "someone")).toBe(user);
    expect(addToken(store, "t0ken", { userId: user.id })).toEqual({
      userId: user.id,
      read: "*",
      write: [],
      createRepos: false,
      importApi: false,
    });
    const repo = addRepo(store, "Acme", "Widgets", { private: true, defaultLabels: true });
    expect(findRepo(store, "acme", "WIDGETS")).toBe(repo);
    expect(findUserByLogin(store, "acme")?.type).toBe("Organization");
    expect(repo.labels.map((l) => l.name)).toContain("good first issue");
    expect(repo.labels.every((l) => l.default)).toBe(true);
    expect(() => addRepo(store, "acme", "widgets")).toThrow();
    expect(findRepo(store, "acme", "nope")).toBeUndefined();
    expect(ghostUserLogin).toBe("ghost");
  });

  it("makes reversible node ids", () => {
    expect(parseNodeId(makeNodeId("PRRC", 123456))).toEqual({ kind: "PRRC", id: 123456 });
    expect(parseNodeId("garbage")).toBeNull();
  });
});
