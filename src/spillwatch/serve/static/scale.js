// Colour classes for the choropleth: up to five classes on a logarithmic scale from 1 to the
// largest value (counts of events and deaths are heavy-tailed), bounds rounded to 1-2-5 steps.
export const COLOURS = ["#fde0c5", "#facba6", "#f59e72", "#e8684a", "#c0392b"];

function nice(x) {  // the 1-2-5 number nearest above x
  if (x <= 10) return Math.ceil(x);
  const p = 10 ** Math.floor(Math.log10(x)), m = x / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

// Upper bounds of each class, increasing; the last is the largest value itself.
export function classes(values) {
  const max = Math.max(0, ...values);
  if (max <= 0) return [];
  const n = Math.min(COLOURS.length, Math.max(1, Math.ceil(Math.log10(max + 1) * 2)), max);
  const out = [];
  for (let i = 1; i < n; i++) {
    const b = nice(max ** (i / n));
    if (b < max && (!out.length || b > out[out.length - 1])) out.push(b);
  }
  out.push(max);
  return out;
}

export function classOf(v, breaks) {
  const i = breaks.findIndex(b => v <= b);
  const k = i < 0 ? breaks.length - 1 : i;
  return COLOURS.length - breaks.length + k;  // fewer classes use the darker end of the ramp
}

export function fmtInt(n) { return Number(n || 0).toLocaleString("en-US"); }
