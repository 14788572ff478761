// GitHub-shaped response helpers shared by the server core and the read routes.
import type { FakeResponse } from "./types.js";

export const restDocsUrl = "https://docs.github.com/rest";
export const rateLimitDocsUrl = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
export const secondaryLimitDocsUrl = `${rateLimitDocsUrl}#about-secondary-rate-limits`;

export function ok(body: unknown, headers?: Record<string, string>): FakeResponse {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

/** `{message, documentation_url, status}` as GitHub answers errors. */
export function errorResponse(
  status: number,
  message: string,
  documentationUrl: string = restDocsUrl,
  extra?: Record<string, unknown>,
): FakeResponse {
  return { status, body: { message, documentation_url: documentationUrl, status: String(status), ...extra } };
}

export function notFound(): FakeResponse {
  return errorResponse(404, "Not Found");
}

export function badCredentials(): FakeResponse {
  return errorResponse(401, "Bad credentials");
}

export function requiresAuthentication(): FakeResponse {
  return errorResponse(401, "Requires authentication");
}

export function validationFailed(message: string, documentationUrl: string = restDocsUrl): FakeResponse {
  return errorResponse(422, message, documentationUrl);
}
