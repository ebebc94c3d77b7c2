/**
 * A date range on `date` (unix seconds) shown as two native date inputs: keyboard- and
 * phone-friendly, and the browser's own date picker. Bounds come from facets_stats.
 */
import { connectRange } from 'instantsearch.js/es/connectors/index.js';
import { isoDay, secondsOf } from '../dates.js';
import type { RangeRenderState } from '../is-types.js';

export function dateRange(opts: { container: HTMLElement }) {
  return connectRange((state: RangeRenderState<{ container: HTMLElement }>, isFirstRender: boolean) => {
    const { container } = state.widgetParams;
    if (isFirstRender) {
      container.innerHTML = `
        <div class="date-range">
          <label>From <input type="date" name="from" data-testid="date-from"></label>
          <label>To <input type="date" name="to" data-testid="date-to"></label>
          <button type="button" class="date-range__reset">Any date</button>
        </div>`;
    }
    const [fromInput, toInput] = Array.from(container.querySelectorAll('input')) as HTMLInputElement[];
    const reset = container.querySelector('button') as HTMLButtonElement;
    const { range, start } = state;
    const bound = (v: number, fallback: number) => (Number.isFinite(v) ? v : fallback);
    for (const input of [fromInput, toInput]) {
      input.min = Number.isFinite(range.min) ? isoDay(range.min!) : '';
      input.max = Number.isFinite(range.max) ? isoDay(range.max!) : '';
      input.disabled = !state.canRefine;
    }
    // Never overwrite what the user is typing.
    if (document.activeElement !== fromInput) fromInput.value = Number.isFinite(start[0]) ? isoDay(start[0] as number) : '';
    if (document.activeElement !== toInput) toInput.value = Number.isFinite(start[1]) ? isoDay(start[1] as number) : '';
    reset.hidden = !Number.isFinite(start[0]) && !Number.isFinite(start[1]);
    const apply = () => {
      const from = secondsOf(fromInput.value);
      const to = secondsOf(toInput.value);
      // The connector refuses bounds outside the data's range: outside means "no bound".
      const lo = from !== undefined && from > bound(range.min!, -Infinity) ? from : undefined;
      const hi = to !== undefined && to < bound(range.max!, Infinity) ? to : undefined;
      state.refine([lo, hi]);
    };
    fromInput.onchange = apply;
    toInput.onchange = apply;
    reset.onclick = () => state.refine([undefined, undefined]);
  })({ container: opts.container, attribute: 'date' });
}
