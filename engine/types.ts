/**
 * The engine port: everything the indexer and the server need from a search engine.
 * Two adapters implement it (engine/embedded: SQLite FTS5 in-process; engine/meilisearch),
 * and both must give the same answers to the same requests (tests/contract).
 */

/** Facet attributes. The HTTP API names them in the singular (speaker, topic, place, organisation, month). */
export type FacetName = 'speakers' | 'topics' | 'places' | 'organisations' | 'month';
export const FACET_NAMES: readonly FacetName[] = ['speakers', 'topics', 'places', 'organisations', 'month'];

/** Where an article's publication date came from. Never a silent guess. */
export type DateSource = 'header' | 'inferred' | 'unknown';

/** One searchable passage: the unit both engines index. Dates are unix seconds at UTC midnight. */
export interface PassageDoc {
  /** `${articleId}-${position}`: stable across re-indexing of the same input. */
  id: string;
  articleId: string;
  title: string;
  source: string | null;
  url: string | null;
  /** 0-based position of the passage inside its article. */
  position: number;
  text: string;
  /** Canonical speaker names (who is quoted or paraphrased in this passage). */
  speakers: string[];
  /** Topic labels from the taxonomy (human-readable; they are the facet values users see and filter on). */
  topics: string[];
  places: string[];
  organisations: string[];
  publishedAt: number | null;
  dateSource: DateSource;
  /** Date of the statement(s) in this passage where the text gives it. */
  statementDate: number | null;
  /** statementDate ?? publishedAt: the date that `from`/`to`, date sort and the month facet use. */
  date: number | null;
  /** 'YYYY-MM' of `date`, or null. */
  month: string | null;
}

/** Filters: OR within one attribute, AND across attributes. */
export interface SearchFilters {
  speakers?: string[];
  topics?: string[];
  places?: string[];
  organisations?: string[];
  month?: string[];
  articleId?: string[];
  /** Inclusive bounds on `date` (unix seconds). A passage without a date never matches a date bound. */
  dateFrom?: number;
  dateTo?: number;
}

export type SortOrder = 'relevance' | 'date:desc' | 'date:asc';

export interface SearchRequest {
  /**
   * Raw user text. Adapters parse it with engine/query.ts: every word must match, the last one
   * as a prefix (unless the query ends with a space), typo budget by word length.
   * Empty string browses (all passages passing the filters).
   */
  q: string;
  filters: SearchFilters;
  /** Facets to count. Counts are disjunctive: a facet's counts ignore that facet's own filter. */
  facets: FacetName[];
  sort: SortOrder;
  offset: number;
  limit: number;
  /**
   * One hit per article (its best passage under `sort`). totalHits then counts articles;
   * facet counts still count passages (same meaning on both engines; see README).
   */
  groupByArticle: boolean;
  /**
   * At most this many values per value facet, most frequent first (engine/facet-limit.ts);
   * `month` is always complete. Default 100, at most INDEX_SETTINGS.maxValuesPerFacet.
   */
  maxValuesPerFacet?: number;
  /** Aborted when the client went away or the deadline passed; adapters stop where they can. */
  signal?: AbortSignal;
}

/** [start, end) JavaScript string offsets into PassageDoc.text. */
export type Range = [number, number];

export interface SearchHit {
  doc: PassageDoc;
  /** Where the query's words matched in doc.text, sorted, non-overlapping. */
  matches: Range[];
}

export interface DateStats {
  min: number;
  max: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Exact: passages, or articles when groupByArticle. */
  totalHits: number;
  /**
   * value → passage count, for each requested facet, in the order and cut of
   * engine/facet-limit.ts (most frequent first; months in calendar order). Read-only: the embedded engine hands out
   * its cached distributions frozen (copying 100-value records cost ~35 µs each per search).
   */
  facets: Partial<Record<FacetName, Readonly<Record<string, number>>>>;
  /** min/max `date` over the passages matching the query and all filters (null when none has a date). */
  facetStats: { date: DateStats | null };
  processingTimeMs: number;
}

export interface FacetSearchRequest {
  facet: FacetName;
  /** Text typed into the facet's search box: any word of a value matches as a prefix, case- and accent-insensitive. */
  facetQuery: string;
  /** The main query and filters: counts are under them (disjunctive: the facet's own filter is ignored). */
  q: string;
  filters: SearchFilters;
  limit: number;
  signal?: AbortSignal;
}

export interface FacetValueCount {
  value: string;
  count: number;
}

/** Completion of the last word of a query: whole indexed words, most frequent first. */
export interface WordCompletion {
  word: string;
  /** Number of passages containing the word. */
  count: number;
}

export interface EngineStats {
  passages: number;
  articles: number;
  /** Bytes on disk, when the engine knows. */
  sizeBytes: number | null;
  /** Unix ms of the last committed write, when known. */
  updatedAt: number | null;
}

export interface Readiness {
  ready: boolean;
  /** Why not, in words fit for an operator (never shown to API users verbatim). */
  reason?: string;
}

export type WriteMode =
  /** Build a new index beside the serving one and swap it in atomically on commit. */
  | 'replace'
  /** Change the serving index in place; readers see all of the run's changes or none. */
  | 'incremental';

/** One indexing run. Nothing is visible to searches before commit(); abort() (or a crash) leaves the old index serving. */
export interface IndexWriter {
  /** Replaces every passage of each article that appears in `docs` (passages that vanished are deleted). */
  putArticles(docs: PassageDoc[]): Promise<void>;
  /** Upserts passages by id without touching the rest of their article. */
  upsertPassages(docs: PassageDoc[]): Promise<void>;
  deletePassages(ids: string[]): Promise<void>;
  deleteArticles(articleIds: string[]): Promise<void>;
  /** Article ids present in the index this writer writes to (for --prune). */
  listArticleIds(): Promise<string[]>;
  commit(): Promise<EngineStats>;
  abort(): Promise<void>;
}

export interface Engine {
  readonly kind: 'embedded' | 'meilisearch';
  search(req: SearchRequest): Promise<SearchResult>;
  searchFacetValues(req: FacetSearchRequest): Promise<FacetValueCount[]>;
  completeWord(prefix: string, limit: number, signal?: AbortSignal): Promise<WordCompletion[]>;
  /** All passages of one article, by position; empty when unknown. */
  getArticlePassages(articleId: string): Promise<PassageDoc[]>;
  beginWrite(mode: WriteMode): Promise<IndexWriter>;
  stats(): Promise<EngineStats>;
  ready(): Promise<Readiness>;
  close(): Promise<void>;
}

/**
 * What the index is configured with; the Meilisearch adapter applies it as settings,
 * the embedded adapter builds its schema from it. Order of searchable attributes is ranking order.
 */
export const INDEX_SETTINGS = {
  primaryKey: 'id',
  searchableAttributes: ['text', 'title', 'speakers', 'topics', 'places', 'organisations'],
  filterableAttributes: ['speakers', 'topics', 'places', 'organisations', 'month', 'articleId', 'date', 'publishedAt', 'statementDate'],
  sortableAttributes: ['date', 'publishedAt', 'position'],
  maxValuesPerFacet: 10_000,
  maxTotalHits: 10_000,
  /** `sort` first: a date sort is strict (newest first), relevance only breaks ties. No sort → the rule is a no-op. */
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
} as const;
