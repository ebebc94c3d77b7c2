/** GET /search: keyword search with disjunctive facet counts, highlight and snippets. */
import { Router } from 'express';
import type { RouteDeps } from './deps.js';
import { searchRequestFrom } from '../search-request.js';
import { presentSearch } from '../present.js';

export function searchRoute({ engine, call }: RouteDeps): Router {
  return Router().get('/search', async (req, res) => {
    const { request, page, hitsPerPage } = searchRequestFrom(req.query);
    const result = await call('search', req, (signal) => engine.search({ ...request, signal }));
    res.json(presentSearch(request.q, result, page, hitsPerPage));
  });
}
