// Events per month as bars; drag (or shift+arrow keys) to brush a date range.
import { svg, clear } from "./dom.js";

const W = 1000, H = 90;

export class Timeline {
  constructor(el, onBrush) {
    this.el = el; this.onBrush = onBrush; this.months = [];
    el.setAttribute("viewBox", `0 0 ${W} ${H}`);
    el.setAttribute("tabindex", "0");
    el.addEventListener("pointerdown", e => this.start(e));
    el.addEventListener("pointermove", e => this.move(e));
    el.addEventListener("pointerup", () => this.end());
    el.addEventListener("keydown", e => this.key(e));
  }
  render(counts) {  // counts: [{month: "2016-06", n: 3}, ...] sorted
    this.months = counts;
    const max = Math.max(1, ...counts.map(c => c.n)), bw = W / Math.max(1, counts.length);
    const bars = counts.map((c, i) => svg("rect", { x: (i * bw + 0.5).toFixed(1), y: (H - 15 - (H - 20) * c.n / max).toFixed(1),
      width: Math.max(1, bw - 1).toFixed(1), height: ((H - 20) * c.n / max).toFixed(1), class: "bar" }, svg("title", {}, `${c.month}: ${c.n}`)));
    const labels = counts.filter((c, i) => c.month.endsWith("-01") || i === 0).map(c =>
      svg("text", { x: (counts.indexOf(c) * bw).toFixed(1), y: H - 2, class: "tick" }, c.month.slice(0, 4)));
    this.brush = svg("rect", { class: "brush", x: 0, y: 0, width: 0, height: H - 15 });
    clear(this.el).append(...bars, ...labels, this.brush);
  }
  index(e) {
    const r = this.el.getBoundingClientRect();
    return Math.max(0, Math.min(this.months.length - 1, Math.floor((e.clientX - r.left) / r.width * this.months.length)));
  }
  start(e) { if (!this.months.length) return; this.a = this.index(e); this.b = this.a; this.el.setPointerCapture(e.pointerId); this.draw(); }
  move(e) { if (this.a === undefined) return; this.b = this.index(e); this.draw(); }
  end() { if (this.a === undefined) return; this.emit(); this.a = undefined; }
  key(e) {
    if (!this.months.length) return;
    if (this.sel === undefined) this.sel = [0, this.months.length - 1];
    const [lo, hi] = this.sel, last = this.months.length - 1;
    if (e.key === "ArrowLeft") this.sel = e.shiftKey ? [lo, Math.max(lo, hi - 1)] : [Math.max(0, lo - 1), hi];
    else if (e.key === "ArrowRight") this.sel = e.shiftKey ? [lo, Math.min(last, hi + 1)] : [Math.min(hi, lo + 1), hi];
    else return;
    e.preventDefault(); [this.a, this.b] = this.sel; this.draw(); this.emit(); this.a = undefined;
  }
  draw() {
    const bw = W / this.months.length, lo = Math.min(this.a, this.b), hi = Math.max(this.a, this.b);
    this.brush.setAttribute("x", (lo * bw).toFixed(1)); this.brush.setAttribute("width", ((hi - lo + 1) * bw).toFixed(1));
  }
  emit() {
    const lo = Math.min(this.a, this.b), hi = Math.max(this.a, this.b);
    this.sel = [lo, hi];
    const from = this.months[lo].month + "-01", [y, m] = this.months[hi].month.split("-").map(Number);
    const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    this.onBrush(from, to);
  }
}
