// Entry of an import worker thread: loads the TypeScript worker through tsx (the server itself
// runs under tsx), whichever way the parent process was started (npm start, vitest, bench).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
