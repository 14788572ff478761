// After an issue exists in the target: the steps GitHub does not take at
// creation — assignees the import could not set, the closed state with its
// reason (or a reopened state), and the lock with its reason. Each step
// compares with the issue's current state, so rerunning it changes nothing.
import type { RestoreContext } from "../../restore/types.js";
import { problemsWith } from "../../restore/validation.js";
import { closingReason, type IssueState, issueStateOf } from "./issue-state.js";
import type { IssueRecord } from "./record.js";

/** Logins GitHub refused as assignees, shared across the job (lower-case). */
export type Unassignable = Set<string>;

export function wantedAssignees(record: IssueRecord, unassignable: Unassignable): string[] {
  return record.assignees.map((a) => a.login).filter((login) => !unassignable.has(login.toLowerCase()));
}

/** Drops the logins a 422 names (all, when it names none); returns false when the error is about something else. */
export function dropRejectedAssignees(
  ctx: RestoreContext,
  error: unknown,
  tried: string[],
  unassignable: Unassignable,
  where: string,
): boolean {
  const problems = problemsWith(error, "assignees").concat(problemsWith(error, "assignee"));
  if (problems.length === 0 || tried.length === 0) return false;
  const named = problems
    .map((p) => (typeof p.value === "string" ? p.value : null))
    .filter((v): v is string => !!v);
  const rejected = named.length > 0 ? named : tried;
  for (const login of rejected) {
    if (unassignable.has(login.toLowerCase())) continue;
    unassignable.add(login.toLowerCase());
    ctx.warn(
      `${where}: @${login} cannot be assigned in the target (no such user or no access); left unassigned`,
    );
  }
  return true;
}

export async function finishIssue(
  ctx: RestoreContext,
  record: IssueRecord,
  number: number,
  current: IssueState,
  unassignable: Unassignable,
): Promise<void> {
  const base = { owner: ctx.target.owner, repo: ctx.target.repo, issue_number: number };
  const where = `issue #${record.number}`;
  const patch = async (fields: Record<string, unknown>) => {
    const response = await ctx.client.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...base,
      ...fields,
      request: { signal: ctx.signal },
    });
    return issueStateOf(response.data);
  };
  let state = current;

  // Assignees (the import API takes one; a creation may have dropped some).
  let wanted = wantedAssignees(record, unassignable);
  const same = (a: string[], b: string[]) =>
    a.length === b.length &&
    a
      .map((x) => x.toLowerCase())
      .sort()
      .join() === [...b].sort().join();
  for (let attempt = 0; attempt < 3 && !same(wanted, state.assignees); attempt++) {
    try {
      state = await patch({ assignees: wanted });
    } catch (error) {
      if (!dropRejectedAssignees(ctx, error, wanted, unassignable, where)) throw error;
      wanted = wantedAssignees(record, unassignable);
    }
  }

  // State and reason. GitHub applies state_reason only when the state changes.
  if (record.state === "closed") {
    // An issue closed before GitHub had reasons has none (null), and GitHub lets a close say so
    // explicitly; a backup of the Python tool never records the reason, so there null means unknown.
    const reason = closingReason(record);
    const keepNull = reason === null && record.state_reason === null && ctx.backupFormat !== "python";
    const wrongReason =
      state.state === "closed" &&
      (reason !== null ? state.stateReason !== reason : keepNull && state.stateReason !== null);
    if (wrongReason) state = await patch({ state: "open" });
    if (state.state !== "closed")
      state = await patch({
        state: "closed",
        ...(reason ? { state_reason: reason } : keepNull ? { state_reason: null } : {}),
      });
  } else if (record.state_reason === "reopened" && state.stateReason !== "reopened") {
    if (state.state === "open") state = await patch({ state: "closed" });
    state = await patch({ state: "open", state_reason: "reopened" });
  } else if (state.state === "closed") {
    state = await patch({ state: "open" });
  }

  // Lock, with the original reason.
  const lockRoute = "/repos/{owner}/{repo}/issues/{issue_number}/lock";
  if (record.locked) {
    const reason = record.active_lock_reason;
    if (state.locked && state.lockReason !== reason) {
      await ctx.client.octokit.request(`DELETE ${lockRoute}`, { ...base, request: { signal: ctx.signal } });
      state = { ...state, locked: false };
    }
    if (!state.locked) {
      await ctx.client.octokit.request(`PUT ${lockRoute}`, {
        ...base,
        ...(reason ? { lock_reason: reason as "off-topic" | "too heated" | "resolved" | "spam" } : {}),
        request: { signal: ctx.signal },
      });
    }
  } else if (state.locked) {
    await ctx.client.octokit.request(`DELETE ${lockRoute}`, { ...base, request: { signal: ctx.signal } });
  }
}
