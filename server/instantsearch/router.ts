/**
 * POST /instantsearch: the InstantSearch `searchClient` contract (Algolia's multi-query shape),
 * and POST /instantsearch/facets/:facet/query for searchable refinement lists.
 * Bodies are read as text and parsed here, so both `application/json` and the
 * `application/x-www-form-urlencoded` that algoliasearch clients send (to skip CORS preflight) work.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { EngineAbortedError } from '../../engine/errors.js';
import type { Engine } from '../../engine/types.js';
import type { EngineCall } from '../engine-call.js';
import type { RouteDeps } from '../routes/deps.js';
import { HttpProblem, invalidParam } from '../problem.js';
import { DEFAULT_INDEX_NAME, sortOfIndex } from './indices.js';
import { parseAlgoliaParams } from './params.js';
import { toAlgoliaResponse, toFacetSearchRequest, toFacetSearchResponse, toSearchRequest, type AlgoliaFacetSearchResponse, type AlgoliaResponse } from './translate.js';

export const MAX_REQUESTS_PER_CALL = 50;
export const MAX_BODY = '100kb';

export interface InstantSearchRouterOptions {
  engine: Engine;
  /** The base index name clients use; `<name>_date_desc` and `<name>_date_asc` sort by date. */
  indexName?: string;
  /** The server's engine-call wrapper (deadline, cancellation, metrics); by default cancellation only. */
  engineCall?: EngineCall;
}

const params = z.union([z.string(), z.record(z.string(), z.unknown())]).optional();
const MultiBody = z.object({
  requests: z
    .array(
      z.object({
        indexName: z.string().min(1).max(128),
        params,
        type: z.enum(['default', 'facet']).default('default'),
        facet: z.string().max(128).optional(),
      }),
    )
    .min(1, 'must hold at least one request')
    .max(MAX_REQUESTS_PER_CALL, `must hold at most ${MAX_REQUESTS_PER_CALL} requests`),
});
const FacetBody = z.object({ params, indexName: z.string().max(128).optional() });

function bodyOf<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  let raw: unknown = req.body;
  if (Buffer.isBuffer(raw)) raw = raw.toString('utf8');
  if (typeof raw === 'string') {
    try {
      raw = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      throw new HttpProblem(400, 'malformed_json', 'The request body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw invalidParam(path || 'body', `"${path || 'body'}" ${issue.message}`);
  }
  return parsed.data;
}

/** Cancellation only: aborts the engine work when the client leaves before the answer. */
const cancelOnClose: EngineCall = async (_op, req, fn) => {
  const controller = new AbortController();
  const onClose = () => {
    if (!req.res?.writableEnded) controller.abort(new EngineAbortedError('client closed the connection'));
  };
  req.on('close', onClose);
  try {
    return await fn(controller.signal);
  } finally {
    req.off('close', onClose);
  }
};

function rawParamsOf(p: unknown): string {
  if (typeof p === 'string') return p;
  if (!p || typeof p !== 'object') return '';
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) out.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return out.toString();
}

export function createInstantSearchRouter(options: InstantSearchRouterOptions): Router {
  const { engine } = options;
  const base = options.indexName ?? DEFAULT_INDEX_NAME;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(base)) {
    throw new Error(`InstantSearch router: option "indexName" must match [A-Za-z0-9_-]{1,64}, got ${JSON.stringify(base)}`);
  }
  const call = options.engineCall ?? cancelOnClose;
  const router = express.Router();
  // Skipped by body-parser when an app-level parser already read the body.
  router.use(express.text({ type: () => true, limit: MAX_BODY }));

  async function facetSearch(req: Request, facet: string, rawParams: unknown, at: string): Promise<AlgoliaFacetSearchResponse> {
    const p = parseAlgoliaParams(rawParams, `${at}.params`);
    const request = toFacetSearchRequest(facet, p, at);
    const started = performance.now();
    const values = await call('instantsearch_facet_values', req, (signal) => engine.searchFacetValues({ ...request, signal }));
    return toFacetSearchResponse(p, values, performance.now() - started);
  }

  router.post('/', async (req, res) => {
    const body = bodyOf(MultiBody, req);
    // Validate every request before any engine work, so a bad one costs nothing.
    const plans = body.requests.map((r, i) => {
      const at = `requests[${i}]`;
      if (r.type === 'facet') {
        sortOfIndex(base, r.indexName, `${at}.indexName`);
        if (!r.facet) throw invalidParam(`${at}.facet`, `"${at}.facet" is required when type is "facet"`);
        return { kind: 'facet' as const, facet: r.facet, params: r.params, at };
      }
      const p = parseAlgoliaParams(r.params, `${at}.params`);
      return { kind: 'search' as const, query: toSearchRequest(base, r.indexName, p, rawParamsOf(r.params), at) };
    });
    const results = await Promise.all(
      plans.map(async (plan): Promise<AlgoliaResponse | AlgoliaFacetSearchResponse> => {
        if (plan.kind === 'facet') return facetSearch(req, plan.facet, plan.params, plan.at);
        const result = await call('instantsearch_search', req, (signal) => engine.search({ ...plan.query.request, signal }));
        return toAlgoliaResponse(plan.query, result);
      }),
    );
    res.json({ results });
  });

  router.post('/facets/:facet/query', async (req, res) => {
    const body = bodyOf(FacetBody, req);
    res.json(await facetSearch(req, String(req.params.facet), body.params, 'body'));
  });

  return router;
}

/** For createApp's `routers`: the endpoint at /instantsearch, with the app's engine-call wrapper. */
export function instantSearchRoutes(deps: RouteDeps): Router {
  return express.Router().use('/instantsearch', createInstantSearchRouter({ engine: deps.engine, engineCall: deps.call }));
}
