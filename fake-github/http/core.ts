// The fake server's request pipeline. For an API request, in order: count it
// (and its concurrency), read the body, draw the simulated latency, apply
// scripted/random faults (routed requests only), 404 for no route, 401 for a
// bad token, secondary limits (403 + retry-after), primary limit (403/429),
// run the route, add x-ratelimit-* headers and an ETag (a matching
// If-None-Match gives a free 304). Admin paths skip all of it; git and
// asset-storage requests are counted and delayed but never limited or faulted.
// The latency is the whole time from arrival to answer: the answer is worked
// out first and only the rest of the latency is waited before sending it.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { FaultInjector, faultBody } from "../limits/faults.js";
import { hideListItems } from "../limits/hidden-items.js";
import { defaultKnobs, type FakeKnobs, parseKnobPatch, resolveRateLimit } from "../limits/knobs.js";
import { LatencyModel, realTimer, type ServerTimer, waitUntil } from "../limits/latency.js";
import {
  type BudgetState,
  type Identity,
  PrimaryLimiter,
  type PrimaryResource,
  rateLimitHeaders,
} from "../limits/primary.js";
import { SecondaryLimiter } from "../limits/secondary.js";
import type { FakeStore } from "../store/types.js";
import { handleAdmin } from "./admin.js";
import { AnswerTurns } from "./answer-turns.js";
import { AssetSigner, serveStoredAsset, storagePrefix } from "./asset-storage.js";
import { type Auth, authenticate } from "./auth.js";
import { gitTemplate, parseGitPath, serveGit } from "./git-backend.js";
import { LfsSigner, lfsTemplate, parseLfsPath, serveLfs } from "./lfs.js";
import { interpretBody, readBody } from "./request-body.js";
import {
  badCredentials,
  errorResponse,
  notFound,
  rateLimitDocsUrl,
  secondaryLimitDocsUrl,
} from "./responses.js";
import { Router } from "./router.js";
import { type FakeStats, StatsRecorder, unmatchedTemplate } from "./stats.js";
import type { FakeRequest, FakeResponse, HttpMethod, RouteDef, ServerContext } from "./types.js";
import { AttachmentSigner, serveWeb, webTemplate } from "./web-host.js";

const httpMethods = new Set<string>(["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD"]);
const apiVersion = "2022-11-28";
const storageTemplate = "/_storage/assets/{asset_id}";
/** nginx's status for a request whose client closed the connection before the answer. */
const CLIENT_CLOSED_REQUEST = 499;

interface Target {
  method: string;
  /** Path as sent, without the query string (what the stats log shows). */
  rawPath: string;
  /** Path with a GHES-style /api/v3 prefix removed (what routes see). */
  path: string;
  query: URLSearchParams;
  origin: string;
  /** origin + the removed prefix: the REST base URL links are built on. */
  baseUrl: string;
}

export class ServerCore {
  readonly recorder = new StatsRecorder();
  readonly signer = new AssetSigner();
  readonly attachmentSigner = new AttachmentSigner();
  readonly lfsSigner = new LfsSigner();
  private readonly primary: PrimaryLimiter;
  private readonly secondary: SecondaryLimiter;
  private readonly faults = new FaultInjector();
  private readonly latency = new LatencyModel();
  /** API answers are worked out one per event-loop turn (answer-turns.ts). */
  private readonly turns = new AnswerTurns();
  private readonly router = new Router<RouteDef>();
  private readonly identities = new WeakMap<FakeRequest, Identity>();
  private knobState: FakeKnobs = defaultKnobs();
  readonly context: ServerContext;
  /** Host:port used when a request carries no Host header. */
  fallbackHost = "127.0.0.1";

  /**
   * `now` drives the rate-limit windows (tests pass a controllable clock);
   * `timer` measures request durations and waits out the latency.
   */
  constructor(
    readonly store: FakeStore,
    now: () => number = Date.now,
    private readonly timer: ServerTimer = realTimer,
  ) {
    this.primary = new PrimaryLimiter(now);
    this.secondary = new SecondaryLimiter(now);
    const knobs = () => this.knobState;
    this.context = {
      store,
      chargeGraphQL: (req, cost) => {
        const { state, ok } = this.primary.charge(this.identityOf(req), "graphql", cost);
        return { ok, headers: rateLimitHeaders(state) };
      },
      get graphqlMaxNodesBeforeTimeout() {
        return knobs().graphqlMaxNodesBeforeTimeout ?? undefined;
      },
      get graphqlMaxNodes() {
        return knobs().graphqlMaxNodes;
      },
      get listCapItems() {
        return knobs().listCapItems ?? undefined;
      },
    };
  }

