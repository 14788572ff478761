// Sub-issues as GitHub's REST API lists them.
import { findIssueById } from "../../store/lookup.js";
import type { FakeIssue, FakeStore } from "../../store/types.js";
import type { SerializeOptions } from "./common.js";
import { type RestIssue, serializeIssue } from "./issues.js";

export type RestSubIssue = RestIssue;

/** A child issue as GET /issues/{n}/sub_issues lists it (it may live in another repo of the owner). */
export function serializeSubIssue(
  store: FakeStore,
  child: FakeIssue,
  baseUrl: string,
  opts: SerializeOptions = {},
): RestSubIssue {
  const where = findIssueById(store, child.id);
  if (!where) throw new Error(`serializeSubIssue: issue id ${child.id} is not in the store index`);
  return serializeIssue(store, where.repo, child, baseUrl, { cache: opts.cache });
}
