/**
 * One hit as HTML. Highlighted values arrive from the server already HTML-escaped with <mark>
 * around matches (the page asks for escapeHTML: false, so nothing is escaped twice); every
 * other string is escaped here.
 */
import { escape } from './escape.js';
import { isoDay } from './dates.js';

interface Highlighted {
  value: string;
}
export interface PassageHit {
  objectID: string;
  articleId: string;
  title: string;
  source: string | null;
  date: number | null;
  dateSource: string;
  position: number;
  speakers: string[];
  topics: string[];
  _highlightResult: { title: Highlighted; speakers: Highlighted[] };
  _snippetResult: { text: Highlighted };
}

export function hitHtml(hit: PassageHit): string {
  const date = hit.date === null ? '<span class="hit__date hit__date--none">undated</span>'
    : `<time class="hit__date" datetime="${isoDay(hit.date)}">${isoDay(hit.date)}</time>`;
  const speakers = hit._highlightResult.speakers.map((s) => `<li class="hit__speaker">${s.value}</li>`).join('');
  const topics = hit.topics.map((t) => `<li class="hit__topic">${escape(t)}</li>`).join('');
  return `
    <article class="hit">
      <h3 class="hit__title"><a href="/articles/${encodeURIComponent(hit.articleId)}">${hit._highlightResult.title.value}</a></h3>
      <p class="hit__meta">${date}${hit.source ? ` · <span class="hit__source">${escape(hit.source)}</span>` : ''}</p>
      ${speakers ? `<ul class="hit__speakers" aria-label="Speakers">${speakers}</ul>` : ''}
      <p class="hit__snippet">${hit._snippetResult.text.value}</p>
      ${topics ? `<ul class="hit__topics" aria-label="Topics">${topics}</ul>` : ''}
    </article>`;
}
