/** Names shared by the page's widgets and its URL. */
export const INDEX = 'passages';
export const SORTS = [
  { label: 'Relevance', value: INDEX, param: 'relevance' },
  { label: 'Newest first', value: `${INDEX}_date_desc`, param: 'newest' },
  { label: 'Oldest first', value: `${INDEX}_date_asc`, param: 'oldest' },
] as const;
/** Refinement lists: engine attribute, URL parameter, heading. */
export const LISTS = [
  { attribute: 'speakers', param: 'speaker', label: 'Speakers' },
  { attribute: 'topics', param: 'topic', label: 'Topics' },
  { attribute: 'places', param: 'place', label: 'Places' },
] as const;
export const HITS_PER_PAGE = 10;
export const SNIPPET_WORDS = 40;
/** What the configure widget always sends; `distinct` (group by article) is the only thing users change. */
export const BASE_PARAMS = { hitsPerPage: HITS_PER_PAGE, attributesToSnippet: [`text:${SNIPPET_WORDS}`] };
