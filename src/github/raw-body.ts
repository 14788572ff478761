// The bytes a JSON answer was parsed from, kept on the response object under a
// symbol so an outer hook (the save's response journal) can store the answer
// as received instead of serialising (or encoding) it again.
const RAW_BODY = Symbol("github-data.rawBody");

interface WithRawBody {
  [RAW_BODY]?: Uint8Array;
}

export function withRawBody<T extends object>(response: T, bytes: Uint8Array): T {
  Object.defineProperty(response, RAW_BODY, { value: bytes, enumerable: false, configurable: true });
  return response;
}

/** Removes and returns the body bytes an answer was parsed from, if they were kept. */
export function takeRawBody(response: unknown): Uint8Array | undefined {
  if (typeof response !== "object" || response === null) return undefined;
  const holder = response as WithRawBody;
  const bytes = holder[RAW_BODY];
  delete holder[RAW_BODY];
  return bytes instanceof Uint8Array ? bytes : undefined;
}
