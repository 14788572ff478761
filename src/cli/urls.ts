// API base URLs: validation and the GraphQL endpoint derived from the REST base.

import { ConfigError } from "../errors.js";

export const DEFAULT_API_URL = "https://api.github.com";

/** Validates an http(s) URL without credentials, query or fragment; returns it without a trailing slash. */
export function parseApiUrl(text: string, source: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConfigError(`${source}: "${text}" is not a URL; write for example https://api.github.com`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${source}: "${url.protocol}" URLs are not supported; use http or https`);
  }
  if (url.username !== "" || url.password !== "") {
    // Never echo the URL: it holds a credential.
    throw new ConfigError(
      `${source}: the URL contains a user name or password; put the token in GITHUB_TOKEN`,
    );
  }
  if (url.search !== "" || url.hash !== "") {
    throw new ConfigError(`${source}: "${text}" must not have a query or fragment`);
  }
  return url.toString().replace(/\/+$/, "");
}

/**
 * GraphQL endpoint for a REST base: GitHub Enterprise Server's `…/api/v3`
 * becomes `…/api/graphql`; anything else gets `/graphql` appended.
 */
export function deriveGraphqlUrl(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, "");
  if (/\/api\/v3$/i.test(base)) return base.replace(/\/api\/v3$/i, "/api/graphql");
  return `${base}/graphql`;
}
