"use strict";
// The attnmap explorer: draws the views of one text from the data attnmap wrote into
// <script id="explorer-data">. Everything on the page is built with createElement and textContent
// (tokens and texts are never parsed as markup) and drawn on canvases, not one element per line
// or cell. Matrices arrive quantised and deflated, one block per layer entry, and are decoded the
// first time they are shown. The state (tab, view, layer, head, options) lives in the URL's hash.
(() => {
  const data = JSON.parse(document.getElementById("explorer-data").textContent);
  const FONT = '12px "DejaVu Sans", "Helvetica Neue", Arial, sans-serif';
  const TABS = ["head", "model", "matrix", "scores"];
  const TAB_TITLES = { head: "Head view", model: "Model view", matrix: "Matrix view", scores: "Token scores" };
  const MEAN = -1, MAX = -2;

  // --- small helpers --------------------------------------------------------------------------
  const make = (tag, props, text) => {
    const e = document.createElement(tag);
    if (props) for (const [k, v] of Object.entries(props)) {
      if (k === "class") e.className = v;
      else if (k.startsWith("data-") || k.startsWith("aria-") || k === "for" || k === "role") e.setAttribute(k, v);
      else e[k] = v;
    }
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const palette = (hex) => {
    const colors = [];
    for (let i = 0; i < 256; ++i) colors.push([0, 2, 4].map((k) => parseInt(hex.substr(i * 6 + k, 2), 16)));
    return colors;
  };
  const SEQUENTIAL = palette(data.colormap.colors);
  const DIVERGING = palette(data.diverging.colors);
  const rgb = (c) => `rgb(${c[0]},${c[1]},${c[2]})`;
  const colorAt = (colors, t) => colors[Math.max(0, Math.min(255, Math.round((Number.isFinite(t) ? t : 0) * 255)))];
  const luminance = (c) => {
    const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  };
  // One colour per head, far apart in hue (bertviz uses d3's category10; this goes past ten heads).
  const headColor = (h, count) => `hsl(${Math.round((h * 360) / Math.max(count, 1) + 15) % 360}, 70%, 45%)`;
  // Values with the digits their storage keeps: 4 decimals at 16 bits, 3 at 8 (views.bits).
  const format = (v, bits = 16) => {
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e4)) return v.toExponential(bits === 16 ? 3 : 2);
    return v.toFixed(bits === 16 ? 4 : 3);
  };
  const shellQuote = (s) => (/^[A-Za-z0-9_./:=,+-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'");
  const xml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  // --- decoding -------------------------------------------------------------------------------
  async function inflate(base64) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; ++i) bytes[i] = text.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  // The `count` matrices of `cells` values in one packed block (see src/explorer/packing.h).
  async function unpack(block, lo, hi, bits, count, cells) {
    const bytes = await inflate(block);
    const width = bits / 8;
    const out = [];
    for (let m = 0; m < count; ++m) {
      const step = (hi[m] - lo[m]) / (2 ** bits - 1);
      const base = m * cells * width;
      const values = new Float32Array(cells);
      for (let i = 0; i < cells; ++i) {
        const q = width === 2 ? (bytes[base + i] << 8) | bytes[base + cells + i] : bytes[base + i];
        values[i] = lo[m] + q * step;
      }
      out.push(values);
    }
    return out;
  }
  const blockCache = new Map();
  // The matrices of one layer entry of a view: an array (one per head, or one) of Float32Arrays.
  // A view's scaled heads are built from raw attention of the same layer, key columns scaled.
  function entry(model, view, layer) {
    const key = `${data.models.indexOf(model)}/${view.name}/${layer}`;
    if (!blockCache.has(key)) {
      const scaled = view.scaled_heads || 0;
      const count = (view.head_labels.length || 1) - scaled;
      const cells = view.rows * view.cols;
      const at = (list) => list.slice(layer * count, (layer + 1) * count);
      const stored = unpack(view.blocks[layer], at(view.lo), at(view.hi), view.bits, count, cells);
      blockCache.set(key, !scaled ? stored : (async () => {
        const s = view.scales;
        const [scales] = await unpack(s.blocks[layer], [s.lo[layer]], [s.hi[layer]], 16, 1, scaled * view.cols);
        const attention = await entry(model, viewOf(model, "matrix"), layer);
        const heads = attention.slice(0, scaled).map((a, h) => {
          const m = new Float32Array(cells);
          for (let i = 0; i < cells; ++i) m[i] = a[i] * scales[h * view.cols + (i % view.cols)];
          return m;
        });
        return [...heads, ...(await stored)];
      })());
    }
    return blockCache.get(key);
  }

  // --- state ----------------------------------------------------------------------------------
  const state = {
    tab: TABS.includes(data.initial.tab) ? data.initial.tab : "head",
    model: 0,          // index, or "both" (two models, matrix view side by side)
    view: data.initial.view,
    layer: data.initial.layer,
    head: data.initial.head,
    score: 0,          // the highlighted row of the token scores
    words: false,
    special: true,     // special tokens shown
    rows: "all", cols: "all",  // sentence-pair filter: all, a, b
    hidden: new Set(), // heads hidden in the head view
    hover: null,       // head view: {side: "left"|"right", index}
    sort: { column: null, descending: true },
  };
  const models = data.models;
  const current = () => models[state.model === "both" ? 0 : state.model];
  const viewOf = (model, name) => model.views.find((v) => v.name === name) || model.views[0];
  const isPair = () => models.some((m) => m.segment.some((s) => s === 1));

  function clampState() {
    if (state.model !== "both") state.model = Math.max(0, Math.min(models.length - 1, Number(state.model) || 0));
    if (state.model === "both" && models.length < 2) state.model = 0;
    const model = current();
    const scoreIndex = model.scores.findIndex((s) => s.name === state.view);
    // A token-score method named as the view (--view ig) opens the scores; one that is also a
    // matrix view (rollout) is that view.
    if (scoreIndex >= 0 && !model.views.some((v) => v.name === state.view)) { state.score = scoreIndex; state.tab = "scores"; state.view = model.views[0].name; }
    const view = viewOf(model, state.view);
    state.view = view.name;
    const entries = view.layer_labels.length;
    if (!Number.isInteger(state.layer)) state.layer = -1;
    if (state.layer < 0) state.layer = Math.max(0, entries + state.layer);
    state.layer = Math.min(state.layer, entries - 1);
    const heads = view.head_labels.length;
    if (!Number.isInteger(state.head)) state.head = view.reductions ? MEAN : 0;
    if (heads === 0) state.head = 0;
    else if (state.head < 0 && !view.reductions) state.head = heads - 1;
    else if (state.head < MAX) state.head = MEAN;
    else if (state.head >= heads) state.head = heads - 1;
    state.score = Math.max(0, Math.min(model.scores.length - 1, state.score | 0));
    if (!TABS.includes(state.tab)) state.tab = "head";
    if (state.tab === "scores" && model.scores.length === 0) state.tab = "matrix";
    if (!["all", "a", "b"].includes(state.rows)) state.rows = "all";
    if (!["all", "a", "b"].includes(state.cols)) state.cols = "all";
  }

  function writeHash() {
    const p = new URLSearchParams();
    p.set("tab", state.tab);
    p.set("view", state.view);
    p.set("layer", state.layer);
    p.set("head", state.head);
    if (models.length > 1) p.set("model", state.model);
    if (state.tab === "scores") p.set("score", current().scores[state.score]?.name ?? "");
    if (state.words) p.set("words", "1");
    if (!state.special) p.set("special", "0");
    if (state.rows !== "all") p.set("rows", state.rows);
    if (state.cols !== "all") p.set("cols", state.cols);
    if (state.hidden.size) p.set("hidden", [...state.hidden].sort((a, b) => a - b).join(","));
    if (state.sort.column) p.set("sort", `${state.sort.column}.${state.sort.descending ? "desc" : "asc"}`);
    const hash = "#" + p.toString();
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    if (![...p.keys()].length) return false;
    const int = (k, fallback) => (p.has(k) && /^-?\d+$/.test(p.get(k)) ? parseInt(p.get(k), 10) : fallback);
    if (p.has("tab")) state.tab = p.get("tab");
    if (p.has("model")) state.model = p.get("model") === "both" ? "both" : int("model", 0);
    clampState();
    if (p.has("view")) state.view = p.get("view");
    state.layer = int("layer", state.layer);
    state.head = int("head", state.head);
    if (p.has("score")) {
      const i = current().scores.findIndex((s) => s.name === p.get("score"));
      if (i >= 0) state.score = i;
    }
    state.words = p.get("words") === "1";
    state.special = p.get("special") !== "0";
    state.rows = p.get("rows") || "all";
    state.cols = p.get("cols") || "all";
    state.hidden = new Set((p.get("hidden") || "").split(",").filter((s) => /^\d+$/.test(s)).map(Number));
    const sort = /^(\w+)\.(asc|desc)$/.exec(p.get("sort") || "");
    state.sort = sort ? { column: sort[1], descending: sort[2] === "desc" } : { column: null, descending: true };
    clampState();
    return true;
  }

  // --- what a matrix shows: tokens or words, filtered ---------------------------------------
  // The axis units of a model: tokens, or word groups (pieces merged), each with its label, its
  // token indices, whether it is special and its segment.
  function units(model) {
    if (!state.words) return model.tokens.map((label, i) => ({ label, tokens: [i], special: !!model.special[i], segment: model.segment[i] }));
    const groups = [];
    model.word.forEach((g, i) => {
      if (!groups[g]) groups[g] = { label: model.word_labels[g], tokens: [], special: !!model.special[i], segment: model.segment[i] };
      groups[g].tokens.push(i);
    });
    return groups.filter(Boolean);
  }
  function keep(unit, filter) {
    if (!state.special && unit.special) return false;
    if (filter === "a") return unit.segment === 0;
    if (filter === "b") return unit.segment === 1;
    return true;
  }
  // The matrix `values` (rows × cols of tokens) on the units shown: key columns summed and query
  // rows averaged over a word's pieces (as `--merge-subwords`), hidden units left out.
  function project(model, view, values) {
    const all = view.rows === model.tokens.length ? units(model) : null;
    if (!all) return { rows: [], cols: [], values: new Float32Array(0) };  // not on token axes
    const rows = all.filter((u) => keep(u, state.rows));
    const cols = all.filter((u) => keep(u, state.cols));
    const out = new Float32Array(rows.length * cols.length);
    rows.forEach((r, ri) => {
      cols.forEach((c, ci) => {
        let sum = 0;
        for (const i of r.tokens) for (const j of c.tokens) sum += values[i * view.cols + j];
        out[ri * cols.length + ci] = sum / r.tokens.length;
      });
    });
    return { rows, cols, values: out };
  }
  // One layer entry's matrix for the head chosen (or the mean / max over heads).
  function reduce(view, matrices, head) {
    if (!view.head_labels.length) return matrices[0];
    if (head >= 0) return matrices[head];
    const out = new Float32Array(matrices[0].length);
    if (head === MEAN) {
      for (const m of matrices) for (let i = 0; i < out.length; ++i) out[i] += m[i];
      for (let i = 0; i < out.length; ++i) out[i] /= matrices.length;
    } else {
      out.fill(-Infinity);
      for (const m of matrices) for (let i = 0; i < out.length; ++i) out[i] = Math.max(out[i], m[i]);
    }
    return out;
  }
  function headText(view, head) {
    if (!view.head_labels.length) return "";
    if (head === MEAN) return `mean over ${view.head_labels.length} heads`;
    if (head === MAX) return `max over ${view.head_labels.length} heads`;
    return view.head_labels[head];
  }
  function range(values) {
    let lo = Infinity, hi = -Infinity;
    for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
    if (!(hi > lo)) { hi = lo + 1; }
    return [lo, hi];
  }

  // --- the page's skeleton --------------------------------------------------------------------
  const root = make("div", { class: "explorer" });
  document.body.appendChild(root);
  const header = make("header");
  const controls = make("nav", { class: "controls", "aria-label": "view controls" });
  const tabs = make("div", { class: "tabs", role: "tablist" });
  const stage = make("section", { class: "stage" });
  const canvas = make("canvas", { id: "view-canvas" });
  const caption = make("p", { class: "caption", id: "view-caption" });
  const legend = make("div", { class: "legend", id: "head-legend" });
  const notes = make("ul", { class: "notes" });
  const aside = make("aside");
  const tooltip = make("div", { id: "tooltip", role: "status" });
  const command = make("input", { id: "command", readOnly: true, type: "text", "aria-label": "command line" });
  stage.append(legend, canvas, caption);
  root.append(header, tabs, controls, make("div", { class: "body" }), tooltip);
  root.querySelector(".body").append(stage, aside);

  function buildHeader() {
    const title = make("h1");
    title.append(make("span", { class: "model-name" }, models.map((m) => m.name).join(" vs ")));
    header.append(title);
    const text = make("p", { class: "text", id: "text" }, data.text);
    header.append(text);
    if (data.pair) header.append(make("p", { class: "text pair", id: "pair" }, data.pair));
    models.forEach((m, index) => {
      if (!m.classes.length) return;
      const box = make("div", { class: "prediction", "data-model": String(index) });
      box.append(make("strong", null, (models.length > 1 ? m.name + ": " : "") + m.classes[m.predicted]),
                 make("span", null, ` p = ${m.probabilities[m.predicted].toFixed(3)}`));
      if (m.gold !== null && m.gold !== undefined) box.append(make("span", { class: m.gold === m.predicted ? "gold right" : "gold wrong" }, ` gold: ${m.classes[m.gold]}`));
      const table = make("table", { class: "probabilities" });
      m.classes.forEach((c, k) => {
        const row = table.insertRow();
        row.insertCell().textContent = c;
        const bar = make("span", { class: "bar" });
        bar.style.width = `${Math.round(m.probabilities[k] * 100)}%`;
        row.insertCell().append(bar);
        row.insertCell().textContent = m.probabilities[k].toFixed(4);
      });
      box.append(table);
      header.append(box);
    });
    for (const m of models) for (const n of m.notes) notes.append(make("li", null, (models.length > 1 ? m.name + ": " : "") + n));
    if (notes.children.length) header.append(notes);
  }

  function buildTabs() {
    for (const t of TABS) {
      const b = make("button", { type: "button", role: "tab", "data-tab": t }, TAB_TITLES[t]);
      b.addEventListener("click", () => { state.tab = t; update(); });
      tabs.append(b);
    }
  }

  const selects = {};
  function labelled(text, element) {
    const l = make("label", null, text + " ");
    l.append(element);
    return l;
  }
  function buildControls() {
    selects.model = make("select", { id: "model-select" });
    selects.view = make("select", { id: "view-select" });
    selects.layer = make("select", { id: "layer-select" });
    selects.head = make("select", { id: "head-select" });
    selects.rows = make("select", { id: "rows-select" });
    selects.cols = make("select", { id: "cols-select" });
    selects.words = make("input", { id: "words-toggle", type: "checkbox" });
    selects.special = make("input", { id: "special-toggle", type: "checkbox" });
    if (models.length > 1) {
      models.forEach((m, i) => selects.model.append(make("option", { value: String(i) }, m.name)));
      selects.model.append(make("option", { value: "both" }, "both, side by side"));
      controls.append(labelled("model", selects.model));
    }
    controls.append(labelled("method", selects.view), labelled("layer", selects.layer), labelled("head", selects.head));
    if (isPair()) {
      for (const s of [selects.rows, selects.cols])
        for (const [v, t] of [["all", "both texts"], ["a", "text A"], ["b", "text B"]]) s.append(make("option", { value: v }, t));
      controls.append(labelled("queries", selects.rows), labelled("keys", selects.cols));
    }
    controls.append(labelled("words", selects.words), labelled("special tokens", selects.special));
    const svg = make("button", { type: "button", id: "export-svg" }, "SVG");
    const png = make("button", { type: "button", id: "export-png" }, "PNG");
    svg.addEventListener("click", () => download(exportSvg(), "image/svg+xml", "svg"));
    png.addEventListener("click", () => canvas.toBlob((blob) => download(blob, "image/png", "png"), "image/png"));
    const exports = make("span", { class: "exports" }, "export ");
    exports.append(svg, png);
    const print = labelled("print it with", command);
    print.className = "command";
    controls.append(exports, print);
    selects.model.addEventListener("change", () => { state.model = selects.model.value === "both" ? "both" : Number(selects.model.value); update(); });
    selects.view.addEventListener("change", () => {
      const v = selects.view.value;
      if (v.startsWith("score:")) { state.tab = "scores"; state.score = Number(v.slice(6)); }
      else { state.view = v; if (state.tab === "scores") state.tab = "matrix"; }
      update();
    });
    selects.layer.addEventListener("change", () => { state.layer = Number(selects.layer.value); update(); });
    selects.head.addEventListener("change", () => { state.head = Number(selects.head.value); update(); });
    selects.rows.addEventListener("change", () => { state.rows = selects.rows.value; update(); });
    selects.cols.addEventListener("change", () => { state.cols = selects.cols.value; update(); });
    selects.words.addEventListener("change", () => { state.words = selects.words.checked; update(); });
    selects.special.addEventListener("change", () => { state.special = selects.special.checked; update(); });
  }

  function fillSelect(select, options, value) {
    select.replaceChildren(...options.map(([v, t, group]) => {
      const o = make("option", { value: String(v) }, t);
      if (group) o.dataset.group = group;
      return o;
    }));
    select.value = String(value);
  }
  function syncControls() {
    const model = current();
    const view = viewOf(model, state.view);
    if (models.length > 1) selects.model.value = String(state.model);
    // The method switcher: the matrix views, then the token scores, in two groups.
    const groups = [["attention views", model.views.map((v) => [v.name, v.title])],
                    ["token scores", model.scores.map((s, i) => [`score:${i}`, s.name])]];
    selects.view.replaceChildren(...groups.filter(([, o]) => o.length).map(([label, options]) => {
      const g = make("optgroup", { label });
      for (const [v, t] of options) g.append(make("option", { value: v }, t));
      return g;
    }));
    selects.view.value = state.tab === "scores" ? `score:${state.score}` : view.name;
    fillSelect(selects.layer, view.layer_labels.map((l, i) => [i, l]), state.layer);
    const heads = view.head_labels.map((h, i) => [i, h]);
    if (view.reductions) heads.unshift([MEAN, "mean"], [MAX, "max"]);
    fillSelect(selects.head, heads.length ? heads : [[0, "\u2014"]], state.head);
    selects.head.disabled = !view.head_labels.length || state.tab === "model" || state.tab === "scores";
    selects.layer.disabled = state.tab === "model" || state.tab === "scores";
    selects.rows.value = state.rows;
    selects.cols.value = state.cols;
    selects.words.checked = state.words;
    selects.special.checked = state.special;
    for (const b of tabs.children) b.setAttribute("aria-selected", String(b.dataset.tab === state.tab));
    command.value = commandLine();
  }

  // The `attnmap` command that prints what the page shows (as close as a static figure gets).
  function commandLine() {
    const model = current();
    const view = viewOf(model, state.view);
    const args = ["attnmap"];
    const scores = state.tab === "scores";
    args.push(scores ? "saliency" : "render");
    if (model.model_option) args.push("--model", model.model_option);
    if (models.length > 1 && !scores && state.model === "both" && models[1].model_option) args.push("--compare", models[1].model_option);
    args.push("--text", data.text);
    if (data.pair) args.push("--pair", data.pair);
    if (scores) {
      args.push("--method", model.scores.map((s) => s.name).join(","));
      args.push("-o", "scores.png");
      return args.map(shellQuote).join(" ");
    }
    if (state.tab === "model" && view.name === "matrix") args.push("--view", "grid");
    else if (state.tab === "head" && view.name === "matrix") args.push("--view", "heads", "--layer", view.layer_options[state.layer]);
    else {
      args.push("--view", view.name, "--layer", view.layer_options[state.layer]);
      if (view.head_labels.length) args.push("--head", state.head === MEAN ? "mean" : state.head === MAX ? "max" : view.head_options[state.head]);
      if (state.words) args.push("--merge-subwords");
      if (!state.special) args.push("--hide-special");
    }
    args.push("-o", `${view.name}.png`);
    return args.map(shellQuote).join(" ");
  }

  // --- canvas ---------------------------------------------------------------------------------
  let ctx = null;
  let hit = null;  // what a point of the canvas shows: (x, y) -> {text} | null; set by each drawing
  let svgParts = null;  // the drawing as SVG elements (or functions that build them on export), beside the canvas calls
  function setup(width, height) {
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.ceil(width * dpr);
    canvas.height = Math.ceil(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = FONT;
    ctx.textBaseline = "middle";
    svgParts = { width, height, items: [] };
  }
  const svgRect = (x, y, w, h, fill, extra = "") => svgParts.items.push(`<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${w.toFixed(2)}" height="${h.toFixed(2)}" fill="${fill}"${extra}/>`);
  const svgText = (x, y, text, anchor = "start", extra = "") => svgParts.items.push(`<text x="${x.toFixed(2)}" y="${y.toFixed(2)}" text-anchor="${anchor}" dominant-baseline="middle"${extra}>${xml(text)}</text>`);
  function text(x, y, s, align = "left", color = "#222", rotate = 0) {
    ctx.save();
    ctx.fillStyle = color;
    ctx.textAlign = align;
    ctx.translate(x, y);
    if (rotate) ctx.rotate(rotate);
    ctx.fillText(s, 0, 0);
    ctx.restore();
    const anchor = align === "right" ? "end" : align === "center" ? "middle" : "start";
    svgText(x, y, s, anchor, `${color !== "#222" ? ` fill="${color}"` : ""}${rotate ? ` transform="rotate(${(rotate * 180) / Math.PI} ${x.toFixed(2)} ${y.toFixed(2)})"` : ""}`);
  }
  const labelWidth = (labels) => Math.min(220, Math.max(20, ...labels.map((l) => ctx.measureText(l).width)) + 8);
  const available = () => Math.max(320, stage.clientWidth - 8);

  // A heatmap of `shown` at (x0, y0) with cells of `cell` px, on the scale [lo, hi]; returns its size.
  function heatmap(x0, y0, shown, cell, lo, hi, title, valueCaption) {
    const rowW = labelWidth(shown.rows.map((u) => u.label));
    const colH = labelWidth(shown.cols.map((u) => u.label));
    const top = y0 + 20 + colH, left = x0 + rowW;
    const nr = shown.rows.length, nc = shown.cols.length;
    text(x0, y0 + 8, title, "left", "#222");
    // Cells as one image (a canvas fillRect per cell takes seconds at 512 tokens), and in the SVG
    // as rectangles, built only when it is exported.
    const image = ctx.createImageData(nc, nr);
    for (let i = 0; i < nr * nc; ++i) {
      const color = colorAt(SEQUENTIAL, (shown.values[i] - lo) / (hi - lo));
      image.data.set(color, i * 4);
      image.data[i * 4 + 3] = 255;
    }
    const cells = make("canvas", { width: nc, height: nr });
    cells.getContext("2d").putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(cells, left, top, nc * cell, nr * cell);
    svgParts.items.push(() => {
      const rects = [];
      for (let r = 0; r < nr; ++r)
        for (let c = 0; c < nc; ++c) {
          const color = colorAt(SEQUENTIAL, (shown.values[r * nc + c] - lo) / (hi - lo));
          rects.push(`<rect x="${(left + c * cell).toFixed(2)}" y="${(top + r * cell).toFixed(2)}" width="${cell}" height="${cell}" fill="${rgb(color)}"/>`);
        }
      return rects.join("\n");
    });
    if (cell >= 30)
      for (let r = 0; r < nr; ++r)
        for (let c = 0; c < nc; ++c) {
          const v = shown.values[r * nc + c];
          text(left + (c + 0.5) * cell, top + (r + 0.5) * cell, v.toFixed(2), "center", luminance(colorAt(SEQUENTIAL, (v - lo) / (hi - lo))) < 0.4 ? "#fff" : "#222");
        }
    const every = Math.max(1, Math.ceil(11 / cell));
    ctx.font = cell >= 12 ? FONT : FONT.replace("12px", "9px");
    for (let r = 0; r < nr; r += every) text(left - 4, top + (r + 0.5) * cell, shown.rows[r].label, "right");
    for (let c = 0; c < nc; c += every) text(left + (c + 0.5) * cell, top - 4, shown.cols[c].label, "left", "#222", -Math.PI / 2);
    ctx.font = FONT;
    const bottom = top + nr * cell;
    text(left, bottom + 14, `rows: query (attending from) \u00b7 columns: key (attended to) \u00b7 ${valueCaption}`, "left", "#555");
    return { left, top, width: rowW + nc * cell, height: bottom + 24 - y0, cells: { left, top, cell, nr, nc } };
  }
  function colorbar(x, y, height, lo, hi, colors, bits = 16) {
    for (let i = 0; i < height; ++i) {
      const c = colorAt(colors, 1 - i / (height - 1));
      ctx.fillStyle = rgb(c);
      ctx.fillRect(x, y + i, 14, 1.5);
    }
    const steps = 24;
    for (let i = 0; i < steps; ++i) svgRect(x, y + (i * height) / steps, 14, height / steps + 0.5, rgb(colorAt(colors, 1 - i / (steps - 1))));
    text(x + 18, y + 4, format(hi, bits));
    text(x + 18, y + height - 4, format(lo, bits));
  }

  // --- the four tabs --------------------------------------------------------------------------
  async function drawMatrix() {
    const shownModels = state.model === "both" ? models : [current()];
    const parts = [];
    for (const model of shownModels) {
      const view = viewOf(model, state.view);
      const layer = Math.min(state.layer, view.layer_labels.length - 1);
      const head = view.head_labels.length ? Math.min(state.head, view.head_labels.length - 1) : 0;
      const matrices = await entry(model, view, layer);
      parts.push({ model, view, layer, head, shown: project(model, view, reduce(view, matrices, head)) });
    }
    let lo = Infinity, hi = -Infinity;
    for (const p of parts) { const [a, b] = range(p.shown.values); lo = Math.min(lo, a); hi = Math.max(hi, b); }
    const most = Math.max(...parts.map((p) => Math.max(p.shown.rows.length, p.shown.cols.length)), 1);
    const cell = Math.max(2, Math.min(36, Math.floor((available() / parts.length - 260) / most), Math.floor((window.innerHeight - 160) / most)));
    setup(available(), 60);
    const sizes = parts.map((p) => ({ w: labelWidth(p.shown.rows.map((u) => u.label)) + p.shown.cols.length * cell, h: 44 + labelWidth(p.shown.cols.map((u) => u.label)) + p.shown.rows.length * cell }));
    setup(sizes.reduce((s, z) => s + z.w + 40, 0) + 110, Math.max(...sizes.map((z) => z.h)) + 10);
    let x = 0;
    const areas = [];
    parts.forEach((p) => {
      const title = (state.model === "both" ? p.model.name + ": " : "") + `${p.view.title} \u00b7 ${p.view.layer_labels[p.layer]}` + (headText(p.view, p.head) ? ` \u00b7 ${headText(p.view, p.head)}` : "");
      const box = heatmap(x, 0, p.shown, cell, lo, hi, title, p.view.value);
      areas.push({ ...box.cells, shown: p.shown, model: p.model, bits: p.view.bits });
      x += box.width + 40;
    });
    colorbar(x, 40, Math.min(240, canvas.height / (window.devicePixelRatio || 1) - 60), lo, hi, SEQUENTIAL, Math.min(...parts.map((p) => p.view.bits)));
    hit = (px, py) => {
      for (const a of areas) {
        const c = Math.floor((px - a.left) / a.cell), r = Math.floor((py - a.top) / a.cell);
        if (c >= 0 && r >= 0 && c < a.nc && r < a.nr)
          return { text: `${a.shown.rows[r].label} \u2192 ${a.shown.cols[c].label}: ${format(a.shown.values[r * a.nc + c], a.bits)}`, row: r, col: c };
      }
      return null;
    };
    matrixAreas = areas;
    const v = parts[0].view;
    caption.textContent = `${v.title}: ${v.help}. Hover a cell for its value; the colour scale runs from ${format(lo, v.bits)} to ${format(hi, v.bits)}.`;
  }
  let matrixAreas = [];

  async function drawHeads() {
    const model = current();
    const view = viewOf(model, state.view);
    const matrices = await entry(model, view, state.layer);
    const count = view.head_labels.length || 1;
    const shown = matrices.map((m) => project(model, view, m));
    const rows = shown[0].rows, cols = shown[0].cols;
    const n = Math.max(rows.length, cols.length, 1);
    const step = Math.max(3, Math.min(20, Math.floor((window.innerHeight - 120) / n)));
    setup(10, 10);
    const leftW = labelWidth(rows.map((u) => u.label)), rightW = labelWidth(cols.map((u) => u.label));
    const gap = Math.max(160, Math.min(360, available() - leftW - rightW - 40));
    setup(leftW + gap + rightW + 20, n * step + 30);
    const y = (i) => 20 + (i + 0.5) * step;
    const xl = leftW, xr = leftW + gap;
    const hover = state.hover;
    // Lines: one path per head and opacity bucket, so thousands of lines are a few strokes.
    // Past MAX_LINES the faintest opacity buckets are left out (at 512 tokens a head has 262,144
    // pairs, most of them too faint to see, and stroking them all takes seconds).
    const BUCKETS = 32, MAX_LINES = 120000;
    const byHead = [], totals = new Array(BUCKETS).fill(0);
    for (let h = 0; h < count; ++h) {
      if (state.hidden.has(h) && count > 1) continue;
      const s = shown[h];
      const paths = Array.from({ length: BUCKETS }, () => []);
      for (let r = 0; r < rows.length; ++r) {
        if (hover && hover.side === "left" && hover.index !== r) continue;
        for (let c = 0; c < cols.length; ++c) {
          if (hover && hover.side === "right" && hover.index !== c) continue;
          const w = s.values[r * cols.length + c];
          if (!(w >= 1 / 255)) continue;  // invisible at this opacity
          const b = Math.min(BUCKETS - 1, Math.floor(Math.min(w, 1) * BUCKETS));
          paths[b].push(r, c);
          ++totals[b];
        }
      }
      byHead.push([h, paths]);
    }
    let faintest = 0, lines = totals.reduce((a, b) => a + b, 0);
    while (lines > MAX_LINES && faintest < BUCKETS - 1) lines -= totals[faintest++];
    const leftOut = totals.slice(0, faintest).reduce((a, b) => a + b, 0);
    for (const [h, paths] of byHead) {
      ctx.strokeStyle = count > 1 ? headColor(h, count) : "#1f5fa8";
      ctx.lineWidth = step >= 8 ? 2 : 1;
      paths.forEach((pairs, b) => {
        if (!pairs.length || b < faintest) return;
        const alpha = (b + 0.5) / BUCKETS;
        ctx.globalAlpha = alpha;
        ctx.beginPath();
        for (let k = 0; k < pairs.length; k += 2) {
          ctx.moveTo(xl + 4, y(pairs[k]));
          ctx.lineTo(xr - 4, y(pairs[k + 1]));
        }
        ctx.stroke();
        const stroke = ctx.strokeStyle, width = ctx.lineWidth;
        svgParts.items.push(() => {
          const d = [];
          for (let k = 0; k < pairs.length; k += 2) d.push(`M${(xl + 4).toFixed(1)} ${y(pairs[k]).toFixed(1)}L${(xr - 4).toFixed(1)} ${y(pairs[k + 1]).toFixed(1)}`);
          return `<path d="${d.join("")}" stroke="${stroke}" stroke-opacity="${alpha.toFixed(3)}" stroke-width="${width}" fill="none"/>`;
        });
      });
      ctx.globalAlpha = 1;
    }
    const small = step < 10;
    ctx.font = small ? FONT.replace("12px", `${Math.max(6, step - 1)}px`) : FONT;
    const every = step >= 6 ? 1 : Math.ceil(6 / step);
    rows.forEach((u, i) => { if (i % every === 0 || (hover && hover.side === "left" && hover.index === i)) text(xl - 4, y(i), u.label, "right", hover && hover.side === "left" && hover.index === i ? "#c0392b" : "#222"); });
    cols.forEach((u, i) => { if (i % every === 0 || (hover && hover.side === "right" && hover.index === i)) text(xr + 4, y(i), u.label, "left", hover && hover.side === "right" && hover.index === i ? "#c0392b" : "#222"); });
    ctx.font = FONT;
    text(4, 8, "from (query)", "left", "#555");
    text(xr + 4, 8, "to (key)", "left", "#555");
    headGeometry = { xl, xr, leftW, rightW, step, rows: rows.length, cols: cols.length, y };
    hit = (px, py) => {
      const i = Math.floor((py - 20) / step);
      if (px < xl && i >= 0 && i < rows.length) return { side: "left", index: i, text: `${rows[i].label}: its lines` };
      if (px > xr && i >= 0 && i < cols.length) return { side: "right", index: i, text: `${cols[i].label}: the lines into it` };
      return null;
    };
    // The legend: one swatch per head; click toggles it, double-click shows it alone.
    legend.replaceChildren();
    if (count > 1) {
      for (let h = 0; h < count; ++h) {
        const b = make("button", { type: "button", class: "swatch", "data-head": String(h), title: `${view.head_labels[h]}: click to hide or show, double-click to show it alone`, "aria-pressed": String(!state.hidden.has(h)) }, String(h));
        b.style.setProperty("--head-color", headColor(h, count));
        b.addEventListener("click", () => { state.hidden.has(h) ? state.hidden.delete(h) : state.hidden.add(h); update(); });
        b.addEventListener("dblclick", () => { state.hidden = new Set([...Array(count).keys()].filter((k) => k !== h)); update(); });
        legend.append(b);
      }
    }
    caption.textContent = `${view.title} \u00b7 ${view.layer_labels[state.layer]}: a line from each query to each key, as opaque as its weight` +
      (count > 1 ? `, one colour per head (${count - state.hidden.size} of ${count} shown).` : ".") + " Hover a token to see only its lines." +
      (leftOut ? ` The ${leftOut.toLocaleString("en")} faintest lines (weight below ${(faintest / BUCKETS).toFixed(3)}) are left out; hide heads or hover a token to see them.` : "");
  }
  let headGeometry = null;

  async function drawModel() {
    const model = current();
    const view = viewOf(model, state.view);
    const entries = view.layer_labels.length, count = view.head_labels.length || 1;
    const all = [];
    for (let l = 0; l < entries; ++l) all.push((await entry(model, view, l)).map((m) => project(model, view, m)));
    let lo = Infinity, hi = -Infinity;
    for (const layer of all) for (const s of layer) { const [a, b] = range(s.values); lo = Math.min(lo, a); hi = Math.max(hi, b); }
    setup(10, 10);
    const labelW = labelWidth(view.layer_labels);
    const size = Math.max(24, Math.min(120, Math.floor((available() - labelW - 80) / count) - 6));
    setup(labelW + count * (size + 6) + 110, 24 + entries * (size + 6) + 10);
    const image = ctx.createImageData(size, size);
    for (let l = 0; l < entries; ++l) {
      text(labelW - 6, 24 + l * (size + 6) + size / 2, view.layer_labels[l], "right");
      for (let h = 0; h < count; ++h) {
        const s = all[l][h];
        const nr = s.rows.length, nc = s.cols.length;
        // Each pixel shows the largest weight of the cells it covers (a sharp head stays visible).
        for (let py = 0; py < size; ++py)
          for (let px = 0; px < size; ++px) {
            const r0 = Math.floor((py * nr) / size), r1 = Math.max(r0 + 1, Math.floor(((py + 1) * nr) / size));
            const c0 = Math.floor((px * nc) / size), c1 = Math.max(c0 + 1, Math.floor(((px + 1) * nc) / size));
            let v = -Infinity;
            for (let r = r0; r < r1; ++r) for (let c = c0; c < c1; ++c) v = Math.max(v, s.values[r * nc + c]);
            const color = colorAt(SEQUENTIAL, (v - lo) / (hi - lo));
            const o = (py * size + px) * 4;
            image.data[o] = color[0]; image.data[o + 1] = color[1]; image.data[o + 2] = color[2]; image.data[o + 3] = 255;
          }
        const x = labelW + h * (size + 6), y = 24 + l * (size + 6);
        const tile = make("canvas", { width: size, height: size });
        tile.getContext("2d").putImageData(image, 0, 0);
        ctx.drawImage(tile, x, y, size, size);
        svgParts.items.push(() => `<image x="${x}" y="${y}" width="${size}" height="${size}" href="${tile.toDataURL("image/png")}"/>`);
      }
    }
    if (count > 1) for (let h = 0; h < count; ++h) text(labelW + h * (size + 6) + size / 2, 12, `head ${h}`, "center", "#555");
    colorbar(labelW + count * (size + 6) + 10, 24, Math.min(240, entries * (size + 6) - 6), lo, hi, SEQUENTIAL, view.bits);
    modelGeometry = { labelW, size, entries, count };
    hit = (px, py) => {
      const h = Math.floor((px - labelW) / (size + 6)), l = Math.floor((py - 24) / (size + 6));
      if (h >= 0 && l >= 0 && h < count && l < entries) return { layer: l, head: h, text: `${view.layer_labels[l]}${count > 1 ? " \u00b7 " + view.head_labels[h] : ""}: click to open it` };
      return null;
    };
    caption.textContent = `${view.title}: every ${count > 1 ? "layer and head" : "layer entry"} on one colour scale (${format(lo, view.bits)} to ${format(hi, view.bits)}; each pixel the largest weight it covers). Click one to open it large.`;
  }
  let modelGeometry = null;

  function drawScores() {
    const model = current();
    const all = units(model).filter((u) => keep(u, "all"));
    const methods = model.scores;
    setup(10, 10);
    const labelW = labelWidth(methods.map((s) => s.name));
    const cell = Math.max(14, Math.min(64, Math.floor((available() - labelW - 100) / Math.max(all.length, 1))));
    const colH = labelWidth(all.map((u) => u.label));
    setup(labelW + all.length * cell + 100, 30 + colH + methods.length * 26 + 30);
    const top = 10 + colH;
    ctx.font = cell >= 12 ? FONT : FONT.replace("12px", "9px");
    all.forEach((u, c) => text(labelW + (c + 0.5) * cell, top - 4, u.label, "left", "#222", -Math.PI / 2));
    ctx.font = FONT;
    const rowsShown = [];
    methods.forEach((s, r) => {
      const values = all.map((u) => u.tokens.reduce((sum, i) => sum + s.values[i], 0));  // a word's pieces summed
      const scale = Math.max(...values.map(Math.abs)) || 1;
      const y = top + r * 26;
      text(labelW - 6, y + 11, s.name, "right", r === state.score ? "#c0392b" : "#222");
      values.forEach((v, c) => {
        const color = colorAt(DIVERGING, 0.5 + v / scale / 2);
        ctx.fillStyle = rgb(color);
        ctx.fillRect(labelW + c * cell, y, cell - 1, 22);
        svgRect(labelW + c * cell, y, cell - 1, 22, rgb(color));
      });
      if (r === state.score) { ctx.strokeStyle = "#c0392b"; ctx.lineWidth = 2; ctx.strokeRect(labelW - 1, y - 1, all.length * cell + 1, 24); }
      rowsShown.push(values);
    });
    text(labelW, top + methods.length * 26 + 12, "each row divided by its largest |score|; a word's score is the sum of its pieces'", "left", "#555");
    scoreGeometry = { labelW, top, cell, count: all.length };
    hit = (px, py) => {
      const c = Math.floor((px - labelW) / cell), r = Math.floor((py - top) / 26);
      if (c >= 0 && r >= 0 && c < all.length && r < methods.length)
        return { text: `${methods[r].name} \u00b7 ${all[c].label}: ${format(rowsShown[r][c])}`, score: r };
      return null;
    };
    const s = methods[state.score];
    caption.textContent = `${s.name}: ${s.help}` + (s.target !== null && model.classes.length ? ` (explains ${model.classes[s.target]})` : "") + ".";
    legend.replaceChildren();
  }
  let scoreGeometry = null;

  // --- the per-head table ---------------------------------------------------------------------
  function headTable() {
    const model = current();
    const columns = model.head_stats.columns;
    const first = model.special[0] ? model.tokens[0] : "first";
    const specials = [...new Set(model.tokens.filter((t, i) => model.special[i] && i > 0))].join(" ") || "special";
    const titles = { entropy: "entropy (bits)", first: `\u2192 ${first}`, special: `\u2192 ${specials}`, distance: "mean distance", max: "max weight", importance: "importance" };
    const rows = [];
    for (let l = 0; l < model.layers; ++l)
      for (let h = 0; h < model.heads; ++h) {
        const k = l * model.heads + h;
        const values = columns.map((c, j) => model.head_stats.values[k * columns.length + j]);
        if (model.head_importance.length) values.push(model.head_importance[k]);
        rows.push({ l, h, values });
      }
    const all = model.head_importance.length ? [...columns, "importance"] : columns;
    if (state.sort.column !== null) {
      const j = all.indexOf(state.sort.column), sign = state.sort.descending ? -1 : 1;
      if (j >= 0) rows.sort((a, b) => sign * (a.values[j] - b.values[j]) || a.l - b.l || a.h - b.h);
    }
    const table = make("table", { class: "heads", id: "head-table" });
    const head = table.createTHead().insertRow();
    for (const [key, title] of [["layer", "layer"], ["head", "head"], ...all.map((c) => [c, titles[c] || c])]) {
      const th = make("th", { scope: "col", "data-column": key }, title);
      if (key === state.sort.column) th.setAttribute("aria-sort", state.sort.descending ? "descending" : "ascending");
      if (key !== "layer" && key !== "head") th.addEventListener("click", () => {
        state.sort = { column: key, descending: state.sort.column === key ? !state.sort.descending : true };
        writeHash();
        renderAside();
      });
      head.append(th);
    }
    const body = table.createTBody();
    const attention = viewOf(model, "matrix");
    const selected = state.view === "matrix" && attention === viewOf(model, state.view);
    for (const r of rows) {
      const tr = body.insertRow();
      tr.dataset.layer = r.l;
      tr.dataset.head = r.h;
      if (selected && r.l === state.layer && r.h === state.head) tr.className = "selected";
      tr.insertCell().textContent = r.l;
      tr.insertCell().textContent = r.h;
      for (const v of r.values) tr.insertCell().textContent = v.toFixed(3);
      tr.addEventListener("click", () => {
        state.view = "matrix"; state.layer = r.l; state.head = r.h;
        if (state.tab === "model" || state.tab === "scores") state.tab = "matrix";
        update();
      });
    }
    return table;
  }
  function renderAside() {
    const note = make("p", { class: "small" }, "Per head of the raw attention, averaged over queries; click a column to sort, a row to open the head.");
    aside.replaceChildren(make("h2", null, "Heads"), note, headTable());
  }

  // --- export ---------------------------------------------------------------------------------
  function exportSvg() {
    const { width, height, items } = svgParts;
    const body = items.map((item) => (typeof item === "function" ? item() : item)).join("\n");
    return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="#fff"/>\n${body}\n</svg>\n`;
  }
  function fileName(ext) {
    const view = state.tab === "scores" ? current().scores[state.score].name : state.view;
    return `attnmap-${state.tab}-${view}-${state.layer}${ext === "svg" || ext === "png" ? "." + ext : ""}`;
  }
  function download(content, type, ext) {
    if (!content) return;
    const blob = content instanceof Blob ? content : new Blob([content], { type });
    const a = make("a", { href: URL.createObjectURL(blob), download: fileName(ext) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  }

  // --- drawing and events ---------------------------------------------------------------------
  let drawing = Promise.resolve();
  let generation = 0;
  function update() {
    clampState();
    writeHash();
    syncControls();
    renderAside();
    const mine = ++generation;
    drawing = drawing.then(async () => {
      if (mine !== generation) return;  // a later update draws instead
      if (state.tab !== "head") legend.replaceChildren();
      hideTooltip();
      if (state.tab === "head") await drawHeads();
      else if (state.tab === "model") await drawModel();
      else if (state.tab === "matrix") await drawMatrix();
      else drawScores();
      canvas.dataset.tab = state.tab;
      document.body.dataset.drawn = String(Number(document.body.dataset.drawn || 0) + 1);
    }).catch((e) => { caption.textContent = `This view could not be drawn: ${e.message}`; throw e; });
    return drawing;
  }
  function hideTooltip() { tooltip.hidden = true; tooltip.textContent = ""; }
  const point = (event) => {
    const r = canvas.getBoundingClientRect();
    return [event.clientX - r.left, event.clientY - r.top];
  };
  canvas.addEventListener("mousemove", (event) => {
    if (!hit) return;
    const found = hit(...point(event));
    if (state.tab === "head") {
      const hover = found ? { side: found.side, index: found.index } : null;
      if (JSON.stringify(hover) !== JSON.stringify(state.hover)) { state.hover = hover; update(); }
    }
    if (!found) { hideTooltip(); return; }
    tooltip.hidden = false;
    tooltip.textContent = found.text;
    tooltip.style.left = `${event.pageX + 14}px`;
    tooltip.style.top = `${event.pageY + 14}px`;
  });
  canvas.addEventListener("mouseleave", () => {
    hideTooltip();
    if (state.hover) { state.hover = null; update(); }
  });
  canvas.addEventListener("click", (event) => {
    const found = hit && hit(...point(event));
    if (!found) return;
    if (state.tab === "model") { state.layer = found.layer; if (viewOf(current(), state.view).head_labels.length) state.head = found.head; state.tab = "matrix"; update(); }
    else if (state.tab === "scores") { state.score = found.score; update(); }
  });
  // Keyboard: left/right the head, up/down the layer, 1-4 the tabs, w words, s special tokens.
  document.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.altKey || event.ctrlKey || event.metaKey) return;
    const view = viewOf(current(), state.view);
    const heads = view.head_labels.length;
    const lowest = view.reductions ? MAX : 0;
    const keys = {
      ArrowLeft: () => { if (heads) state.head = state.head <= lowest ? heads - 1 : state.head - 1; },
      ArrowRight: () => { if (heads) state.head = state.head >= heads - 1 ? lowest : state.head + 1; },
      ArrowUp: () => { state.layer = Math.max(0, state.layer - 1); },
      ArrowDown: () => { state.layer = Math.min(view.layer_labels.length - 1, state.layer + 1); },
      w: () => { state.words = !state.words; },
      s: () => { state.special = !state.special; },
    };
    TABS.forEach((t, i) => { keys[String(i + 1)] = () => { state.tab = t; }; });
    if (!keys[event.key]) return;
    event.preventDefault();
    keys[event.key]();
    update();
  });
  window.addEventListener("hashchange", () => { if (readHash()) update(); });
  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(update, 100); });

  // What tests and scripts may read: the state, where things are drawn, and the drawing's promise.
  window.attnmapExplorer = {
    state,
    get ready() { return drawing; },
    cellCenter(r, c, part = 0) {
      const a = matrixAreas[part], box = canvas.getBoundingClientRect();
      return a ? [box.left + a.left + (c + 0.5) * a.cell, box.top + a.top + (r + 0.5) * a.cell] : null;
    },
    tokenCenter(side, i) {
      const g = headGeometry, box = canvas.getBoundingClientRect();
      return g ? [box.left + (side === "left" ? g.xl - 10 : g.xr + 10), box.top + g.y(i)] : null;
    },
    tileCenter(layer, head) {
      const g = modelGeometry, box = canvas.getBoundingClientRect();
      return g ? [box.left + g.labelW + head * (g.size + 6) + g.size / 2, box.top + 24 + layer * (g.size + 6) + g.size / 2] : null;
    },
    svg: () => exportSvg(),
  };

  buildHeader();
  buildTabs();
  buildControls();
  clampState();
  readHash();
  // Marked once the first drawing is on screen: after the frame that paints it.
  update()
    .then(() => new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0))))
    .then(() => {
      performance.mark("attnmap-first-paint");
      document.body.dataset.ready = "1";
    });
})();
