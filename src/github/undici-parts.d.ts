// Types for the few undici modules the API client loads on their own (see
// undici-fetch.ts): the package's index loads all of undici (its fetch, web
// sockets, caches, mocks), three times the start-up cost of these parts.
declare module "undici/lib/dispatcher/agent.js" {
  import type { Agent } from "undici";

  const AgentClass: typeof Agent;
  export default AgentClass;
}

declare module "undici/lib/api/api-request.js" {
  import type { Dispatcher } from "undici";

  /** Dispatcher.prototype.request, called with the dispatcher as `this`. */
  function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export default request;
}

declare module "undici/lib/interceptor/redirect.js" {
  import type { interceptors } from "undici";

  const redirect: typeof interceptors.redirect;
  export default redirect;
}
