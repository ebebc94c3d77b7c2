/**
 * The whole InstantSearch searchClient: InstantSearch already speaks Algolia's multi-query shape,
 * and POST /instantsearch answers in it. Facet value searches travel in the same call
 * (`type: "facet"`), which is how InstantSearch v4 sends them to a client with only `search`.
 */
export const searchClient = {
  async search(requests: unknown[]) {
    const res = await fetch('/instantsearch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests }),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(body.detail ?? body.title ?? `HTTP ${res.status}`);
    return body;
  },
};
