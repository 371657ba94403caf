// autocannon setupRequest (loaded by path in the load worker, so plain CommonJS): every request
// asks the next tile of a deterministic walk over the tiles that cover an area at some zooms
// (BENCH_VARY_TILE = JSON { area: [w, s, e, n], zooms: [z…], path }), so a request repeats a
// tile only after the whole walk (then the response cache answers); URL `${path}/${z}/${y}/${x}`.
let n = 0;
let spec = '';
let tiles = [];
const column = (lon, z) => Math.floor(((lon + 180) / 360) * 2 ** z);
const row = (lat, z) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z);
};

/** Every tile over the area at the zooms, in a deterministic shuffled order (mulberry32, seed 7). */
function walk({ area, zooms, path }) {
  const out = [];
  for (const z of zooms) {
    for (let y = row(area[3], z); y <= row(area[1], z); y++) {
      for (let x = column(area[0], z); x <= column(area[2], z); x++) out.push(`${path}/${z}/${y}/${x}`);
    }
  }
  let a = 7;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

module.exports = function setupRequest(req) {
  if (process.env.BENCH_VARY_TILE !== spec) {
    spec = process.env.BENCH_VARY_TILE || '{}';
    tiles = walk(JSON.parse(spec));
  }
  const path = tiles[n % tiles.length];
  n += 1;
  return { ...req, path };
};
