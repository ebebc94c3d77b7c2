/** GET /facets/:name: search a facet's values (the search box above a refinement list). */
import { Router } from 'express';
import type { RouteDeps } from './deps.js';
import { API_NAME_OF, facetSearchRequestFrom } from '../search-request.js';

export function facetsRoute({ engine, call }: RouteDeps): Router {
  return Router().get('/facets/:name', async (req, res) => {
    const started = performance.now();
    const request = facetSearchRequestFrom(req.params.name, req.query);
    const values = await call('searchFacetValues', req, (signal) => engine.searchFacetValues({ ...request, signal }));
    res.json({
      facet: API_NAME_OF[request.facet],
      query: request.facetQuery,
      values,
      processingTimeMs: Math.round(performance.now() - started),
    });
  });
}
