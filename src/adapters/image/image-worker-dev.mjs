// Loads the TypeScript worker when the server runs from src/ (tsx, vitest): worker threads do
// not inherit a test runner's transform. dist/ uses image-worker.js directly.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./image-worker.ts');
export default mod.default;
