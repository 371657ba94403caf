// The k-d tree of a point model (point-model.ts), built in a worker thread so a large collection
// (1,000,000 points: about half a second) never stalls the event loop. Plain JavaScript: it runs
// without the TypeScript loader. workerData: { xs, ys } (Float64Arrays on shared memory); posts
// the tree's data (a SharedArrayBuffer) for KDBush.from. An empty set gets one point no box holds.
import { parentPort, workerData } from 'node:worker_threads';
import KDBush from 'kdbush';

const { xs, ys } = workerData;
const tree = new KDBush(Math.max(xs.length, 1), 64, Float64Array, SharedArrayBuffer);
for (let i = 0; i < xs.length; i++) tree.add(xs[i], ys[i]);
if (xs.length === 0) tree.add(Number.NaN, Number.NaN);
parentPort.postMessage(tree.finish().data);
