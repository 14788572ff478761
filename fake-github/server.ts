// Starts the fake GitHub: a plain node:http server (keep-alive) on 127.0.0.1
// serving REST reads and writes, GraphQL, git smart HTTP, signed asset
// downloads and the /_fake admin paths, over an in-memory store.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bindWebOrigin } from "./data/attachments.js";
import { type DatasetName, type GeneratedDataset, generateDataset } from "./data/generate.js";
import { graphqlRoute } from "./graphql/index.js";
import { ServerCore } from "./http/core.js";
import type { FakeStats } from "./http/stats.js";
import type { RouteDef } from "./http/types.js";
import type { FakeKnobs } from "./limits/knobs.js";
import type { ServerTimer } from "./limits/latency.js";
import { createReadRoutes } from "./rest/read/index.js";
import { writeRoutes } from "./rest/write/index.js";
import { createStore } from "./store/create-store.js";
import type { FakeStore } from "./store/types.js";

export interface FakeGitHubOptions extends Partial<FakeKnobs> {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** Generate this dataset into the store (the server's `token` is then its admin token). */
  dataset?: DatasetName;
  /** Dataset seed; also the default jitter and fault seed (default 1). */
  seed?: number;
  /** Owner and name of the generated repository. */
  owner?: string;
  repo?: string;
  /** Serve this store instead of a new empty one. */
  store?: FakeStore;
  /** Create bare git repositories for the dataset (in a temp dir removed on close unless gitRoot is given). */
  git?: boolean;
  /** Where bare repositories live; implies git. Left in place on close. */
  gitRoot?: string;
  /** Extra routes (tests: gated handlers, content-creating stand-ins). */
  extraRoutes?: RouteDef[];
  /** Clock for the rate-limit windows, in epoch ms (tests; default Date.now). */
  clock?: () => number;
  /**
   * Monotonic clock and wait behind request durations and the latency
   * (tests; default performance.now and setTimeout).
   */
  timer?: ServerTimer;
}

export interface FakeGitHub {
  /** REST base URL, e.g. "http://127.0.0.1:4567". */
  url: string;
  graphqlUrl: string;
  /** The generated admin token when a dataset was loaded, else "". */
  token: string;
  store: FakeStore;
  /** What the dataset generator made, when one was loaded. */
  dataset: GeneratedDataset | null;
  /** Live counters (cleared in place by resetStats). */
  stats: FakeStats;
  configure(patch: Partial<FakeKnobs>): void;
  /** A copy of the current knobs. */
  knobs(): FakeKnobs;
  resetStats(): void;
  /**
   * Spends the rest of `token`'s primary budget at once, as another tool with
   * the same token would; the budget's window starts now (no-op with the limit off).
   */
  exhaustRateLimit(token: string, resource: "core" | "graphql"): void;
  close(): Promise<void>;
}

const knobKeys: Array<keyof FakeKnobs> = [
  "latencyMs",
  "jitterMs",
  "seed",
  "rateLimit",
  "rateLimitStatus",
  "secondary",
  "faults",
  "script",
  "graphqlMaxNodesBeforeTimeout",
  "graphqlMaxNodes",
  "listCapItems",
];

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const host = options.host ?? "127.0.0.1";
  const store = options.store ?? createStore();
  let gitRoot = options.gitRoot;
  let ownsGitRoot = false;
  if (!gitRoot && options.git) {
    gitRoot = await mkdtemp(join(tmpdir(), "fake-github-git-"));
    ownsGitRoot = true;
  }
  const removeGitRoot = async () => {
    if (ownsGitRoot && gitRoot) await rm(gitRoot, { recursive: true, force: true });
  };

  // Repositories created through the API get their bare git repository here too.
  if (gitRoot && store.gitRoot === undefined) store.gitRoot = gitRoot;

  let dataset: GeneratedDataset | null = null;
  const core = new ServerCore(store, options.clock, options.timer);
  try {
    if (options.dataset) {
      dataset = generateDataset(store, {
        dataset: options.dataset,
        seed: options.seed ?? 1,
        ...(options.owner ? { owner: options.owner } : {}),
        ...(options.repo ? { repo: options.repo } : {}),
        ...(gitRoot ? { gitRoot } : {}),
      });
    }
    core.addRoutes(
      createReadRoutes({
        assetUrl: (origin, assetId) => core.signer.url(origin, assetId),
        budgets: (req) => core.budgets(req),
      }),
    );
    core.addRoutes(writeRoutes);
    core.addRoutes([graphqlRoute]);
    if (options.extraRoutes) core.addRoutes(options.extraRoutes);
    const knobs: Partial<FakeKnobs> = {};
    for (const key of knobKeys) if (options[key] !== undefined) Object.assign(knobs, { [key]: options[key] });
    core.configure(knobs);
  } catch (error) {
    await removeGitRoot();
    throw error;
  }

  const server = createServer({ keepAlive: true }, core.listener);
  // Longer than typical client idle timeouts, so pooled connections are reused.
  server.keepAliveTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await removeGitRoot();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  const url = `http://${hostPart}:${port}`;
  core.fallbackHost = `${hostPart}:${port}`;
  // Seeded attachment links name the web host, known only now.
  bindWebOrigin(store, url);

  let closing: Promise<void> | null = null;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    token: dataset?.token ?? "",
    store,
    dataset,
    stats: core.stats,
    configure: (patch) => core.configure(patch),
    knobs: () => core.knobs(),
    resetStats: () => core.recorder.reset(),
    exhaustRateLimit: (token, resource) => core.exhaustRateLimit(token, resource),
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await removeGitRoot();
      })();
      return closing;
    },
  };
}