  addRoutes(routes: Iterable<RouteDef>): void {
    for (const route of routes) this.router.add(route);
  }

  get stats(): FakeStats {
    return this.recorder.stats;
  }

  /** A copy of the current knobs. */
  knobs(): FakeKnobs {
    return structuredClone(this.knobState);
  }

  /**
   * Changes knobs at runtime. Only the parts named in the patch restart:
   * e.g. a new rateLimit gives every identity a fresh budget, a new faults
   * or seed restarts the fault sequence at request index 0.
   */
  configure(patch: Partial<FakeKnobs>): void {
    const valid = parseKnobPatch(patch);
    const next: FakeKnobs = { ...this.knobState, ...valid };
    this.knobState = next;
    const has = (name: keyof FakeKnobs) => Object.hasOwn(valid, name);
    if (has("latencyMs") || has("jitterMs") || has("seed"))
      this.latency.configure(next.latencyMs, next.jitterMs, next.seed);
    if (has("rateLimit")) this.primary.configure(resolveRateLimit(next.rateLimit));
    if (has("secondary")) this.secondary.configure(next.secondary);
    if (has("faults") || has("seed")) this.faults.configureFaults(next.faults, next.seed);
    if (has("script")) this.faults.configureScript(next.script);
  }

  /**
   * Spends the rest of a token's primary budget, as another tool with the
   * same token would; a window starts now. Nothing happens for an unknown
   * token or with the primary limit off.
   */
  exhaustRateLimit(token: string, resource: PrimaryResource): void {
    const grant = this.store.tokens.get(token);
    if (grant) this.primary.exhaust({ key: `user:${grant.userId}`, anonymous: false }, resource);
  }

  /** The caller's primary budgets without spending anything (GET /rate_limit). */
  budgets(req: FakeRequest): Record<PrimaryResource, BudgetState> {
    const identity = this.identityOf(req);
    return { core: this.primary.peek(identity, "core"), graphql: this.primary.peek(identity, "graphql") };
  }

