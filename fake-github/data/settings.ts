// The repository around the issues: settings and topics, branch protection,
// rulesets, collaborators, teams, webhooks and security advisories. Drawn from
// a PRNG of their own, after everything else, so the ids and timestamps of the
// other records do not move. Exact counts per dataset:
//
// | dataset | topics | protected branches | rulesets | collaborators | teams | hooks (with secret) | advisories (published) |
// |---------|-------:|-------------------:|---------:|--------------:|------:|--------------------:|-----------------------:|
// | small   |      3 |                  1 |        2 |             4 |     2 |               2 (1) |                  2 (1) |
// | medium  |      3 |                  1 |        2 |            12 |     2 |               2 (1) |                  3 (2) |
// | large   |      3 |                  1 |        2 |            12 |     2 |               2 (1) |                  3 (2) |
// | skewed  |      3 |                  1 |        2 |             4 |     2 |               2 (1) |                  2 (1) |
// | tricky  |      4 |                  2 |        3 |             5 |     3 |               3 (2) |                  3 (1) |
// | empty   |      0 |                  0 |        0 |             0 |     0 |               0 (0) |                  0 (0) |
import { makeNodeId } from "../store/node-id.js";
import type {
  FakeAdvisory,
  FakeBranchProtection,
  FakeRuleset,
  FakeStore,
  FakeTeam,
  RepoRole,
  TeamPermission,
} from "../store/types.js";
import type { DatasetName } from "./configs.js";
import type { GenContext } from "./context.js";
import { mulberry32, type Prng } from "./prng.js";

const ghsaAlphabet = "23456789cfghjmpqrvwx";

function ghsaId(prng: Prng): string {
  const part = () => Array.from({ length: 4 }, () => prng.pick([...ghsaAlphabet])).join("");
  return `GHSA-${part()}-${part()}-${part()}`;
}

/** The webhook secret seeded for a dataset: tests check that no byte a save writes contains it. */
export function seededWebhookSecret(seed: number): string {
  return `whsec_fake_${seed}_${mulberry32(seed ^ 0x4007).hex(24)}`;
}

/** Credentials inside a webhook URL of `tricky` (userinfo and query): they must not be saved either. */
export const trickyUrlSecrets = { password: "s3cr3t-in-url", query: "q-token-9f8e7d" } as const;

function teamOf(
  store: FakeStore,
  orgLogin: string,
  slug: string,
  name: string,
  description: string | null,
): FakeTeam {
  const existing = store.teams.find((t) => t.orgLogin === orgLogin && t.slug === slug);
  if (existing) return existing;
  const id = store.nextId();
  const team: FakeTeam = {
    id,
    node_id: makeNodeId("T", id),
    orgLogin,
    slug,
    name,
    description,
    privacy: "closed",
  };
  store.teams.push(team);
  return team;
}

