// The fake server's behaviour knobs: latency, primary and secondary rate
// limits, random and scripted faults. Everything is off by default; tests and
// the CLI switch knobs on at start or at runtime (configure / POST /_fake/configure).

/** Primary (hourly) limit per user, or per IP for anonymous requests. */
export interface RateLimitKnob {
  /** Core REST requests per window (GitHub: 5,000). */
  limit: number;
  /** GraphQL points per window (GitHub: 5,000). */
  graphqlLimit: number;
  /** Anonymous core requests per window (GitHub: 60). */
  anonymousLimit: number;
  /** Window length (GitHub: one hour). */
  windowMs: number;
}

/** Secondary limits; unset fields take GitHub's published values. */
export interface SecondaryKnob {
  /** Concurrent requests per user (GitHub: 100). */
  maxInFlight?: number;
  /** Points per "minute" per REST endpoint (method + route template); GET 1, writes 5 (GitHub: 900). */
  restPointsPerMinute?: number;
  /** Points per "minute" on the GraphQL endpoint; query 1, mutation 5 (GitHub: 2,000). */
  graphqlPointsPerMinute?: number;
  /** Content-creating requests per "minute" (GitHub: 80). */
  contentPerMinute?: number;
  /** Content-creating requests per "hour" = 60 windows (GitHub: 500). */
  contentPerHour?: number;
  /** Length of the "minute", so tests can use short windows (default 60,000). */
  windowMs?: number;
  /**
   * Value sent in `retry-after`, verbatim (may be 0 or fractional for fast tests).
   * Unset: whole seconds until the exceeded window ends, at least 1, as GitHub sends.
   */
  retryAfterSeconds?: number;
}

/** Random faults, decided by a seeded hash of the request's index among eligible requests. */
export interface FaultsKnob {
  /** Probability of answering with an error status instead of running the route. */
  rate: number;
  /** Statuses to pick from (default [500, 502, 503]). */
  statuses?: number[];
  /** Probability of destroying the socket without any response. */
  resetRate?: number;
  /** Probability of an extra delay of slowMs before a normal answer. */
  slowRate?: number;
  slowMs?: number;
  seed?: number;
  /** Restrict to these route templates ("/repos/{owner}/{repo}/labels" or "GET /repos/..."). */
  routes?: string[];
}

/** One scripted fault: "the nth..(nth+times-1)th matching request does X". */
export interface ScriptedFault {
  /** 1-based index among the requests this entry matches (default 1). */
  nth?: number;
  /** Route template, or "METHOD template"; unset matches every route. */
  route?: string;
  method?: string;
  /** Answer with this status (and body/headers) instead of running the route. */
  status?: number;
  /** Destroy the socket without a response. */
  reset?: boolean;
  /** Answer normally, but close the connection halfway through the body (its content-length announces it all). */
  cut?: boolean;
  /**
   * Never answer: the request is held until the client gives up and closes
   * the connection (recorded with status 499, "client closed request").
   */
  hold?: boolean;
  /**
   * Run the route first, then answer with the fault: the write is applied but
   * its response is lost, as when GitHub times out after creating an object.
   */
  afterHandler?: boolean;
  /** Extra delay before whatever happens next. */
  delayMs?: number;
  /** How many consecutive matching requests fire (default 1). */
  times?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeKnobs {
  /**
   * Time from a request's arrival to its answer, the server's own work
   * included (the answer is not held back at all when the work took longer).
   */
  latencyMs: number;
  /** Uniform seeded jitter of ± jitterMs around latencyMs. */
  jitterMs: number;
  /** Seed of the jitter sequence (and the default fault seed). */
  seed: number;
  /** Primary limit; null = off (headers still report a full 5,000 budget). Partial fields take defaults. */
  rateLimit: Partial<RateLimitKnob> | null;
  /** Status of an exceeded primary or secondary limit (GitHub uses both). */
  rateLimitStatus: 403 | 429;
  secondary: SecondaryKnob | null;
  faults: FaultsKnob | null;
  script: ScriptedFault[];
  /**
   * Simulated GraphQL timeout: a query whose node count exceeds this answers
   * 502 after being charged (GitHub's 10 s limit). null = never.
   */
  graphqlMaxNodesBeforeTimeout: number | null;
  /** GraphQL's node cap: a query asking more answers MAX_NODE_LIMIT_EXCEEDED (GitHub: 500,000). */
  graphqlMaxNodes: number;
  /**
   * GitHub's depth limit on the repository-wide comment lists: pages past this
   * many items answer 422 and `rel="last"` points no further (about 30,000 on
   * github.com, observed, not documented). null = unlimited.
   */
  listCapItems: number | null;
  /**
   * Database ids left out of every list answer (REST arrays, GraphQL
   * connections' nodes) while their parents' counts still include them: the
   * "unexplained shortfall" fault (limits/hidden-items.ts). Empty = off.
   */
  hiddenListItems: number[];
}

/** GitHub's observed depth limit of the repository-wide comment lists. */
export const defaultListCapItems = 30_000;

export const defaultRateLimit: RateLimitKnob = {
  limit: 5000,
  graphqlLimit: 5000,
  anonymousLimit: 60,
  windowMs: 3_600_000,
};

export const defaultSecondary: Required<Omit<SecondaryKnob, "retryAfterSeconds">> = {
  maxInFlight: 100,
  restPointsPerMinute: 900,
  graphqlPointsPerMinute: 2000,
  contentPerMinute: 80,
  contentPerHour: 500,
  windowMs: 60_000,
};

export function defaultKnobs(): FakeKnobs {
  return {
    latencyMs: 0,
    jitterMs: 0,
    seed: 1,
    rateLimit: null,
    rateLimitStatus: 403,
    secondary: null,
    faults: null,
    script: [],
    graphqlMaxNodesBeforeTimeout: null,
    graphqlMaxNodes: 500_000,
    listCapItems: defaultListCapItems,
    hiddenListItems: [],
  };
}

export function resolveRateLimit(knob: Partial<RateLimitKnob> | null): RateLimitKnob | null {
  return knob ? { ...defaultRateLimit, ...withoutUndefined(knob) } : null;
}

const knobNames = new Set<keyof FakeKnobs>([
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
  "hiddenListItems",
]);

/**
 * Validates an untrusted patch (e.g. from POST /_fake/configure) and returns
 * the knobs it sets. Throws an Error naming the first bad field.
 */
export function parseKnobPatch(input: unknown): Partial<FakeKnobs> {
  if (!isObject(input)) throw new Error("knobs: expected a JSON object");
  const patch: Partial<FakeKnobs> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!knobNames.has(key as keyof FakeKnobs)) throw new Error(`knobs: unknown knob "${key}"`);
    if (value === undefined) continue;
    switch (key as keyof FakeKnobs) {
      case "latencyMs":
      case "jitterMs":
      case "seed":
        patch[key as "latencyMs"] = nonNegative(key, value);
        break;
      case "rateLimitStatus":
        if (value !== 403 && value !== 429) throw new Error("knobs: rateLimitStatus must be 403 or 429");
        patch.rateLimitStatus = value;
        break;
      case "rateLimit":
        patch.rateLimit = value === null ? null : numberFields("rateLimit", value);
        break;
      case "secondary":
        patch.secondary = value === null ? null : numberFields("secondary", value);
        break;
      case "faults":
        patch.faults = value === null ? null : parseFaults(value);
        break;
      case "graphqlMaxNodesBeforeTimeout":
        patch.graphqlMaxNodesBeforeTimeout = value === null ? null : nonNegative(key, value);
        break;
      case "graphqlMaxNodes":
        patch.graphqlMaxNodes = nonNegative(key, value);
        break;
      case "listCapItems":
        patch.listCapItems = value === null ? null : Math.max(1, nonNegative(key, value));
        break;
      case "hiddenListItems":
        // Empty switches the fault off.
        patch.hiddenListItems = Array.isArray(value) && value.length === 0 ? [] : numberList(key, value);
        break;
      case "script":
        if (!Array.isArray(value)) throw new Error("knobs: script must be an array");
        patch.script = value.map((entry, index) => parseScripted(entry, index));
        break;
    }
  }
  return patch;
}

