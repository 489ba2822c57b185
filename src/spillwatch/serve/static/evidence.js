// Render an article's text with the trigger and argument spans highlighted, as text only.
import { h } from "./dom.js";

export function highlighted(text, spans, sentence) {
  const marks = spans.filter(s => s.start >= 0 && s.end <= text.length && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const [from, to] = context(text, sentence);
  const out = [];
  let pos = from;
  for (const s of marks) {
    if (s.start < pos || s.end > to) continue;  // overlapping or outside the shown passage
    out.push(text.slice(pos, s.start));
    out.push(h("mark", { class: `span-${s.role}`, title: s.role }, text.slice(s.start, s.end)));
    pos = s.end;
  }
  out.push(text.slice(pos, to));
  return h("blockquote", { class: "evidence" }, from > 0 ? "… " : "", out, to < text.length ? " …" : "");
}

function context(text, sentence) {
  if (!sentence) return [0, text.length];
  const found = text.lastIndexOf("\n\n", sentence[0]);
  const start = found < 0 ? 0 : found + 2;
  let end = text.indexOf("\n\n", sentence[1]);
  if (end < 0) end = text.length;
  return [start, end];
}
