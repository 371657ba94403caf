// autocannon setupRequest (loaded by path in the load worker, so plain CommonJS): every request
// asks a different bbox of the same size (BENCH_VARY_BOX = JSON { area, fraction, path, start }),
// placed on a deterministic low-discrepancy sequence over the area from element `start` on (each
// run a new start), so no two requests share a URL and the server's response cache never answers:
// the R*Tree query and page assembly are measured.
let n = 0;
let spec = '';
let parsed = { area: [0, 0, 0, 0], fraction: 0, path: '' };
const round = (x) => Math.round(x * 1e5) / 1e5;
const frac = (x) => x - Math.floor(x);

module.exports = function setupRequest(req) {
  if (process.env.BENCH_VARY_BOX !== spec) {
    spec = process.env.BENCH_VARY_BOX || '{}';
    parsed = JSON.parse(spec);
    n = parsed.start || 0;
  }
  const { area, fraction, path } = parsed;
  const [minLon, minLat, maxLon, maxLat] = area;
  const k = Math.sqrt(fraction);
  const w = (maxLon - minLon) * k;
  const h = (maxLat - minLat) * k;
  n += 1;
  const x = minLon + frac(n * 0.6180339887) * (maxLon - minLon - w);
  const y = minLat + frac(n * 0.7548776662) * (maxLat - minLat - h);
  return { ...req, path: `${path}?bbox=${round(x)},${round(y)},${round(x + w)},${round(y + h)}` };
};
