// A restore of a saved backup into another repository of the fake, with a fast
// client and no content pacing: what the round-trip tests run.
import type { FakeGitHub } from "../../../fake-github/index.js";
import type { EntityName } from "../../../src/entities/names.js";
import {
  type RestoreRepositoryRequest,
  type RestoreRepositoryResult,
  RestoreRepositoryUseCase,
} from "../../../src/restore/restore-repository.js";

export function restoreInto(
  fake: FakeGitHub,
  backupDir: string,
  entities: ReadonlySet<EntityName>,
  target: string,
  extra: Partial<RestoreRepositoryRequest> = {},
): Promise<RestoreRepositoryResult> {
  return new RestoreRepositoryUseCase().execute({
    backupDir,
    target: { owner: "octo-org", repo: target },
    token: fake.token,
    apiUrl: fake.url,
    selection: { entities: new Set(entities), issues: { kind: "all" }, pullRequests: { kind: "all" } },
    client: { schedulerOptions: { backoff: { baseMs: 1, capMs: 5 }, rateLimitResetMarginMs: 0 } },
    contentLimits: { minWriteIntervalMs: 0, contentPerMinute: 1_000_000, contentPerHour: 1_000_000 },
    ...extra,
  });
}
