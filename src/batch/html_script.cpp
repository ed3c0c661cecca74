#include "batch/html_assets.h"

namespace attnmap::batch::html {

// Entries are built from the embedded data with createElement and textContent, never from HTML
// strings, so nothing in the data is parsed as markup. Only one page of them is in the document at
// a time: thousands of records would otherwise load thousands of images at once.
const char* const kReportJs = R"js(
"use strict";
(() => {
  const list = document.getElementById("entries");
  if (!list) return;  // nothing was selected
  const items = JSON.parse(document.getElementById("report-data").textContent).entries.map((entry) => ({
    entry,
    node: null,      // its <article>, made when first shown
    haystack: null,  // lower-cased id and text, made on the first search
  }));

  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };
  const orMissing = (value) => (value === null || value === "" ? "\u2014" : String(value));

  function probabilities(model) {
    const table = make("table", "probs");
    for (const [label, p] of model.probabilities) {
      const row = table.insertRow();
      if (label === model.predicted) row.className = "predicted";
      const bar = make("span");
      bar.style.width = `${100 * Math.min(1, Math.max(0, p || 0))}%`;
      row.append(make("th", null, label), make("td", "bar"), make("td", null, p === null ? "\u2014" : p.toFixed(3)));
      row.cells[0].scope = "row";
      row.cells[1].append(bar);
    }
    return table;
  }

  function verdict(model) {
    const section = make("section", "verdict");
    const title = make("h3");
    if (model.tag) title.append(make("span", "tag", model.tag), " ");
    title.append(`${model.model} \u2192 `, make("b", null, orMissing(model.predicted)));
    if (model.correct !== null) {
      const mark = make("span", model.correct ? "mark good" : "mark bad", model.correct ? " \u2713" : " \u2717");
      mark.title = model.correct ? "right" : "wrong";
      title.append(mark);
    }
    section.append(title, probabilities(model));
    return section;
  }

  function figures(entry) {
    const box = make("div", "figures");
    for (const [view, url] of entry.images) {
      const link = make("a");
      link.setAttribute("href", url);
      if (/\.html$/i.test(url)) {  // the explorer: a page of its own, not an image
        link.className = "page-link";
        link.textContent = `open the ${view} page`;
        const figure = make("figure", "page");
        figure.append(link, make("figcaption", null, "every layer, head, view and method, interactive"));
        box.append(figure);
        continue;
      }
      const image = make("img");
      image.loading = "eager";
      image.decoding = "async";
      image.alt = `${view} for ${entry.id}`;
      image.setAttribute("src", url);
      link.append(image);
      const figure = make("figure");
      figure.append(link, make("figcaption", null, view));
      box.append(figure);
    }
    return box;
  }

  function article(entry) {
    const node = make("article", "entry");
    node.dataset.line = entry.line === null ? "" : String(entry.line);
    const head = make("header", "entry-head");
    head.append(make("span", `badge ${entry.tone}`, entry.outcome_label), " ",
                make("h2", "entry-id", orMissing(entry.id)), " ",
                make("span", "entry-line", `line ${orMissing(entry.line)}`));
    const verdicts = make("div", "verdicts");
    const gold = make("p", "gold", "gold ");
    gold.append(make("b", null, entry.gold === null ? "none" : entry.gold));
    verdicts.append(gold, ...entry.models.map(verdict));
    node.append(head, make("p", "entry-text", entry.text), verdicts);
    if (entry.images.length) node.append(figures(entry));
    return node;
  }

  // Numbers ascending (direction 1) or descending (-1); missing ones last either way.
  const byNumber = (x, y, direction) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : direction * (x - y));
  const byLine = (a, b) => byNumber(a.entry.line, b.entry.line, 1);
  const collator = new Intl.Collator(undefined, { numeric: true });
  const orders = {
    "line": byLine,
    "id": (a, b) => collator.compare(a.entry.id, b.entry.id) || byLine(a, b),
    "confidence-asc": (a, b) => byNumber(a.entry.confidence, b.entry.confidence, 1) || byLine(a, b),
    "confidence-desc": (a, b) => byNumber(a.entry.confidence, b.entry.confidence, -1) || byLine(a, b),
  };

  const controls = document.getElementById("controls");
  const buttons = Array.from(document.querySelectorAll("#outcome-filter button"));
  const sort = document.getElementById("sort");
  const search = document.getElementById("search");
  const pageSize = document.getElementById("page-size");
  let outcome = null;  // show every outcome
  let sorted = items;
  let matching = items;
  let page = 0;

  const haystack = (item) => (item.haystack ??= `${item.entry.id}\n${item.entry.text}`.toLowerCase());

  function show() {
    const size = Number(pageSize.value) || 100;
    const pages = Math.max(1, Math.ceil(matching.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    const first = page * size;
    const shown = matching.slice(first, first + size);
    list.replaceChildren(...shown.map((item) => (item.node ??= article(item.entry))));
    let range = matching.length ? `${first + 1}\u2013${first + shown.length} of ${matching.length}` : "none";
    if (matching.length !== items.length) range += ` (of ${items.length})`;
    for (const element of document.querySelectorAll(".range")) element.textContent = range;
    for (const button of document.querySelectorAll("button.prev")) button.disabled = page === 0;
    for (const button of document.querySelectorAll("button.next")) button.disabled = page >= pages - 1;
    document.getElementById("no-match").hidden = matching.length !== 0;
    document.getElementById("bottom-pager").hidden = pages < 2;
  }

  function filter() {
    const query = search.value.trim().toLowerCase();
    matching = sorted.filter((item) => (outcome === null || item.entry.outcome === outcome) &&
                                       (query === "" || haystack(item).includes(query)));
    page = 0;
    show();
  }

  function reorder() {
    sorted = items.slice().sort(orders[sort.value] || byLine);
    filter();
  }

  function turn(step) {
    page += step;
    show();
    const top = list.getBoundingClientRect().top - controls.offsetHeight;
    if (top < 0) window.scrollBy(0, top);  // back to the first entry of the new page
  }

  for (const button of buttons) {
    button.addEventListener("click", () => {
      outcome = button.hasAttribute("data-all") ? null : button.dataset.outcome;
      for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
      filter();
    });
  }
  for (const button of document.querySelectorAll("button.prev")) button.addEventListener("click", () => turn(-1));
  for (const button of document.querySelectorAll("button.next")) button.addEventListener("click", () => turn(1));
  sort.addEventListener("change", reorder);
  search.addEventListener("input", filter);
  pageSize.addEventListener("change", () => { page = 0; show(); });
  // Records come in manifest order, which a parallel run need not keep; a reloaded page may also
  // come back with the fields as they were left.
  reorder();
  controls.hidden = false;
})();
)js";

}  // namespace attnmap::batch::html
