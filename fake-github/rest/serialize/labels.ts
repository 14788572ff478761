// Labels as GitHub's REST API returns them.
import type { FakeLabel, FakeRepo } from "../../store/types.js";
import { apiRepo } from "./common.js";

export interface RestLabel {
  id: number;
  node_id: string;
  url: string;
  name: string;
  color: string;
  default: boolean;
  description: string | null;
}

export function serializeLabel(repo: FakeRepo, label: FakeLabel, baseUrl: string): RestLabel {
  return {
    id: label.id,
    node_id: label.node_id,
    url: `${apiRepo(baseUrl, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

export function serializeLabelIds(repo: FakeRepo, ids: number[], baseUrl: string): RestLabel[] {
  const out: RestLabel[] = [];
  for (const id of ids) {
    const label = repo.labels.find((l) => l.id === id);
    if (label) out.push(serializeLabel(repo, label, baseUrl));
  }
  return out;
}
