// Matches method + path against GitHub route templates ("/repos/{owner}/{repo}/issues/{issue_number}")
// with a segment trie: literal segments win over parameters, so "/issues/comments"
// beats "/issues/{issue_number}" as on GitHub.
import type { HttpMethod } from "./types.js";

/** Parameters that may hold slashes when the client does not encode them (refs, branch and tag names). */
const greedyParams = new Set(["ref", "branch", "tag"]);

interface Node<T> {
  literals: Map<string, Node<T>>;
  param: { name: string; node: Node<T> } | null;
  /** Set when the last template segment is a greedy parameter. */
  greedy: { name: string; routes: Map<HttpMethod, T> } | null;
  routes: Map<HttpMethod, T>;
}

export interface RouteMatch<T> {
  route: T;
  params: Record<string, string>;
}

function emptyNode<T>(): Node<T> {
  return { literals: new Map(), param: null, greedy: null, routes: new Map() };
}

export class Router<T extends { method: HttpMethod; template: string }> {
  private readonly root: Node<T> = emptyNode();

  add(route: T): void {
    const segments = splitPath(route.template);
    const lastParam = paramName(segments.at(-1));
    const greedy = lastParam !== undefined && greedyParams.has(lastParam);
    let node = this.root;
    for (const segment of greedy ? segments.slice(0, -1) : segments) {
      const name = paramName(segment);
      if (name === undefined) {
        let next = node.literals.get(segment);
        if (!next) {
          next = emptyNode();
          node.literals.set(segment, next);
        }
        node = next;
      } else {
        node.param ??= { name, node: emptyNode() };
        if (node.param.name !== name) throw new Error(`router: conflicting parameter in ${route.template}`);
        node = node.param.node;
      }
    }
    if (greedy && lastParam !== undefined) {
      node.greedy ??= { name: lastParam, routes: new Map() };
      if (node.greedy.name !== lastParam)
        throw new Error(`router: conflicting parameter in ${route.template}`);
      addRoute(node.greedy.routes, route);
    } else {
      addRoute(node.routes, route);
    }
  }

  /** HEAD falls back to GET routes. Returns null when nothing matches path and method. */
  match(method: HttpMethod, path: string): RouteMatch<T> | null {
    const raw = splitPath(path);
    const segments: string[] = [];
    for (const part of raw) {
      try {
        segments.push(decodeURIComponent(part));
      } catch {
        return null;
      }
    }
    const params: Record<string, string> = {};
    const route = walk(this.root, segments, 0, params, method);
    return route ? { route, params } : null;
  }
}

function paramName(segment: string | undefined): string | undefined {
  return segment === undefined ? undefined : /^\{([^}]+)\}$/.exec(segment)?.[1];
}

function addRoute<T extends { method: HttpMethod; template: string }>(
  routes: Map<HttpMethod, T>,
  route: T,
): void {
  if (routes.has(route.method)) throw new Error(`router: duplicate route ${route.method} ${route.template}`);
  routes.set(route.method, route);
}

function pick<T>(routes: Map<HttpMethod, T>, method: HttpMethod): T | undefined {
  return routes.get(method) ?? (method === "HEAD" ? routes.get("GET") : undefined);
}

function walk<T>(
  node: Node<T>,
  segments: string[],
  index: number,
  params: Record<string, string>,
  method: HttpMethod,
): T | undefined {
  if (index === segments.length) return pick(node.routes, method);
  const segment = segments[index] ?? "";
  const literal = node.literals.get(segment);
  if (literal) {
    const found = walk(literal, segments, index + 1, params, method);
    if (found) return found;
  }
  if (node.param && segment !== "") {
    const found = walk(node.param.node, segments, index + 1, params, method);
    if (found) {
      params[node.param.name] = segment;
      return found;
    }
  }
  if (node.greedy) {
    const rest = segments.slice(index).join("/");
    const found = rest !== "" ? pick(node.greedy.routes, method) : undefined;
    if (found) {
      params[node.greedy.name] = rest;
      return found;
    }
  }
  return undefined;
}

/** Splits "/a/b/" into ["a", "b"]; a single trailing slash is ignored. */
export function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+/, "").replace(/\/$/, "");
  return trimmed === "" ? [] : trimmed.split("/");
}
