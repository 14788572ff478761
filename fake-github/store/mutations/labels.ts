// Store changes for labels, with GitHub's rules (unique names, six-digit colours).
import { makeNodeId } from "../node-id.js";
import type { FakeLabel, FakeRepo, FakeStore } from "../types.js";
import { findLabel, touch } from "./common.js";
import { notFound, validationFailed } from "./errors.js";

export interface LabelInput {
  name?: string;
  color?: string;
  description?: string | null;
}

const HEX_COLOR = /^[0-9a-fA-F]{6}$/;

export function checkLabelFields(input: LabelInput): void {
  if (input.color !== undefined && !HEX_COLOR.test(input.color)) {
    throw validationFailed({ resource: "Label", code: "invalid", field: "color", value: input.color });
  }
  if (input.description && input.description.length > 100) {
    throw validationFailed({
      resource: "Label",
      code: "custom",
      field: "description",
      message: "description is too long (maximum is 100 characters)",
    });
  }
  if (input.name !== undefined && input.name.length > 50) {
    throw validationFailed({
      resource: "Label",
      code: "custom",
      field: "name",
      message: "name is too long (maximum is 50 characters)",
    });
  }
}

export function newLabel(
  store: FakeStore,
  name: string,
  color: string,
  description: string | null,
): FakeLabel {
  const id = store.nextId();
  return { id, node_id: makeNodeId("LA", id), name, color: color.toLowerCase(), description, default: false };
}

export function createLabel(store: FakeStore, repo: FakeRepo, input: LabelInput): FakeLabel {
  const name = input.name?.trim();
  if (!name) throw validationFailed({ resource: "Label", code: "missing_field", field: "name" });
  checkLabelFields({ ...input, name });
  if (findLabel(repo, name))
    throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
  const label = newLabel(store, name, input.color ?? "ededed", input.description ?? null);
  repo.labels.push(label);
  touch(store, repo);
  return label;
}

export function updateLabel(
  store: FakeStore,
  repo: FakeRepo,
  currentName: string,
  patch: { new_name?: string; color?: string; description?: string | null },
): FakeLabel {
  const label = findLabel(repo, currentName);
  if (!label) throw notFound();
  const newName = patch.new_name?.trim();
  if (patch.new_name !== undefined && !newName) {
    throw validationFailed({ resource: "Label", code: "missing_field", field: "name" });
  }
  checkLabelFields({ name: newName, color: patch.color, description: patch.description });
  if (newName !== undefined) {
    const clash = findLabel(repo, newName);
    if (clash && clash !== label)
      throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
    label.name = newName;
  }
  if (patch.color !== undefined) label.color = patch.color.toLowerCase();
  if (patch.description !== undefined) label.description = patch.description;
  touch(store, repo);
  return label;
}

export function deleteLabel(store: FakeStore, repo: FakeRepo, name: string): void {
  const label = findLabel(repo, name);
  if (!label) throw notFound();
  repo.labels.splice(repo.labels.indexOf(label), 1);
  for (const issue of repo.issues.values()) issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
  touch(store, repo);
}
