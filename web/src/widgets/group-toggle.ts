/**
 * "One result per article": Algolia's `distinct` query parameter. A small custom widget rather
 * than `configure`, so the choice is part of the UI state (key `group`) and therefore of the URL.
 */
import type { Helper, HelperState, IndexUiState } from '../is-types.js';

export function groupToggle(opts: { container: HTMLElement }) {
  let box: HTMLInputElement;
  return {
    $$type: 'newsfacets.groupByArticle',
    init({ helper }: { helper: Helper }) {
      opts.container.innerHTML = '<label class="toggle"><input type="checkbox" name="group"> One result per article</label>';
      box = opts.container.querySelector('input') as HTMLInputElement;
      box.checked = Boolean(helper.state.distinct);
      box.onchange = () => helper.setState(helper.state.setQueryParameter('distinct', box.checked).setPage(0)).search();
    },
    render({ state }: { state: HelperState }) {
      box.checked = Boolean(state.distinct);
    },
    dispose({ state }: { state: HelperState }) {
      opts.container.innerHTML = '';
      return state.setQueryParameter('distinct', undefined);
    },
    getWidgetUiState(uiState: IndexUiState, { searchParameters }: { searchParameters: HelperState }): IndexUiState {
      return { ...uiState, group: searchParameters.distinct ? 'article' : undefined };
    },
    getWidgetSearchParameters(searchParameters: HelperState, { uiState }: { uiState: IndexUiState }): HelperState {
      return searchParameters.setQueryParameter('distinct', uiState.group === 'article');
    },
  };
}
