import type { Engine } from '../../engine/types.js';
import type { EngineCall } from '../engine-call.js';

/** What a route may use. Routes stay thin: parse, one engine call, present. */
export interface RouteDeps {
  engine: Engine;
  call: EngineCall;
}