  private identityOf(req: FakeRequest): Identity {
    return (
      this.identities.get(req) ??
      (req.user ? { key: `user:${req.user.id}`, anonymous: false } : { key: "ip:unknown", anonymous: true })
    );
  }

  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.dispatch(req, res).catch(() => {
      if (!res.headersSent) sendResponse(res, "GET", 500, {}, { message: "Server Error" });
      else res.destroy();
    });
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = this.target(req);
    if (target.path.startsWith("/_fake/")) {
      const response = await handleAdmin(this, target.method, target.path, await readBody(req));
      sendResponse(res, target.method, response.status, lowerCaseHeaders(response.headers), response.body);
      return;
    }
    if (target.path.startsWith(storagePrefix)) {
      await this.counted(target, storageTemplate, async (arrival) => {
        req.resume();
        const answerAt = arrival + this.latency.next();
        const response = serveStoredAsset(this.store, this.signer, target.path, target.query);
        await waitUntil(this.timer, answerAt);
        sendResponse(res, target.method, response.status, lowerCaseHeaders(response.headers), response.body);
        return response.status;
      });
      return;
    }
    const lfs = parseLfsPath(target.path);
    if (lfs) {
      await this.counted(target, lfsTemplate(lfs), async (arrival) => {
        const body = await readBody(req);
        const answerAt = arrival + this.latency.next();
        const response = serveLfs(
          this.store,
          this.lfsSigner,
          target.origin,
          target.method,
          lfs,
          req.headersDistinct.authorization ?? [],
          body,
        );
        await waitUntil(this.timer, answerAt);
        sendResponse(res, target.method, response.status, lowerCaseHeaders(response.headers), response.body);
        return response.status;
      });
      return;
    }
    const web = webTemplate(target.rawPath);
    if (web) {
      // Attachment links, their signed storage and raw files: the web host, at the origin's root.
      await this.counted(target, web, async (arrival) => {
        req.resume();
        const answerAt = arrival + this.latency.next();
        const response = await serveWeb(this.store, this.attachmentSigner, {
          path: target.rawPath,
          query: target.query,
          origin: target.origin,
          authorization: headerValue(req.headers.authorization),
        });
        await waitUntil(this.timer, answerAt);
        sendResponse(res, target.method, response.status, lowerCaseHeaders(response.headers), response.body);
        return response.status;
      });
      return;
    }
    const git = parseGitPath(target.path);
    if (git) {
      await this.counted(target, gitTemplate(git), (arrival) => {
        // git starts on the request at once; its answer is held back until the latency has passed.
        const answerAt = waitUntil(this.timer, arrival + this.latency.next());
        return serveGit(this.store, req, res, git, target.query, answerAt);
      });
      return;
    }
    await this.api(req, res, target);
  }

  private target(req: IncomingMessage): Target {
    const url = req.url ?? "/";
    const mark = url.indexOf("?");
    const rawPath = mark < 0 ? url : url.slice(0, mark);
    const query = new URLSearchParams(mark < 0 ? "" : url.slice(mark + 1));
    const origin = `http://${req.headers.host ?? this.fallbackHost}`;
    let path = rawPath;
    let prefix = "";
    // GitHub Enterprise Server layout: REST under /api/v3, GraphQL at /api/graphql.
    if (rawPath === "/api/graphql") {
      path = "/graphql";
      prefix = "/api/v3";
    } else if (rawPath.startsWith("/api/v3/")) {
      path = rawPath.slice("/api/v3".length);
      prefix = "/api/v3";
    }
    return {
      method: (req.method ?? "GET").toUpperCase(),
      rawPath,
      path,
      query,
      origin,
      baseUrl: origin + prefix,
    };
  }

  /**
   * Runs a non-API request with stats bookkeeping; `run` gets the arrival time
   * (on the server's timer) and resolves with the status sent.
   */
  private async counted(
    target: Target,
    template: string,
    run: (arrival: number) => Promise<number>,
  ): Promise<void> {
    const seq = this.recorder.enter();
    const startedAt = Date.now();
    const t0 = this.timer.now();
    let status = 0;
    try {
      status = await run(t0);
    } finally {
      this.recorder.leave({
        seq,
        method: target.method,
        template,
        path: target.rawPath,
        status,
        startedAt,
        durationMs: this.timer.now() - t0,
      });
    }
  }

  private async api(req: IncomingMessage, res: ServerResponse, target: Target): Promise<void> {
    const seq = this.recorder.enter();
    const startedAt = Date.now();
    const t0 = this.timer.now();
    const { method } = target;
    const match = httpMethods.has(method) ? this.router.match(method as HttpMethod, target.path) : null;
    const route = match?.route;
    const template = route?.template ?? unmatchedTemplate;
    const auth = authenticate(this.store, headerValue(req.headers.authorization));
    const identity: Identity =
      auth.kind === "user"
        ? { key: `user:${auth.user.id}`, anonymous: false }
        : { key: `ip:${req.socket.remoteAddress ?? "unknown"}`, anonymous: true };
    const slot = this.secondary.enter(identity.key);
    // Set once the body is read: a GraphQL mutation may create content too.
    const content = { creating: route?.contentCreating === true };
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      slot.leave();
      this.recorder.leave({
        seq,
        method,
        template,
        path: target.rawPath,
        status,
        startedAt,
        durationMs: this.timer.now() - t0,
        ...(content.creating ? { contentCreating: true } : {}),
      });
    };
    const requestId = `FAKE:${seq.toString(16).toUpperCase()}`;
    // When the answer may leave, on the timer's clock: arrival + latency (+ a scripted delay).
    let answerAt = t0;
    try {
      const raw = await readBody(req);
      answerAt = t0 + this.latency.next();
      await this.turns.next();
      const resource: PrimaryResource = route?.resource === "graphql" ? "graphql" : "core";
      const baseHeaders = (state: BudgetState): Record<string, string> => ({
        ...rateLimitHeaders(state),
        "x-github-api-version-selected": apiVersion,
        "x-github-request-id": requestId,
      });
      const extra = { slotOverLimit: slot.overLimit, requestId, resource, content };
      const params = match?.params ?? {};
      // The fault is decided before the route runs, as before: a reset or an
      // error status that is not `afterHandler` never reaches the handler, so
      // it applies no write; only the waiting moved behind the work.
      const fault = route ? this.faults.decide(method, template) : null;
      if (fault) answerAt += fault.delayMs;
      if (fault?.afterHandler) await this.respond(req, target, route, params, raw, auth, identity, extra);
      if (fault?.kind === "hold") {
        // No answer ever: what ends it is the client closing the connection.
        if (!res.destroyed) await new Promise<void>((resolve) => res.once("close", () => resolve()));
        finish(CLIENT_CLOSED_REQUEST);
        return;
      }
      if (fault?.kind === "reset") {
        await waitUntil(this.timer, answerAt);
        req.socket.destroy();
        finish(0);
        return;
      }
      if (fault?.kind === "status") {
        const headers = {
          ...baseHeaders(this.primary.peek(identity, resource)),
          ...lowerCaseHeaders(fault.headers),
        };
        await waitUntil(this.timer, answerAt);
        sendResponse(res, method, fault.status, headers, fault.body ?? faultBody(fault.status));
        finish(fault.status);
        return;
      }
      const { response, state } = await this.respond(req, target, route, params, raw, auth, identity, extra);
      const headers = { ...baseHeaders(state), ...lowerCaseHeaders(response.headers) };
      await waitUntil(this.timer, answerAt);
      sendResponse(res, method, response.status, headers, response.body, fault?.kind === "cut");
      finish(fault?.kind === "cut" ? 0 : response.status);
    } catch (error) {
      if (!res.headersSent) {
        const detail = error instanceof Error ? error.message : String(error);
        await waitUntil(this.timer, answerAt);
        sendResponse(
          res,
          method,
          500,
          { "x-github-request-id": requestId },
          { message: "Server Error", error: detail },
        );
        finish(500);
      } else {
        res.destroy();
        finish(0);
      }
    }
  }

  /** Decides the answer once the fault (if any) is known; returns it with the budget to report. */
  private async respond(
    req: IncomingMessage,
    target: Target,
    route: RouteDef | undefined,
    params: Record<string, string>,
    raw: Buffer,
    auth: Auth,
    identity: Identity,
    extra: {
      slotOverLimit: boolean;
      requestId: string;
      resource: PrimaryResource;
      content: { creating: boolean };
    },
  ): Promise<{ response: FakeResponse; state: BudgetState }> {
    const { resource, requestId } = extra;
    const peek = () => this.primary.peek(identity, resource);
    if (!route) return { response: notFound(), state: peek() };
    if (auth.kind === "invalid") return { response: badCredentials(), state: peek() };

    const parsed = interpretBody(raw, headerValue(req.headers["content-type"]), isUploadRoute(route));
    if (!parsed.ok) return { response: errorResponse(400, "Problems parsing JSON"), state: peek() };

    const limitStatus = this.knobState.rateLimitStatus;
    if (extra.slotOverLimit) {
      const verdict = this.secondary.concurrencyVerdict();
      if (!verdict.ok)
        return { response: secondaryLimited(limitStatus, verdict.retryAfter, requestId), state: peek() };
    }
    const graphql = route.resource === "graphql";
    const isRead = route.method === "GET" || route.method === "HEAD";
    const points = route.points ?? (graphql ? (isMutation(parsed.body) ? 5 : 1) : isRead ? 1 : 5);
    if (graphql && createsContent(parsed.body)) extra.content.creating = true;
    const verdict = this.secondary.check(identity.key, {
      endpoint: `${route.method} ${route.template}`,
      points,
      graphql,
      contentCreating: extra.content.creating,
    });
    if (!verdict.ok)
      return { response: secondaryLimited(limitStatus, verdict.retryAfter, requestId), state: peek() };

    const charged = (route.resource ?? "core") === "core";
    if (charged) {
      const charge = this.primary.charge(identity, "core", 1);
      if (!charge.ok)
        return { response: primaryLimited(limitStatus, auth, identity, requestId), state: charge.state };
    }

    const fakeReq: FakeRequest = {
      method: target.method as HttpMethod,
      path: target.path,
      query: target.query,
      headers: flatHeaders(req),
      params,
      body: parsed.body,
      rawBody: raw,
      user: auth.kind === "user" ? auth.user : null,
      token: auth.kind === "user" ? auth.token : null,
      baseUrl: target.baseUrl,
    };
    this.identities.set(fakeReq, identity);
    let response = await route.handler(fakeReq, this.context);
    if ((isRead || graphql) && response.status === 200 && this.knobState.hiddenListItems.length > 0) {
      const hidden = new Set(this.knobState.hiddenListItems);
      response = { ...response, body: hideListItems(response.body, hidden, graphql) };
    }
    if (isRead && response.status === 200 && response.body !== undefined && !Buffer.isBuffer(response.body)) {
      response = withEtag(response, headerValue(req.headers["if-none-match"]));
      if (response.status === 304 && charged) this.primary.refund(identity, "core", 1);
    }
    return { response, state: peek() };
  }
}

