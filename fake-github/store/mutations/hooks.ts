// Store changes to webhooks: a URL is required, and one URL serves one hook.
import type { FakeHook, FakeRepo, FakeStore } from "../types.js";
import { validationFailed } from "./errors.js";

export type HookInput = Pick<FakeHook, "active" | "events" | "config">;

export function createHook(store: FakeStore, repo: FakeRepo, input: HookInput): FakeHook {
  if (!/^https?:\/\//.test(input.config.url)) {
    throw validationFailed({ resource: "Hook", code: "custom", message: "Config must contain a valid url" });
  }
  if (repo.hooks.some((h) => h.config.url === input.config.url)) {
    throw validationFailed({
      resource: "Hook",
      code: "custom",
      message: "Hook already exists on this repository",
    });
  }
  const at = store.now();
  const hook: FakeHook = { id: store.nextId(), name: "web", ...input, created_at: at, updated_at: at };
  repo.hooks.push(hook);
  return hook;
}
