/**
 * Passages per month as a bar list (the `month` facet). Each bar is a toggle button, so
 * months refine like any list (several months = either of them) and work from the keyboard.
 */
import { connectRefinementList } from 'instantsearch.js/es/connectors/index.js';
import { escape } from '../escape.js';
import { monthLabel } from '../dates.js';
import type { RefinementListRenderState } from '../is-types.js';

export function monthBars(opts: { container: HTMLElement }) {
  return connectRefinementList((state: RefinementListRenderState<{ container: HTMLElement }>) => {
    const { container } = state.widgetParams;
    const max = Math.max(1, ...state.items.map((i) => i.count));
    container.innerHTML = state.items.length === 0
      ? '<p class="empty">No dated passages.</p>'
      : `<ol class="months">${state.items
          .map(
            (i) => `<li><button type="button" class="month${i.isRefined ? ' month--refined' : ''}" aria-pressed="${i.isRefined}"
              data-value="${escape(i.value)}"><span class="month__label">${escape(monthLabel(i.value))}</span>
              <span class="month__bar" style="width:${Math.round((i.count / max) * 100)}%"></span>
              <span class="month__count">${i.count}</span></button></li>`,
          )
          .join('')}</ol>`;
    for (const b of Array.from(container.querySelectorAll<HTMLButtonElement>('button[data-value]'))) {
      b.onclick = () => state.refine(b.dataset.value!);
    }
  })({ container: opts.container, attribute: 'month', sortBy: ['name:asc'], limit: 240 });
}
