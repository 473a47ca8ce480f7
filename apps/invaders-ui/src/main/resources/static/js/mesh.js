// The live mesh map: which opcode families served the last second, where (in process or which service)
// and which service version answered. One tile per family; its colour is the version (hatched: in
// process), its white bar the share of its instructions the cache answered.

const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#e15759', '#76b7b2', '#edc948', '#ff9da7'];

function hueOf(version, versions) {
  if (!versions.has(version)) {
    versions.set(version, PALETTE[versions.size % PALETTE.length]);
  }
  return versions.get(version);
}

function short(route) {
  if (!route || route === 'local') return 'in process';
  try {
    const u = new URL(route);
    return u.host;
  } catch {
    return route;
  }
}

export class MeshMap {
  constructor(grid, legend, summary) {
    this.grid = grid;
    this.legend = legend;
    this.summary = summary;
    this.versions = new Map(); // version -> colour, stable for the page's life
  }

  show(mesh) {
    const rows = Array.isArray(mesh) ? [...mesh] : [];
    rows.sort((a, b) => String(a.family).localeCompare(String(b.family)));
    const tiles = document.createDocumentFragment();
    const perVersion = new Map();
    let calls = 0;
    let remote = 0;
    let hits = 0;
    for (const r of rows) {
      const version = r.version || 'unknown';
      const colour = hueOf(version, this.versions);
      const c = Number(r.calls) || 0;
      const h = Number(r.cacheHits) || 0;
      calls += c;
      if (r.route && r.route !== 'local') remote += c;
      hits += h;
      const v = perVersion.get(version) || { calls: 0, families: 0, colour };
      v.calls += c + h;
      v.families++;
      perVersion.set(version, v);
      const tile = document.createElement('li');
      tile.className = `tile ${!r.route || r.route === 'local' ? 'local' : 'remote'}`;
      tile.style.setProperty('--version', colour);
      const total = c + h;
      tile.style.setProperty('--hit', total > 0 ? `${Math.round((100 * h) / total)}%` : '0%');
      tile.title = `${r.family}: ${c} calls, ${h} cache hits, ${short(r.route)}, version ${version}`;
      const name = document.createElement('span');
      name.className = 'family';
      name.textContent = r.family;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = total >= 1000 ? `${Math.round(total / 1000)}k` : String(total);
      tile.append(name, count);
      tiles.append(tile);
    }
    this.grid.replaceChildren(tiles);
    const legend = document.createDocumentFragment();
    for (const [version, v] of perVersion) {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = v.colour;
      li.append(swatch, `${version}: ${v.families} families`);
      legend.append(li);
    }
    this.legend.replaceChildren(legend);
    const n = (x) => x.toLocaleString('en');
    this.summary.textContent = rows.length === 0 ? 'No opcode family ran in the last second.'
      : `${rows.length} opcode families ran in the last second: ${n(calls)} executions (${n(remote)} by`
        + ` opcode services over HTTP), ${n(hits)} cache hits, ${perVersion.size} version`
        + `${perVersion.size === 1 ? '' : 's'}.`;
  }
}
