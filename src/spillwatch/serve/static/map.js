// Country outlines from the packaged TopoJSON (Natural Earth via world-atlas), drawn as SVG with an
// equirectangular projection; events as circles; choropleth of events per country; new theatres outlined.
import { svg, clear } from "./dom.js";

const W = 1000, H = 500;
const px = lon => (lon + 180) / 360 * W;
const py = lat => (90 - lat) / 180 * H;

function decodeArcs(topo) {
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  return topo.arcs.map(arc => { let x = 0, y = 0; return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; }); });
}

function ringPath(arcs, refs) {
  const pts = [];
  for (const r of refs) {
    const a = r >= 0 ? arcs[r] : arcs[~r].slice().reverse();
    pts.push(...(pts.length ? a.slice(1) : a));
  }
  // Break the path where it jumps across the antimeridian.
  let d = "", prev = null;
  for (const [lon, lat] of pts) {
    const jump = prev && Math.abs(lon - prev) > 180;
    d += `${d && !jump ? "L" : "M"}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`;
    prev = lon;
  }
  return d + "Z";
}

export function countryPaths(topo) {
  const arcs = decodeArcs(topo);
  return topo.objects.countries.geometries.map(g => {
    const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    return { iso3: (g.properties && g.properties.iso3) || "", name: (g.properties && g.properties.name) || "",
             d: polys.map(p => p.map(r => ringPath(arcs, r)).join("")).join("") };
  });
}

export class EventMap {
  constructor(el, onSelect) {
    this.el = el; this.onSelect = onSelect; this.countries = []; this.view = [0, 0, W, H];
    el.setAttribute("viewBox", this.view.join(" "));
    el.setAttribute("tabindex", "0");
    el.addEventListener("keydown", e => this.key(e));
    el.addEventListener("wheel", e => { e.preventDefault(); this.zoom(e.deltaY < 0 ? 0.8 : 1.25); }, { passive: false });
  }
  setCountries(topo) { this.countries = countryPaths(topo); }
  render(events, perCountry, newTheatres) {
    const max = Math.max(1, ...Object.values(perCountry));
    const g = svg("g", { class: "countries" }, this.countries.map(c => {
      const n = perCountry[c.iso3] || 0;
      const cls = ["country", n ? "active" : "", newTheatres.has(c.iso3) ? "new-theatre" : ""].join(" ");
      return svg("path", { d: c.d, class: cls, "fill-opacity": n ? (0.15 + 0.6 * n / max).toFixed(2) : null,
                           "data-iso3": c.iso3 }, svg("title", {}, `${c.name}: ${n} events`));
    }));
    const dots = svg("g", { class: "events" }, events.filter(e => e.lat !== null && e.lon !== null).map(e => {
      const dot = svg("circle", { cx: px(e.lon).toFixed(1), cy: py(e.lat).toFixed(1), "data-n": e.n_mentions || 1,
                                  class: "event-dot", tabindex: "0", "data-id": e.id },
                      svg("title", {}, `${e.date_start || ""} ${e.type} ${e.place_name || ""}`));
      dot.addEventListener("click", () => this.onSelect(e.id));
      dot.addEventListener("keydown", ev => { if (ev.key === "Enter") this.onSelect(e.id); });
      return dot;
    }));
    clear(this.el).append(g, dots);
    this.fit(events);
  }
  fit(events) {
    const pts = events.filter(e => e.lat !== null && e.lon !== null);
    if (!pts.length) { this.set([0, 0, W, H]); return; }
    const xs = pts.map(e => px(e.lon)), ys = pts.map(e => py(e.lat));
    let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const w = Math.max(x1 - x0, 60) * 1.3, hgt = Math.max(y1 - y0, 30) * 1.3;
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, ww = Math.max(w, hgt * 2);
    this.set([cx - ww / 2, cy - ww / 4, ww, ww / 2]);
  }
  set(v) {
    this.view = v; this.el.setAttribute("viewBox", v.map(n => n.toFixed(1)).join(" "));
    const k = v[2] / W;  // keep dots the same size on screen at any zoom
    for (const c of this.el.querySelectorAll("circle")) c.setAttribute("r", ((2 + 2 * Math.sqrt(+c.dataset.n)) * k).toFixed(2));
  }
  zoom(f) { const [x, y, w, hh] = this.view; this.set([x + w * (1 - f) / 2, y + hh * (1 - f) / 2, w * f, hh * f]); }
  key(e) {
    const [x, y, w, hh] = this.view, step = 0.1;
    const moves = { ArrowLeft: [-w * step, 0], ArrowRight: [w * step, 0], ArrowUp: [0, -hh * step], ArrowDown: [0, hh * step] };
    if (moves[e.key]) { e.preventDefault(); this.set([x + moves[e.key][0], y + moves[e.key][1], w, hh]); }
    else if (e.key === "+" || e.key === "=") this.zoom(0.8);
    else if (e.key === "-") this.zoom(1.25);
  }
}