function parseFaults(value: unknown): FaultsKnob {
  if (!isObject(value)) throw new Error("knobs: faults must be an object or null");
  const { statuses, routes, ...numbers } = value;
  const faults = numberFields("faults", numbers) as Partial<FaultsKnob>;
  if (typeof faults.rate !== "number") faults.rate = 0;
  for (const name of ["rate", "resetRate", "slowRate"] as const) {
    const p = faults[name];
    if (p !== undefined && p > 1) throw new Error(`knobs: faults.${name} must be within 0..1`);
  }
  if (statuses !== undefined) faults.statuses = numberList("faults.statuses", statuses);
  if (routes !== undefined) faults.routes = stringList("faults.routes", routes);
  return faults as FaultsKnob;
}

function parseScripted(entry: unknown, index: number): ScriptedFault {
  const where = `script[${index}]`;
  if (!isObject(entry)) throw new Error(`knobs: ${where} must be an object`);
  const out: ScriptedFault = {};
  for (const [key, value] of Object.entries(entry)) {
    if (value === undefined) continue;
    switch (key) {
      case "nth":
      case "status":
      case "delayMs":
      case "times":
        out[key] = nonNegative(`${where}.${key}`, value);
        break;
      case "route":
      case "method":
        if (typeof value !== "string") throw new Error(`knobs: ${where}.${key} must be a string`);
        out[key] = value;
        break;
      case "reset":
        out.reset = value === true;
        break;
      case "hold":
        out.hold = value === true;
        break;
      case "cut":
        out.cut = value === true;
        break;
      case "afterHandler":
        out.afterHandler = value === true;
        break;
      case "body":
        out.body = value;
        break;
      case "headers":
        out.headers = Object.fromEntries(
          Object.entries(isObject(value) ? value : {}).map(([name, v]) => [name, String(v)]),
        );
        break;
      default:
        throw new Error(`knobs: unknown field ${where}.${key}`);
    }
  }
  return out;
}

function numberFields(where: string, value: unknown): Record<string, number> {
  if (!isObject(value)) throw new Error(`knobs: ${where} must be an object or null`);
  const out: Record<string, number> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) out[key] = nonNegative(`${where}.${key}`, field);
  }
  return out;
}

function nonNegative(where: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new Error(`knobs: ${where} must be a non-negative number`);
  return value;
}

function numberList(where: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new Error(`knobs: ${where} must be a non-empty array`);
  return value.map((v) => nonNegative(where, v));
}

function stringList(where: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
    throw new Error(`knobs: ${where} must be an array of strings`);
  return value as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
