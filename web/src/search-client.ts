/**
 * The InstantSearch searchClient: InstantSearch already speaks Algolia's multi-query shape and
 * POST /instantsearch answers in it. Facet value searches travel the same way (`type: "facet"`),
 * which is how InstantSearch v4 sends them to a client that only has `search`.
 *
 * One addition over the bare minimum: a results search superseded by the next keystroke is
 * aborted, so the server stops working on it. Its promise then never settles, which InstantSearch
 * handles (it only renders the newest answer and counts skipped ones as done); rejecting would
 * show an error instead.
 */
type Request = { type?: string };

let inflight: AbortController | null = null;

async function post(requests: Request[], signal?: AbortSignal) {
  const res = await fetch('/instantsearch', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ requests }),
    signal,
  });
  const body = await res.json();
  if (!res.ok) throw new Error(body.detail ?? body.title ?? `HTTP ${res.status}`);
  return body;
}

export const searchClient = {
  search(requests: Request[]) {
    if (requests.some((r) => r.type === 'facet')) return post(requests);
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    return post(requests, controller.signal).catch((err: unknown) => {
      if (controller.signal.aborted) return new Promise<never>(() => {});
      throw err;
    });
  },
};
