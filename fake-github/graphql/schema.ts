// Loads the fake's GraphQL schema (schema.graphql beside this module; the
// build copies it into dist) once per process.
import { readFileSync } from "node:fs";
import { buildSchema, type GraphQLSchema } from "graphql";

let cached: GraphQLSchema | null = null;

export function schemaSdl(): string {
  return readFileSync(new URL("./schema.graphql", import.meta.url), "utf8");
}

export function fakeSchema(): GraphQLSchema {
  cached ??= buildSchema(schemaSdl());
  return cached;
}
