// The fake's schema must be a true subset of GitHub's public schema: every
// type, field, argument, enum value and input field exists there with the same
// type signature, so a query that validates against the fake validates on GitHub.
import { readFileSync } from "node:fs";
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  print,
} from "graphql";
import { describe, expect, it } from "vitest";
import { fakeSchema } from "../../../fake-github/graphql/schema.js";

// The package's "exports" hide the SDL file, so it is read by path from the project root.
const githubSdl = new URL("../../../node_modules/@octokit/graphql-schema/schema.graphql", import.meta.url);

function githubSchema(): GraphQLSchema {
  return buildSchema(readFileSync(githubSdl, "utf8"), { assumeValidSDL: true });
}

function kind(type: GraphQLNamedType): string {
  if (isObjectType(type)) return "object";
  if (isInterfaceType(type)) return "interface";
  if (isUnionType(type)) return "union";
  if (isEnumType(type)) return "enum";
  if (isInputObjectType(type)) return "input";
  return "scalar";
}

/** The default value as SDL text, so `{field: CREATED_AT, direction: ASC}` compares structurally. */
function defaultText(arg: GraphQLArgument | GraphQLInputField): string | null {
  return arg.astNode?.defaultValue ? print(arg.astNode.defaultValue) : null;
}

function compareArgs(
  where: string,
  ours: readonly GraphQLArgument[],
  theirs: readonly GraphQLArgument[],
  problems: string[],
): void {
  for (const arg of ours) {
    const match = theirs.find((a) => a.name === arg.name);
    if (!match) problems.push(`${where}(${arg.name}:) is not an argument on GitHub`);
    else if (String(match.type) !== String(arg.type))
      problems.push(`${where}(${arg.name}:) is ${arg.type}, GitHub has ${match.type}`);
    else if (defaultText(match) !== defaultText(arg))
      problems.push(
        `${where}(${arg.name}:) defaults to ${defaultText(arg)}, GitHub to ${defaultText(match)}`,
      );
  }
  // An argument GitHub requires must be required here too, or our valid queries fail there.
  for (const arg of theirs) {
    if (isNonNullType(arg.type) && arg.defaultValue === undefined && !ours.some((a) => a.name === arg.name))
      problems.push(`${where} omits GitHub's required argument ${arg.name}`);
  }
}

function compareFields(
  typeName: string,
  ours: Record<string, GraphQLField<unknown, unknown>>,
  theirs: Record<string, GraphQLField<unknown, unknown>>,
  problems: string[],
): void {
  for (const field of Object.values(ours)) {
    const match = theirs[field.name];
    const where = `${typeName}.${field.name}`;
    if (!match) {
      problems.push(`${where} is not a field on GitHub`);
      continue;
    }
    if (String(match.type) !== String(field.type))
      problems.push(`${where} is ${field.type}, GitHub has ${match.type}`);
    compareArgs(where, field.args, match.args, problems);
  }
}

function subsetProblems(ours: GraphQLSchema, github: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(ours.getTypeMap())) {
    if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
    const theirs = github.getType(type.name);
    if (!theirs) {
      problems.push(`type ${type.name} does not exist on GitHub`);
      continue;
    }
    if (kind(theirs) !== kind(type)) {
      problems.push(`${type.name} is a ${kind(type)} here but a ${kind(theirs)} on GitHub`);
      continue;
    }
    if ((isObjectType(type) && isObjectType(theirs)) || (isInterfaceType(type) && isInterfaceType(theirs))) {
      compareFields(type.name, type.getFields(), theirs.getFields(), problems);
      const theirInterfaces = new Set(theirs.getInterfaces().map((i) => i.name));
      for (const iface of type.getInterfaces())
        if (!theirInterfaces.has(iface.name))
          problems.push(`${type.name} implements ${iface.name}, not on GitHub`);
    } else if (isInputObjectType(type) && isInputObjectType(theirs)) {
      const theirFields = theirs.getFields();
      for (const field of Object.values(type.getFields())) {
        const match = theirFields[field.name];
        if (!match) problems.push(`input ${type.name}.${field.name} is not on GitHub`);
        else if (String(match.type) !== String(field.type))
          problems.push(`input ${type.name}.${field.name} is ${field.type}, GitHub has ${match.type}`);
        else if (defaultText(match) !== defaultText(field))
          problems.push(`input ${type.name}.${field.name} has another default than GitHub`);
      }
      for (const field of Object.values(theirFields)) {
        if (isNonNullType(field.type) && field.defaultValue === undefined && !type.getFields()[field.name])
          problems.push(`input ${type.name} omits GitHub's required field ${field.name}`);
      }
    } else if (isEnumType(type) && isEnumType(theirs)) {
      const values = new Set(theirs.getValues().map((v) => v.name));
      for (const value of type.getValues())
        if (!values.has(value.name)) problems.push(`enum value ${type.name}.${value.name} is not on GitHub`);
    } else if (isUnionType(type) && isUnionType(theirs)) {
      const members = new Set(theirs.getTypes().map((t) => t.name));
      for (const member of type.getTypes())
        if (!members.has(member.name))
          problems.push(`union ${type.name} member ${member.name} is not on GitHub`);
    } else if (!isScalarType(type)) {
      problems.push(`${type.name}: unexpected kind`);
    }
  }
  return problems;
}

describe("fake GraphQL schema", () => {
  const ours = fakeSchema();
  const github = githubSchema();

  it("is a subset of GitHub's public schema, signatures included", () => {
    expect(subsetProblems(ours, github)).toEqual([]);
  });

  it("has GitHub's query root, and mutations for discussions only (the rest is written through REST)", () => {
    expect(ours.getQueryType()?.name).toBe(github.getQueryType()?.name);
    expect(ours.getMutationType()?.name).toBe(github.getMutationType()?.name);
    expect(Object.keys(ours.getMutationType()?.getFields() ?? {}).sort()).toEqual([
      "addDiscussionComment",
      "addLabelsToLabelable",
      "closeDiscussion",
      "createDiscussion",
      "lockLockable",
      "markDiscussionCommentAsAnswer",
      "updateDiscussion",
    ]);
  });

  it("covers the types the backup tool reads", () => {
    for (const name of [
      "Repository",
      "Issue",
      "PullRequest",
      "IssueComment",
      "PullRequestReview",
      "PullRequestReviewComment",
      "PullRequestReviewThread",
      "Label",
      "Milestone",
      "Release",
      "ReleaseAsset",
      "SubIssuesSummary",
      "RateLimit",
      "IssueOrPullRequest",
      "Actor",
      "Node",
    ]) {
      expect(ours.getType(name), name).toBeDefined();
    }
  });

  it("would catch invented fields, changed nullability and dropped required arguments", () => {
    const broken = buildSchema(`
      type Query { repository(owner: String!): Repository }
      type Repository { name: String, invented: Int }
    `);
    expect(subsetProblems(broken, github)).toEqual([
      "Query.repository omits GitHub's required argument name",
      "Repository.name is String, GitHub has String!",
      "Repository.invented is not a field on GitHub",
    ]);
  });
});
