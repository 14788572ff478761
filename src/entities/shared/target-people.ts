// Who exists on the target side: users by login, and the target owner's teams
// by slug. Protection and rulesets name people; a restore maps them to the
// target's accounts and reports the ones it cannot.
import { statusOf } from "../../github/errors.js";
import { listAll } from "../../restore/list-target.js";
import type { RestoreContext } from "../../restore/types.js";

export interface TargetPeople {
  /** The user's id on the target's GitHub, or null when there is no such account. */
  userId(login: string): Promise<number | null>;
  /** The team's id in the target's owner organisation, or null. */
  teamId(slug: string): Promise<number | null>;
}

export function targetPeople(ctx: RestoreContext): TargetPeople {
  const users = new Map<string, Promise<number | null>>();
  let teams: Promise<Map<string, number>> | undefined;
  const listTeams = async (): Promise<Map<string, number>> => {
    const bySlug = new Map<string, number>();
    try {
      for await (const team of listAll(ctx, "GET /orgs/{org}/teams", { org: ctx.target.owner })) {
        if (typeof team.slug === "string" && typeof team.id === "number") bySlug.set(team.slug, team.id);
      }
    } catch (error) {
      // A user account owns the target: it has no teams.
      if (statusOf(error) !== 404 && statusOf(error) !== 403) throw error;
    }
    return bySlug;
  };
  return {
    userId(login) {
      let known = users.get(login);
      if (!known) {
        known = ctx.client.octokit
          .request("GET /users/{username}", { username: login, request: { signal: ctx.signal } })
          .then(
            (response) => {
              const id = (response.data as { id?: unknown }).id;
              return typeof id === "number" ? id : null;
            },
            (error: unknown) => {
              if (statusOf(error) === 404) return null;
              throw error;
            },
          );
        users.set(login, known);
      }
      return known;
    },
    async teamId(slug) {
      teams ??= listTeams();
      return (await teams).get(slug) ?? null;
    },
  };
}
