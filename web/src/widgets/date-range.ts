/**
 * A date range on `date` (unix seconds) as two native date inputs: keyboard- and phone-friendly,
 * with the browser's own date picker. A small custom widget rather than connectRange, because
 * connectRange refuses bounds outside the dates present in the current results, and a reader
 * asking for "until 31 March" should get exactly that. The UI state uses the stock `range`
 * key ("from:to"), and `date` is a disjunctive facet so facets_stats gives the span of dates.
 */
import { isoDay, secondsOf } from '../dates.js';
import type { Helper, HelperState, IndexUiState, Results } from '../is-types.js';

const ATTRIBUTE = 'date';

function boundsOf(state: HelperState): [number | undefined, number | undefined] {
  return [state.getNumericRefinement(ATTRIBUTE, '>=')?.[0], state.getNumericRefinement(ATTRIBUTE, '<=')?.[0]];
}

function withBounds(state: HelperState, [from, to]: [number | undefined, number | undefined]): HelperState {
  let next = state.removeNumericRefinement(ATTRIBUTE);
  if (from !== undefined) next = next.addNumericRefinement(ATTRIBUTE, '>=', from);
  if (to !== undefined) next = next.addNumericRefinement(ATTRIBUTE, '<=', to);
  return next;
}

export function dateRange(opts: { container: HTMLElement }) {
  let fromInput: HTMLInputElement;
  let toInput: HTMLInputElement;
  let reset: HTMLButtonElement;
  let span: HTMLElement;
  return {
    $$type: 'newsfacets.dateRange',
    init({ helper }: { helper: Helper }) {
      opts.container.innerHTML = `
        <div class="date-range">
          <label>From <input type="date" name="from" data-testid="date-from"></label>
          <label>To <input type="date" name="to" data-testid="date-to"></label>
          <button type="button" class="date-range__reset">Any date</button>
        </div>
        <p class="date-range__span"></p>`;
      [fromInput, toInput] = Array.from(opts.container.querySelectorAll('input'));
      reset = opts.container.querySelector('button') as HTMLButtonElement;
      span = opts.container.querySelector('.date-range__span') as HTMLElement;
      const apply = (bounds: [number | undefined, number | undefined]) =>
        helper.setState(withBounds(helper.state, bounds).setPage(0)).search();
      const onChange = () => apply([secondsOf(fromInput.value), secondsOf(toInput.value)]);
      fromInput.onchange = onChange;
      toInput.onchange = onChange;
      reset.onclick = () => apply([undefined, undefined]);
    },
    render({ state, results }: { state: HelperState; results?: Results }) {
      const [from, to] = boundsOf(state);
      // Never overwrite what the user is typing.
      if (document.activeElement !== fromInput) fromInput.value = from === undefined ? '' : isoDay(from);
      if (document.activeElement !== toInput) toInput.value = to === undefined ? '' : isoDay(to);
      reset.hidden = from === undefined && to === undefined;
      const stats = results?.getFacetStats(ATTRIBUTE);
      span.textContent = stats ? `Dated passages here: ${isoDay(stats.min)} to ${isoDay(stats.max)}` : 'No dated passages here.';
    },
    dispose({ state }: { state: HelperState }) {
      opts.container.innerHTML = '';
      return state.removeNumericRefinement(ATTRIBUTE);
    },
    getWidgetUiState(uiState: IndexUiState, { searchParameters }: { searchParameters: HelperState }): IndexUiState {
      const [from, to] = boundsOf(searchParameters);
      const range = { ...uiState.range };
      if (from === undefined && to === undefined) delete range[ATTRIBUTE];
      else range[ATTRIBUTE] = `${from ?? ''}:${to ?? ''}`;
      return { ...uiState, range: Object.keys(range).length > 0 ? range : undefined };
    },
    getWidgetSearchParameters(searchParameters: HelperState, { uiState }: { uiState: IndexUiState }): HelperState {
      const [lo, hi] = (uiState.range?.[ATTRIBUTE] ?? ':').split(':').map((v) => (/^-?\d+$/.test(v) ? Number(v) : undefined));
      return withBounds(searchParameters.addDisjunctiveFacet(ATTRIBUTE), [lo, hi]);
    },
  };
}
