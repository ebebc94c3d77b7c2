/**
 * The search page: stock InstantSearch.js widgets over POST /instantsearch, plus three small
 * custom ones (date range, month bars, group-by-article).
 */
import instantsearch from 'instantsearch.js';
import { configure, hits, pagination, refinementList, searchBox, sortBy, stats } from 'instantsearch.js/es/widgets/index.js';
import { searchClient } from './search-client.js';
import { routing } from './routing.js';
import { BASE_PARAMS, INDEX, LISTS, SORTS } from './config.js';
import { hitHtml, type PassageHit } from './hit.js';
import { escape } from './escape.js';
import { dateRange } from './widgets/date-range.js';
import { monthBars } from './widgets/month-bars.js';
import { groupToggle } from './widgets/group-toggle.js';

const $ = (id: string) => document.getElementById(id) as HTMLElement;

const search = instantsearch({
  indexName: INDEX,
  searchClient,
  routing,
  future: { preserveSharedStateOnUnmount: true },
});

search.addWidgets([
  configure(BASE_PARAMS),
  searchBox({
    container: '#searchbox',
    placeholder: 'Search who said what…',
    showLoadingIndicator: false,
    autofocus: true,
    searchAsYouType: true,
  }),
  stats({
    container: '#stats',
    templates: {
      text: (s: { nbHits: number; processingTimeMS: number }) => {
        const unit = (search.helper?.state.distinct ? 'article' : 'passage') + (s.nbHits === 1 ? '' : 's');
        return `<span class="stats__count">${s.nbHits.toLocaleString('en')} ${unit}</span> · ${s.processingTimeMS} ms`;
      },
    },
  }),
  sortBy({ container: '#sort', items: SORTS.map(({ label, value }) => ({ label, value })) }),
  groupToggle({ container: $('group') }),
  hits({
    container: '#hits',
    escapeHTML: false,
    templates: {
      item: (hit: PassageHit) => hitHtml(hit),
      empty: (r: { query: string }) => `No passage matches “${escape(r.query)}” with these filters.`,
    },
  }),
  pagination({ container: '#pagination', padding: 2, scrollTo: '#results' }),
  ...LISTS.map((l) =>
    refinementList({
      container: `#${l.attribute}`,
      attribute: l.attribute,
      searchable: true,
      searchablePlaceholder: `Search ${l.label.toLowerCase()}`,
      searchableEscapeFacetValues: false,
      escapeFacetValues: false,
      showMore: true,
      limit: 8,
      showMoreLimit: 50,
    }),
  ),
  dateRange({ container: $('date') }),
  monthBars({ container: $('months') }),
]);

// Stock widgets render unlabelled controls: name each after what it does.
search.on('render', () => {
  document.querySelector('#sort select')?.setAttribute('id', 'sort-select');
  for (const l of LISTS) {
    const input = document.querySelector<HTMLInputElement>(`#${l.attribute} input[type="search"]`);
    if (input) input.setAttribute('aria-label', `Search ${l.label.toLowerCase()}`);
  }
});

search.on('error', (e: { error?: Error }) => {
  const box = $('error');
  box.textContent = `Search failed: ${e.error?.message ?? 'unknown error'}`;
  box.hidden = false;
});
search.on('render', () => {
  if (search.status !== 'error') $('error').hidden = true;
});

// On a phone the filters start folded (the HTML has them open for wide screens and no-script readers).
const panel = document.getElementById('filters-panel') as HTMLDetailsElement;
const wide = window.matchMedia('(min-width: 760px)');
panel.open = wide.matches;
wide.addEventListener('change', () => (panel.open = wide.matches));

search.start();
