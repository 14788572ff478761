// Every data type, once. Adding a type = one folder under src/entities/ whose
// index.ts exports its descriptor (src/entities/descriptor.ts) plus one line
// here; everything below is derived. The order is the format's file order,
// the help's and the report's order. The orchestrator orders jobs by their
// `dependsOn`, not by this list.

import type { RecordFile } from "../backup/record-files.js";
import { FORMAT_SCHEMAS, type SchemaRef } from "../backup/schemas.js";
import type { EntityRestorer, ObjectKind } from "../restore/types.js";
import { bodyFiles } from "./attachments/body-files.js";
import { attachments } from "./attachments/index.js";
import { branchProtection } from "./branch_protection/index.js";
import { collaborators } from "./collaborators/index.js";
import type { BodyEndpoint, EntityDescriptor, JobEntityDescriptor } from "./descriptor.js";
import { discussions } from "./discussions/index.js";
import { gitRepo } from "./git_repo/index.js";
import { issueComments } from "./issue_comments/index.js";
import { issueEvents } from "./issue_events/index.js";
import { issues } from "./issues/index.js";
import { labels } from "./labels/index.js";
import { lfsObjects } from "./lfs_objects/index.js";
import { milestones } from "./milestones/index.js";
import type { EntityName } from "./names.js";
import { prComments } from "./pr_comments/index.js";
import { prReviewComments } from "./pr_review_comments/index.js";
import { prReviews } from "./pr_reviews/index.js";
import { pullRequests } from "./pull_requests/index.js";
import { reactions } from "./reactions/index.js";
import { releaseAssets } from "./release_assets/index.js";
import { releases } from "./releases/index.js";
import { repository } from "./repository/index.js";
import { rulesets } from "./rulesets/index.js";
import { securityAdvisories } from "./security_advisories/index.js";
import { subIssues } from "./sub_issues/index.js";
import { teams } from "./teams/index.js";
import type { EntitySaver } from "./types.js";
import { webhooks } from "./webhooks/index.js";
import { wiki } from "./wiki/index.js";

export const ENTITIES: readonly EntityDescriptor[] = [
  labels,
  milestones,
  issues,
  issueComments,
  subIssues,
  pullRequests,
  prComments,
  prReviews,
  prReviewComments,
  releases,
  releaseAssets,
  issueEvents,
  reactions,
  gitRepo,
  repository,
  branchProtection,
  rulesets,
  collaborators,
  teams,
  webhooks,
  securityAdvisories,
  discussions,
  attachments,
  wiki,
  lfsObjects,
];

/** The types that run a job of their own (release_assets is an option of releases). */
export const JOB_ENTITIES: readonly JobEntityDescriptor[] = ENTITIES.filter(
  (entity): entity is JobEntityDescriptor => entity.kind === "job",
);

/** The record files with Markdown bodies, in ENTITIES order (the attachments job reads them). */
export const BODY_FILES = bodyFiles(JOB_ENTITIES);

/** The save jobs a selection runs, in ENTITIES order (their code is loaded now). */
export async function saversFor(entities: ReadonlySet<EntityName>): Promise<EntitySaver[]> {
  const savers = await Promise.all(
    JOB_ENTITIES.filter((entity) => entities.has(entity.name)).map((entity) => entity.saver()),
  );
  // A job that reads the saved bodies runs after every type that writes them.
  const bodyTypes = [...new Set(BODY_FILES.map((file) => file.entity))];
  return savers.map((saver) =>
    saver.readsBodies ? { ...saver, dependsOn: [...new Set([...saver.dependsOn, ...bodyTypes])] } : saver,
  );
}

/** The jobs whose restore creates content: every job but the settings and people, in ENTITIES order. */
export const CONTENT_JOBS: readonly EntityName[] = JOB_ENTITIES.filter((entity) => !entity.settings).map(
  (entity) => entity.name,
);

/** The content jobs with their options (release_assets): the selection that restores all content. */
export const CONTENT_TYPES: readonly EntityName[] = ENTITIES.filter((entity) =>
  CONTENT_JOBS.includes(entity.kind === "job" ? entity.name : entity.parent),
).map((entity) => entity.name);

/** The restore jobs a selection runs, in ENTITIES order (their code is loaded now). */
export function restorersFor(entities: ReadonlySet<EntityName>): Promise<EntityRestorer[]> {
  return Promise.all(
    JOB_ENTITIES.filter((entity) => entities.has(entity.name)).map((entity) => entity.restorer()),
  );
}

/** The backup's JSONL files with their schemas and sort keys, for verify and restore. */
export const RECORD_FILES: readonly RecordFile[] = JOB_ENTITIES.flatMap((entity) =>
  entity.files.map((file) => ({ ...file, entity: entity.name })),
);

/** Every JSON Schema of the format: its own (manifest, save state, common) and each record file's. */
export const SCHEMAS: readonly SchemaRef[] = [...FORMAT_SCHEMAS, ...RECORD_FILES.map((file) => file.schema)];

/** The INCLUDE_* variable of each type. */
export const ENTITY_ENV_VARS = Object.fromEntries(
  ENTITIES.map((entity) => [entity.name, entity.envVar]),
) as Readonly<Record<EntityName, string>>;

/** Children and the parent whose records they belong to. */
export const ENTITY_PARENT: Readonly<Partial<Record<EntityName, EntityName>>> = Object.fromEntries(
  ENTITIES.flatMap((entity) => (entity.parent ? [[entity.name, entity.parent]] : [])),
);

/** Other spellings accepted in --include/--exclude, and the type each names. */
export const ENTITY_ALIASES: Readonly<Record<string, EntityName>> = Object.fromEntries(
  ENTITIES.flatMap((entity) => (entity.aliases ?? []).map((alias) => [alias, entity.name])),
);

/** The types whose parent is `parent`, in ENTITIES order. */
export function childrenOf(parent: EntityName): EntityName[] {
  return ENTITIES.filter((entity) => entity.parent === parent).map((entity) => entity.name);
}

/** A parent and its children: the types one number selection (--issues, --pull-requests) applies to. */
export function familyOf(parent: EntityName): EntityName[] {
  return [parent, ...childrenOf(parent)];
}

/** A body endpoint with the type whose restorer created the object. */
export interface EntityBodyEndpoint extends BodyEndpoint {
  entity: EntityName;
}

/** Where the body of each kind of restored object is read and rewritten (the references pass). */
export const BODY_ENDPOINTS: Readonly<Partial<Record<ObjectKind, EntityBodyEndpoint>>> = Object.fromEntries(
  JOB_ENTITIES.flatMap((entity) =>
    Object.entries(entity.bodyEndpoints ?? {}).map(([kind, endpoint]) => [
      kind,
      { ...endpoint, entity: entity.name },
    ]),
  ),
);
