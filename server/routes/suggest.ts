/**
 * GET /suggest: what a search box asks on every keystroke. Small payload: up to five completions
 * of the last word (most frequent indexed words first, the rest of the query kept as typed) and
 * the top five passages as snippets.
 */
import { Router } from 'express';
import type { RouteDeps } from './deps.js';
import { SUGGEST_COMPLETIONS, suggestRequestFrom } from '../search-request.js';
import { parseQuery } from '../../engine/query.js';
import { tokenize } from '../../engine/text.js';
import { renderSnippet } from '../../engine/highlight.js';
import { isoDay } from '../present.js';

export const SUGGEST_SNIPPET_WORDS = 20;

export function suggestRoute({ engine, call }: RouteDeps): Router {
  return Router().get('/suggest', async (req, res) => {
    const request = suggestRequestFrom(req.query);
    const parsed = parseQuery(request.q);
    const last = parsed.words.at(-1);
    const lastToken = tokenize(request.q).at(-1);
    const [completions, result] = await Promise.all([
      last?.prefix && lastToken
        ? call('completeWord', req, (signal) => engine.completeWord(last.term, SUGGEST_COMPLETIONS, signal))
        : Promise.resolve([]),
      call('search', req, (signal) => engine.search({ ...request, signal })),
    ]);
    const head = lastToken ? request.q.slice(0, lastToken.start) : request.q;
    res.json({
      query: request.q,
      completions: completions.map((c) => ({ text: head + c.word, word: c.word, count: c.count })),
      hits: result.hits.map((h) => ({
        id: h.doc.id,
        articleId: h.doc.articleId,
        title: h.doc.title,
        speakers: h.doc.speakers,
        date: isoDay(h.doc.date),
        snippet: renderSnippet(h.doc.text, h.matches, SUGGEST_SNIPPET_WORDS),
      })),
      totalHits: result.totalHits,
      processingTimeMs: result.processingTimeMs,
    });
  });
}
