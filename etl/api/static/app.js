// news-etl search page: plain JS, no build step. Talks to GET /search (and GET /quotes for questions).
"use strict";
(function () {
  const FACETS = ["persons", "organizations", "locations", "events", "site", "section", "tags"];
  const LABELS = { persons: "People", organizations: "Organisations", locations: "Places", events: "Events",
                   site: "Source", section: "Section", tags: "Tags" };
  const DEFAULT_SIZE = 20;
  const $ = (id) => document.getElementById(id);
  const state = { q: "", from: "", to: "", sort: "relevance", page: 1, size: DEFAULT_SIZE, filters: {} };
  let seq = 0;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k === "style") e.style.cssText = v;  // CSSOM, allowed by the CSP (no inline style attributes)
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  // Highlights come from Elasticsearch with the "html" encoder: text is escaped and only
  // <mark> tags are added. Rebuild them as DOM nodes anyway (never trust innerHTML).
  function marked(html) {
    const frag = document.createDocumentFragment();
    const parts = String(html).split(/(<mark>|<\/mark>)/);
    let inMark = false;
    const tmp = document.createElement("textarea");
    for (const p of parts) {
      if (p === "<mark>") { inMark = true; continue; }
      if (p === "</mark>") { inMark = false; continue; }
      tmp.innerHTML = p;  // decode entities only (textarea content is not parsed as HTML)
      const text = document.createTextNode(tmp.value);
      frag.append(inMark ? el("mark", {}, text) : text);
    }
    return frag;
  }

  function safeUrl(u) { return /^https?:\/\//i.test(u || "") ? u : null; }

  function toParams(forApi) {
    const p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    if (state.from) p.set("from", state.from);
    if (state.to) p.set("to", state.to);
    if (state.sort !== "relevance") p.set("sort", state.sort);
    if (state.page > 1) p.set("page", String(state.page));
    if (state.size !== DEFAULT_SIZE) p.set("size", String(state.size));
    for (const [f, values] of Object.entries(state.filters)) for (const v of values) p.append("filter", f + ":" + v);
    if (forApi) { p.set("size", String(state.size)); for (const f of FACETS) p.append("facet", f); }
    return p;
  }

  function fromUrl() {
    const p = new URLSearchParams(location.search);
    state.q = p.get("q") || ""; state.from = p.get("from") || ""; state.to = p.get("to") || "";
    state.sort = p.get("sort") === "date" ? "date" : "relevance";
    state.page = Math.max(1, parseInt(p.get("page") || "1", 10) || 1);
    state.size = Math.min(100, Math.max(1, parseInt(p.get("size") || String(DEFAULT_SIZE), 10) || DEFAULT_SIZE));
    state.filters = {};
    for (const f of p.getAll("filter")) {
      const i = f.indexOf(":");
      if (i > 0) (state.filters[f.slice(0, i)] ||= []).push(f.slice(i + 1));
    }
    $("q").value = state.q; $("from").value = state.from; $("to").value = state.to; $("sort").value = state.sort;
  }

  function isSelected(f, v) {
    return (state.filters[f] || []).some((x) => x.toLowerCase() === String(v).toLowerCase());
  }

  function toggle(f, v) {
    const cur = state.filters[f] || [];
    state.filters[f] = isSelected(f, v) ? cur.filter((x) => x.toLowerCase() !== String(v).toLowerCase()) : cur.concat([v]);
    if (!state.filters[f].length) delete state.filters[f];
    state.page = 1;
    run();
  }

  async function run(push = true) {
    const my = ++seq;
    document.body.dataset.state = "loading";
    if (push) history.pushState(null, "", "?" + toParams(false).toString());
    $("status").className = ""; $("status").textContent = "Searching…";
    let data;
    try {
      const resp = await fetch("/search?" + toParams(true).toString(), { headers: { accept: "application/json" } });
      data = await resp.json();
      if (!resp.ok) throw new Error(data.error || ("HTTP " + resp.status));
    } catch (err) {
      if (my !== seq) return;
      $("status").className = "error"; $("status").textContent = "Error: " + err.message;
      document.body.dataset.state = "error";
      return;
    }
    if (my !== seq) return;  // a newer search is on its way
    render(data);
    renderQuotes(my);
    document.body.dataset.total = String(data.total);
    document.body.dataset.renders = String(1 + parseInt(document.body.dataset.renders || "0", 10));
    document.body.dataset.state = "ready";
  }

  function render(data) {
    const start = (state.page - 1) * state.size;
    $("status").textContent = data.total === 0 ? "No articles found." :
      `${data.total.toLocaleString()} articles — showing ${start + 1}–${start + data.hits.length}` +
      (data.took_ms != null ? ` (${data.took_ms} ms)` : "") +
      (data.relaxed ? " — no article has all the words; showing articles with some of them" : "");
    renderSelected(); renderFacets(data.facets); renderHistogram(data.histogram);
    renderResults(data.hits); renderPager(data.total); renderExport(data);
  }

  // "Export" link: every hit of the current search as CSV (GET /export: same query, filters, dates, sort;
  // any word when the page shows articles with only some of the words).
  function renderExport(data) {
    const p = toParams(false);
    p.delete("page"); p.delete("size");
    if (data.relaxed) p.set("match", "any");
    const link = $("export");
    link.href = "/export?" + p.toString();
    link.textContent = `Export ${data.total.toLocaleString()} as CSV`;
    link.hidden = data.total === 0;
  }

  function renderSelected() {
    const box = $("selected"); box.replaceChildren();
    for (const [f, values] of Object.entries(state.filters))
      for (const v of values)
        box.append(el("button", { type: "button", class: "active-filter", "data-facet": f, title: "Remove filter",
                                  onclick: () => toggle(f, v) }, `${LABELS[f] || f}: ${v} ✕`));
    if (state.from || state.to)
      box.append(el("button", { type: "button", class: "active-filter", onclick: () => {
        state.from = state.to = ""; $("from").value = $("to").value = ""; state.page = 1; run(); } },
        `Dates: ${state.from || "…"} – ${state.to || "…"} ✕`));
  }

  function renderFacets(facets) {
    const aside = $("facets"); aside.replaceChildren();
    for (const f of FACETS) {
      const values = (facets || {})[f] || [];
      if (!values.length) continue;
      const ul = el("ul");
      for (const item of values) {
        const id = `f-${f}-${item.value}`;
        ul.append(el("li", { class: (item.selected ? "sel " : "") + (item.count === 0 ? "zero" : ""),
                             "data-facet": f, "data-value": item.value, "data-count": String(item.count) },
          el("label", {},
            el("input", { type: "checkbox", checked: item.selected, "aria-label": id,
                          onchange: () => toggle(f, item.value) }),
            el("span", { class: "v", title: item.value, text: item.value }),
            el("span", { class: "c", text: item.count.toLocaleString() }))));
      }
      aside.append(el("section", { "data-facet": f }, el("h3", { text: LABELS[f] || f }), ul));
    }
  }

  function renderHistogram(buckets) {
    const box = $("histogram"); box.replaceChildren();
    const axis = $("histogram-axis"); axis.replaceChildren();
    if (!buckets || buckets.length < 2) return;
    axis.append(el("span", { text: buckets[0].date }), el("span", { text: "published — click a bar to filter" }),
                el("span", { text: buckets[buckets.length - 1].date }));
    const max = Math.max(...buckets.map((b) => b.count)) || 1;
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i], next = buckets[i + 1];
      box.append(el("div", { class: b.count ? "bar" : "bar zero",
                             style: `height:${b.count ? Math.max(4, Math.round(100 * b.count / max)) : 2}%`,
                             title: `${b.date}: ${b.count}`, "data-date": b.date,
                             onclick: () => {
                               state.from = b.date;
                               const end = next ? new Date(Date.parse(next.date) - 86400000) : null;
                               state.to = end ? end.toISOString().slice(0, 10) : "";
                               $("from").value = state.from; $("to").value = state.to; state.page = 1; run(); } }));
    }
  }

  // "what did Rex Tillerson say about Russia": also ask GET /quotes and show the quotes on top.
  const QUESTION = /^\s*(?:what|how)\s+(?:did|does|has|have|do)\s+.+?\s+(?:say|said|says|tell|told|think|comment|talk)(?:ed)?\s+(?:about|on|regarding|of)\s+.+/i;
  const QUOTES_BY = /^\s*quotes?\s+(?:by|from)\s+\S/i;

  async function renderQuotes(my) {
    const box = $("quotes"); box.replaceChildren();
    if (!(QUESTION.test(state.q) || QUOTES_BY.test(state.q)) || state.page > 1) return;
    let data;
    try {
      const resp = await fetch("/quotes?" + new URLSearchParams({ q: state.q, size: "5" }).toString());
      if (!resp.ok) return;
      data = await resp.json();
    } catch (err) { return; }
    if (my !== seq || !data.hits.length) return;
    box.append(el("h3", { text: `What ${data.speaker || "they"} said` + (data.about ? ` about ${data.about}` : "") }));
    for (const h of data.hits)
      for (const q of h.quotes.slice(0, 2)) {
        const link = safeUrl(h.url);
        box.append(el("blockquote", { class: "quote" }, q.highlight ? marked(q.highlight) : q.text,
          el("div", { class: "who" }, `— ${q.speaker || "unknown"}, `,
             link ? el("a", { href: link, rel: "noopener noreferrer", target: "_blank" }, h.title) : h.title,
             dayOf(h) ? ` (${dayOf(h)})` : "")));
      }
  }

  // The publisher's calendar day of a hit (published_at keeps the page's offset; its date part is that day).
  function dayOf(h) {
    return h.published_day || (h.published_at ? h.published_at.slice(0, 10) : "");
  }

  function chip(f, v) {
    return el("button", { type: "button", class: "chip " + f, "data-facet": f, title: `Filter by ${v}`,
                          onclick: () => { if (!isSelected(f, v)) toggle(f, v); } }, v);
  }

  function renderResults(hits) {
    const ol = $("results"); ol.replaceChildren();
    for (const h of hits) {
      const title = h.highlight && h.highlight.title ? marked(h.highlight.title) : document.createTextNode(h.title || "(untitled)");
      const link = safeUrl(h.url);
      const snippet = h.highlight && h.highlight.snippet ? marked(h.highlight.snippet) : document.createTextNode(h.lead || "");
      const chips = el("div", { class: "chips" });
      for (const f of ["persons", "organizations", "locations", "events"])
        for (const v of (h[f] || []).slice(0, 4)) chips.append(chip(f, v));
      ol.append(el("li", { class: "hit", "data-id": h.id },
        el("h2", {}, link ? el("a", { href: link, rel: "noopener noreferrer", target: "_blank" }, title) : title),
        el("div", { class: "meta" },
          [h.source, dayOf(h) || "undated", h.section,
           (h.authors || []).join(", ")].filter(Boolean).join(" · ")),
        el("p", { class: "snippet" }, snippet), chips,
        el("button", { type: "button", class: "read", "data-id": h.id, title: "Read the article here",
                       onclick: (e) => document.dispatchEvent(new CustomEvent("news-etl:read",
                         { detail: { id: h.id, from: e.currentTarget } })) }, "Read")));
    }
  }

  function renderPager(total) {
    const nav = $("pager"); nav.replaceChildren();
    const pages = Math.min(Math.ceil(total / state.size), Math.floor(10000 / state.size));
    if (pages <= 1) return;
    const go = (p) => () => { state.page = p; run(); window.scrollTo(0, 0); };
    nav.append(el("button", { type: "button", disabled: state.page <= 1, onclick: go(state.page - 1) }, "‹ Prev"));
    const lo = Math.max(1, state.page - 3), hi = Math.min(pages, state.page + 3);
    for (let p = lo; p <= hi; p++)
      nav.append(el("button", { type: "button", "aria-current": p === state.page ? "page" : null, onclick: go(p) }, String(p)));
    nav.append(el("button", { type: "button", disabled: state.page >= pages, onclick: go(state.page + 1) }, "Next ›"));
  }

  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    state.q = $("q").value.trim(); state.from = $("from").value; state.to = $("to").value;
    state.sort = $("sort").value; state.page = 1; run();
  });
  $("sort").addEventListener("change", () => { state.sort = $("sort").value; state.page = 1; run(); });
  window.addEventListener("popstate", () => { fromUrl(); run(false); });
  // an entity chip in the reader (reader.js) filters the search like a chip in the results
  document.addEventListener("news-etl:filter", (e) => { if (!isSelected(e.detail.facet, e.detail.value)) toggle(e.detail.facet, e.detail.value); });
  fromUrl();
  run(false);
})();
