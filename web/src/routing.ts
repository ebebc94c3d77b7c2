/**
 * The page state in the URL, with the same parameter names as GET /search
 * (q, speaker, topic, place, month, from, to, sort, group, page), so a search can be shared
 * and a link reads like an API call.
 */
import { history } from 'instantsearch.js/es/lib/routers/index.js';
import type { UiState } from './is-types.js';
import { INDEX, LISTS, SORTS } from './config.js';
import { isoDay, secondsOf } from './dates.js';

type Route = Record<string, string[]>;

function stateToRoute(uiState: UiState): Route {
  const s = uiState[INDEX] ?? {};
  const route: Route = {};
  const add = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') (route[k] ??= []).push(String(v));
  };
  add('q', s.query);
  for (const l of LISTS) for (const v of s.refinementList?.[l.attribute] ?? []) add(l.param, v);
  for (const v of s.refinementList?.month ?? []) add('month', v);
  const [min, max] = (s.range?.date ?? '').split(':');
  if (min) add('from', isoDay(Number(min)));
  if (max) add('to', isoDay(Number(max)));
  const sort = SORTS.find((x) => x.value === s.sortBy);
  if (sort && sort.value !== INDEX) add('sort', sort.param);
  if (s.group === 'article') add('group', 'article');
  if (s.page && s.page > 1) add('page', s.page);
  return route;
}

function routeToState(route: Route): UiState {
  const one = (k: string) => route[k]?.[0];
  const refinementList: Record<string, string[]> = {};
  for (const l of LISTS) if (route[l.param]) refinementList[l.attribute] = route[l.param];
  if (route.month) refinementList.month = route.month;
  const from = secondsOf(one('from') ?? '');
  const to = secondsOf(one('to') ?? '');
  const page = Number(one('page'));
  return {
    [INDEX]: {
      query: one('q'),
      refinementList,
      range: from !== undefined || to !== undefined ? { date: `${from ?? ''}:${to ?? ''}` } : undefined,
      sortBy: SORTS.find((x) => x.param === one('sort'))?.value,
      group: one('group') === 'article' ? 'article' : undefined,
      page: Number.isInteger(page) && page > 1 ? page : undefined,
    },
  } as UiState;
}

export const routing = {
  router: history({
    cleanUrlOnDispose: false,
    // Short enough that a shared URL is current by the time anyone copies it.
    writeDelay: 150,
    createURL({ routeState, location }: { routeState: Route; location: Location }) {
      const qs = new URLSearchParams();
      for (const [k, vs] of Object.entries(routeState)) for (const v of vs) qs.append(k, v);
      const s = qs.toString();
      return `${location.pathname}${s ? `?${s}` : ''}${location.hash}`;
    },
    parseURL({ location }: { location: Location }): Route {
      const route: Route = {};
      for (const [k, v] of new URLSearchParams(location.search)) (route[k] ??= []).push(v);
      return route;
    },
  }),
  stateMapping: { stateToRoute, routeToState },
};
