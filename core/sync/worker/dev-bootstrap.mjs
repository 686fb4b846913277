// Starts the sync worker from its TypeScript sources (tests, the bench, tsx scripts): tsx is registered in
// the worker's own thread, then the entry is loaded. The built app starts the bundled sync-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');
