/**
 * The few InstantSearch.js types the page relies on. The package's own declarations use
 * extensionless relative imports, which the project's NodeNext resolution cannot follow,
 * so its widgets and connectors type-check as untyped; these keep our code checked.
 */
export type IndexUiState = {
  query?: string;
  refinementList?: Record<string, string[]>;
  range?: Record<string, string>;
  sortBy?: string;
  page?: number;
  /** Ours: "article" when results are grouped by article. */
  group?: string;
};
export type UiState = Record<string, IndexUiState>;

export interface HelperState {
  distinct?: boolean | number;
  setQueryParameter(name: string, value: unknown): HelperState;
  setPage(page: number): HelperState;
  getNumericRefinement(attribute: string, operator: '>=' | '<='): number[] | undefined;
  removeNumericRefinement(attribute: string): HelperState;
  addNumericRefinement(attribute: string, operator: '>=' | '<=', value: number): HelperState;
  addDisjunctiveFacet(attribute: string): HelperState;
}
export interface Results {
  getFacetStats(attribute: string): { min: number; max: number } | undefined;
}
export interface Helper {
  state: HelperState;
  setState(state: HelperState): Helper;
  search(): Helper;
}

export interface RefinementItem {
  value: string;
  label: string;
  count: number;
  isRefined: boolean;
}
export interface RefinementListRenderState<P> {
  items: RefinementItem[];
  refine(value: string): void;
  widgetParams: P;
}
