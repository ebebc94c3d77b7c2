export { createInstantSearchRouter, instantSearchRoutes, type InstantSearchRouterOptions } from './router.js';
export { DEFAULT_INDEX_NAME, replicaNames } from './indices.js';