function isUploadRoute(route: RouteDef): boolean {
  return route.method === "POST" && route.template.endsWith("/releases/{release_id}/assets");
}

function isMutation(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const query = (body as { query?: unknown }).query;
  return typeof query === "string" && /^(?:\s|#[^\n]*\n)*mutation\b/.test(query);
}

/** GraphQL mutations that create content: GitHub's content-creation limits count them like the REST routes that do. */
const CONTENT_MUTATIONS =
  /\b(createIssue|addComment|createPullRequest|addPullRequestReview|addPullRequestReviewComment|addPullRequestReviewThread|addPullRequestReviewThreadReply|addSubIssue|createDiscussion|addDiscussionComment)\s*\(/;

function createsContent(body: unknown): boolean {
  return isMutation(body) && CONTENT_MUTATIONS.test(String((body as { query: unknown }).query));
}

function secondaryLimited(status: number, retryAfter: string, requestId: string): FakeResponse {
  const response = errorResponse(
    status,
    `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    secondaryLimitDocsUrl,
  );
  response.headers = { "retry-after": retryAfter };
  return response;
}

function primaryLimited(status: number, auth: Auth, identity: Identity, requestId: string): FakeResponse {
  const support = `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
  const message =
    auth.kind === "user"
      ? `API rate limit exceeded for user ID ${auth.user.id}. ${support}`
      : `API rate limit exceeded for ${identity.key.slice(3)}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.) ${support}`;
  return errorResponse(status, message, rateLimitDocsUrl);
}

/** Adds a weak ETag; answers 304 without a body when the client already has it. */
function withEtag(response: FakeResponse, ifNoneMatch: string | undefined): FakeResponse {
  const json = JSON.stringify(response.body);
  const etag = `W/"${createHash("sha1").update(json).digest("hex")}"`;
  const headers = { ...response.headers, etag };
  const tags = ifNoneMatch?.split(",").map((tag) => tag.trim()) ?? [];
  if (tags.includes(etag) || tags.includes(etag.slice(2))) return { status: 304, headers };
  return { ...response, headers, body: json === undefined ? undefined : new JsonText(json) };
}

/** A body already serialised to JSON (so the ETag hash and the wire bytes come from one stringify). */
class JsonText {
  constructor(readonly text: string) {}
}

function sendResponse(
  res: ServerResponse,
  method: string,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  /** Close the connection after half the body (the `cut` fault). */
  cut = false,
): void {
  let payload: Buffer | string | undefined;
  if (status === 204 || status === 304 || body === undefined) payload = undefined;
  else if (Buffer.isBuffer(body)) payload = body;
  else {
    payload = body instanceof JsonText ? body.text : JSON.stringify(body);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(status, headers);
  if (cut && payload !== undefined && method !== "HEAD") {
    const bytes = Buffer.from(payload);
    res.write(bytes.subarray(0, bytes.length >> 1), () => res.socket?.destroy());
    return;
  }
  res.end(method === "HEAD" ? undefined : payload);
}

function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers) for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = headerValue(value);
  return out;
}
