/** GET /articles/:id: one article with its passages and their tags. */
import { Router } from 'express';
import type { RouteDeps } from './deps.js';
import { HttpProblem, invalidParam } from '../problem.js';
import { isoDay, presentDoc } from '../present.js';

const ARTICLE_ID = /^[A-Za-z0-9_-]{1,128}$/;

const union = (lists: string[][]) => [...new Set(lists.flat())].sort();

export function articlesRoute({ engine, call }: RouteDeps): Router {
  return Router().get('/articles/:id', async (req, res) => {
    const id = req.params.id;
    if (!ARTICLE_ID.test(id)) throw invalidParam('id', 'an article id is 1–128 letters, digits, "-" or "_"');
    if (Object.keys(req.query).length > 0) {
      throw new HttpProblem(400, 'unknown_parameter', 'Unknown request parameter', {
        detail: 'This route takes no query parameters.',
        extra: { knownParameters: [] },
      });
    }
    const passages = await call('getArticlePassages', req, () => engine.getArticlePassages(id));
    if (passages.length === 0) throw new HttpProblem(404, 'article_not_found', 'No such article', { param: 'id' });
    const first = passages[0];
    res.json({
      id,
      title: first.title,
      source: first.source,
      url: first.url,
      publishedAt: first.publishedAt,
      publishedOn: isoDay(first.publishedAt),
      dateSource: first.dateSource,
      speakers: union(passages.map((p) => p.speakers)),
      topics: union(passages.map((p) => p.topics)),
      places: union(passages.map((p) => p.places)),
      organisations: union(passages.map((p) => p.organisations)),
      passages: passages.map(presentDoc),
    });
  });
}
