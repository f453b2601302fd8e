// The documented entry point of the engine client (docs/js-api.md):
//   import { Engine } from './engine.js';
// The code is in core/engine.js; `new Engine()` starts core/worker.js and loads pkg/ from this folder.
export * from './core/engine.js';
