// The text a JSON answer was parsed from, kept on the response object under a
// symbol so an outer hook (the save's response journal) can store the answer
// as received instead of serialising the parsed value again.
const RAW_BODY = Symbol("github-data.rawBody");

interface WithRawBody {
  [RAW_BODY]?: string;
}

export function withRawBody<T extends object>(response: T, text: string): T {
  Object.defineProperty(response, RAW_BODY, { value: text, enumerable: false, configurable: true });
  return response;
}

/** Removes and returns the body text an answer was parsed from, if it was kept. */
export function takeRawBody(response: unknown): string | undefined {
  if (typeof response !== "object" || response === null) return undefined;
  const holder = response as WithRawBody;
  const text = holder[RAW_BODY];
  delete holder[RAW_BODY];
  return typeof text === "string" ? text : undefined;
}
