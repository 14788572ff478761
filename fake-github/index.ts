// Public entry of the fake GitHub server (package export "./fake-github").
export type { DatasetName, GeneratedDataset, GenerateOptions } from "./data/generate.js";
export { generateDataset } from "./data/generate.js";
export { seededWebhookSecret, trickyUrlSecrets } from "./data/settings.js";
export { createWikiFirstPage } from "./data/wiki-lfs.js";
export type { FakeStats, FakeStatsEntry } from "./http/stats.js";
export type {
  FakeRequest,
  FakeResponse,
  HttpMethod,
  RouteDef,
  RouteHandler,
  ServerContext,
} from "./http/types.js";
export type {
  FakeKnobs,
  FaultsKnob,
  RateLimitKnob,
  ScriptedFault,
  SecondaryKnob,
} from "./limits/knobs.js";
export type { ServerTimer } from "./limits/latency.js";
export { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from "./server.js";
export { addRepo, addToken, addUser, createStore, findRepo } from "./store/create-store.js";
export type * from "./store/types.js";