export function addRepositorySettings(ctx: GenContext, dataset: DatasetName): void {
  if (dataset === "empty") return;
  const { store, repo, admin, people, bot } = ctx;
  const prng = mulberry32(ctx.seed ^ 0x5e77);
  const tricky = dataset === "tricky";
  const big = dataset === "medium" || dataset === "large";

  Object.assign(repo.settings, {
    homepage: `https://${repo.name}.example.invalid/`,
    topics: tricky ? ["backup", "github", "seeded-data", "x-42"] : ["backup", "github", `seeded-${dataset}`],
    has_discussions: true,
    has_projects: false,
    allow_rebase_merge: false,
    allow_auto_merge: true,
    delete_branch_on_merge: true,
    squash_merge_commit_title: "PR_TITLE",
    squash_merge_commit_message: "PR_BODY",
  });

  const core = teamOf(store, repo.ownerLogin, "core", "Core", "Maintainers of the code");
  const docs = teamOf(store, repo.ownerLogin, "docs", "Docs", null);
  const teams: Array<{ team: FakeTeam; permission: TeamPermission }> = [
    { team: core, permission: "maintain" },
    { team: docs, permission: "pull" },
  ];
  if (tricky) {
    teams.push({
      team: teamOf(store, repo.ownerLogin, "equipe-securite", "Équipe sécurité 🔒", "Ünïcode & <html>"),
      permission: "admin",
    });
  }
  repo.teamAccess = teams.map(({ team, permission }) => ({ teamId: team.id, permission }));

  const roles: RepoRole[] = ["write", "read", "maintain", "triage"];
  const collaboratorCount = big ? 11 : 3;
  repo.collaborators = [{ userId: admin.id, role_name: "admin" }];
  for (const [i, person] of people.slice(1, 1 + collaboratorCount).entries()) {
    repo.collaborators.push({ userId: person.id, role_name: roles[i % roles.length] ?? "read" });
  }
  if (tricky) repo.collaborators.push({ userId: bot.id, role_name: "triage" });

  const reviewer = people[1] ?? admin;
  const main: FakeBranchProtection = {
    required_status_checks: { strict: true, contexts: ["ci/build", "ci/test"] },
    enforce_admins: false,
    required_pull_request_reviews: {
      dismiss_stale_reviews: true,
      require_code_owner_reviews: false,
      required_approving_review_count: 1,
      require_last_push_approval: false,
      dismissalUserIds: [reviewer.id],
      dismissalTeamIds: [core.id],
    },
    restrictions: { userIds: [admin.id], teamIds: [core.id] },
    required_linear_history: true,
    allow_force_pushes: false,
    allow_deletions: false,
    block_creations: false,
    required_conversation_resolution: true,
    lock_branch: false,
    allow_fork_syncing: false,
    required_signatures: false,
  };
  repo.protections.set(repo.default_branch, main);
  if (tricky) {
    const head = [...repo.branches.keys()].sort().find((name) => name !== repo.default_branch);
    if (head) {
      repo.protections.set(head, {
        ...main,
        required_status_checks: null,
        required_pull_request_reviews: null,
        restrictions: null,
        required_linear_history: false,
        allow_force_pushes: true,
        enforce_admins: true,
        required_signatures: true,
      });
    }
  }

  const at = () => store.now();
  const ruleset = (
    partial: Omit<FakeRuleset, "id" | "node_id" | "created_at" | "updated_at">,
  ): FakeRuleset => {
    const id = store.nextId();
    const created = at();
    return { id, node_id: makeNodeId("RRS", id), ...partial, created_at: created, updated_at: created };
  };
  repo.rulesets = [
    ruleset({
      name: "Protect default branch",
      target: "branch",
      enforcement: "active",
      bypass_actors: [
        { actor_id: core.id, actor_type: "Team", bypass_mode: "always" },
        { actor_id: 5, actor_type: "RepositoryRole", bypass_mode: "always" },
      ],
      conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
      rules: [
        { type: "deletion" },
        { type: "non_fast_forward" },
        {
          type: "pull_request",
          parameters: {
            dismiss_stale_reviews_on_push: true,
            require_code_owner_review: false,
            require_last_push_approval: false,
            required_approving_review_count: 1,
            required_review_thread_resolution: true,
          },
        },
      ],
    }),
    ruleset({
      name: "Release tags",
      target: "tag",
      enforcement: "evaluate",
      bypass_actors: [{ actor_id: admin.id, actor_type: "User", bypass_mode: "always" }],
      conditions: { ref_name: { include: ["refs/tags/v*"], exclude: ["refs/tags/v0.*"] } },
      rules: [{ type: "update" }, { type: "deletion" }],
    }),
  ];
  if (tricky) {
    repo.rulesets.push(
      ruleset({
        name: "Règles « désactivées »",
        target: "branch",
        enforcement: "disabled",
        bypass_actors: [],
        conditions: { ref_name: { include: ["refs/heads/release/**/*"], exclude: [] } },
        rules: [{ type: "required_linear_history" }, { type: "required_signatures" }],
      }),
    );
  }

  const hookAt = at();
  repo.hooks = [
    {
      id: store.nextId(),
      name: "web",
      active: true,
      events: ["issues", "pull_request", "push"],
      config: {
        url: "https://ci.example.invalid/github/webhook",
        content_type: "json",
        insecure_ssl: "0",
        secret: seededWebhookSecret(ctx.seed),
      },
      created_at: hookAt,
      updated_at: hookAt,
    },
    {
      id: store.nextId(),
      name: "web",
      active: false,
      events: ["push"],
      config: {
        url: "http://chat.example.invalid/hook?channel=ops&format=compact",
        content_type: "form",
        insecure_ssl: "1",
        secret: null,
      },
      created_at: hookAt,
      updated_at: hookAt,
    },
  ];
  if (tricky) {
    repo.hooks.push({
      id: store.nextId(),
      name: "web",
      active: true,
      events: ["*"],
      config: {
        url: `https://deploy-bot:${trickyUrlSecrets.password}@hooks.example.invalid/notify?channel=deploys&token=${trickyUrlSecrets.query}`,
        content_type: "json",
        insecure_ssl: "0",
        secret: `${seededWebhookSecret(ctx.seed)}-second`,
      },
      created_at: hookAt,
      updated_at: hookAt,
    });
  }

  const advisory = (
    partial: Partial<FakeAdvisory> & Pick<FakeAdvisory, "summary" | "state">,
  ): FakeAdvisory => {
    const created = at();
    return {
      ghsa_id: ghsaId(prng),
      cve_id: null,
      description: `${partial.summary}.\n\nDetails follow.`,
      severity: "high",
      authorId: admin.id,
      created_at: created,
      updated_at: created,
      published_at: partial.state === "published" ? created : null,
      closed_at: null,
      withdrawn_at: null,
      vulnerabilities: [
        {
          package: { ecosystem: "npm", name: `${repo.name}-core` },
          vulnerable_version_range: "< 1.2.3",
          patched_versions: "1.2.3",
          vulnerable_functions: [],
        },
      ],
      cwe_ids: ["CWE-79"],
      ...partial,
    };
  };
  repo.advisories = [
    advisory({
      summary: "Cross-site scripting in the issue renderer",
      state: "published",
      cve_id: "CVE-2026-0001",
    }),
    advisory({
      summary: "Token written to debug logs",
      state: "draft",
      severity: "medium",
      cwe_ids: ["CWE-532"],
    }),
  ];
  if (big) {
    repo.advisories.push(
      advisory({ summary: "Path traversal in asset names", state: "published", severity: "critical" }),
    );
  }
  if (tricky) {
    repo.advisories.push(
      advisory({
        summary: "Ünïcode « withdrawn » advisory <script>",
        state: "withdrawn",
        severity: null,
        description: null,
        vulnerabilities: [],
        cwe_ids: [],
        withdrawn_at: at(),
      }),
    );
  }
}
