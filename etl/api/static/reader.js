// news-etl article reader: GET /articles/{id} shown over the search page (title, byline, day,
// source link, figures, entity chips, the cleaned text). Plain JS, no build step, no inline
// script or style. Opened by a "news-etl:read" event ({detail: {id}}) from app.js; an entity
// chip sends "news-etl:filter" ({detail: {facet, value}}) back and closes the reader.
//
// body_html is cleaned on the server (etl/clean/html.py allowlist). As a second line of
// defence it is parsed here with DOMParser (an inert document: nothing runs, nothing loads)
// and rebuilt node by node from the same allowlist: only these tags and attributes, only
// http(s) URLs, text as text nodes. Nothing is ever assigned to innerHTML.
"use strict";
(function () {
  const HTML_NS = "http://www.w3.org/1999/xhtml";
  const CELL = ["colspan", "rowspan"];
  const ALLOWED = {
    p: [], h2: [], h3: [], h4: [], h5: [], h6: [], ul: [], ol: [], li: [], blockquote: [],
    table: [], tbody: [], tr: [], th: CELL, td: CELL, em: [], strong: [], i: [], b: [], br: [],
    figure: [], figcaption: [], small: [], a: ["href"], img: ["src", "alt"],
  };
  // Elements dropped with everything inside them; any other element not in ALLOWED is unwrapped.
  const DROP = new Set(["script", "style", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "noscript", "noembed", "noframes", "xmp", "plaintext", "form", "input", "button",
    "select", "textarea", "base", "meta", "link", "title", "head", "audio", "video", "canvas", "portal"]);
  const MAX_DEPTH = 40;
  const ENTITY_FACETS = [["persons", "People"], ["organizations", "Organisations"], ["locations", "Places"],
                         ["events", "Events"]];
  let opener = null;

  function node(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "onclick") e.addEventListener("click", v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined && c !== "") e.append(c);
    return e;
  }

  function httpUrl(value) {
    try {
      const u = new URL(value);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (err) {
      return null;
    }
  }

  // Copy the allowed part of `from` (a node of the DOMParser document) into `to` (a live element).
  function rebuild(from, to, depth) {
    for (const n of from.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) { to.append(n.data); continue; }
      if (n.nodeType !== Node.ELEMENT_NODE || n.namespaceURI !== HTML_NS || DROP.has(n.localName)) continue;
      if (depth > MAX_DEPTH) { to.append(n.textContent); continue; }
      const keep = ALLOWED[n.localName];
      if (!keep) { rebuild(n, to, depth + 1); continue; }
      const e = document.createElement(n.localName);
      for (const name of keep) {
        const v = n.getAttribute(name);
        if (v === null) continue;
        if (name === "href" || name === "src") { const u = httpUrl(v); if (u) e.setAttribute(name, u); }
        else if (CELL.includes(name)) { if (/^[1-9][0-9]?$/.test(v)) e.setAttribute(name, v); }
        else e.setAttribute(name, v);
      }
      if (n.localName === "a") {
        if (!e.hasAttribute("href")) { rebuild(n, to, depth + 1); continue; }
        e.rel = "nofollow noopener noreferrer"; e.target = "_blank";
      } else if (n.localName === "img") {
        if (!e.hasAttribute("src")) continue;
        e.loading = "lazy"; e.referrerPolicy = "no-referrer";
      }
      rebuild(n, e, depth + 1);
      to.append(e);
    }
  }

  function bodyOf(a) {
    const box = node("div", { class: "reader-body" });
    if (a.body_html) {
      const doc = new DOMParser().parseFromString(String(a.body_html), "text/html");
      rebuild(doc.body, box, 0);
    } else {
      for (const line of String(a.body || "").split("\n")) if (line.trim()) box.append(node("p", {}, line));
    }
    return box;
  }

  function leadFigure(a, body) {
    const shown = new Set(Array.from(body.querySelectorAll("img"), (img) => img.getAttribute("src")));
    const img = (a.images || []).find((i) => i && httpUrl(i.url));
    if (!img || shown.has(httpUrl(img.url))) return null;
    const cap = node("figcaption", {}, img.caption || "", img.caption && img.credit ? " " : "",
                     img.credit ? node("small", {}, img.credit) : null);
    return node("figure", { class: "lead-figure" },
      node("img", { src: httpUrl(img.url), alt: img.caption || "", loading: "lazy", referrerpolicy: "no-referrer" }),
      img.caption || img.credit ? cap : null);
  }

  function chips(a) {
    const box = node("div", { class: "chips" });
    for (const [facet, label] of ENTITY_FACETS)
      for (const value of (a[facet] || []).slice(0, 8))
        box.append(node("button", { type: "button", class: "chip " + facet, "data-facet": facet,
                                    title: `${label}: filter by ${value}`, onclick: () => filter(facet, value) }, value));
    return box.childElementCount ? box : null;
  }

  function render(a) {
    const body = bodyOf(a);
    const day = a.published_day || (a.published_at ? String(a.published_at).slice(0, 10) : "");
    const link = httpUrl(a.url);
    const site = a.site || a.source || (link ? new URL(link).hostname : "");
    const byline = [(a.authors || []).join(", "), a.agency].filter(Boolean).join(" · ");
    return [
      node("button", { type: "button", class: "reader-close", "aria-label": "Close the article", onclick: close }, "✕ Close"),
      node("h1", { id: "reader-title" }, a.title || "(untitled)"),
      byline ? node("p", { class: "byline" }, "By " + byline) : null,
      node("p", { class: "reader-meta" }, day || "undated", site ? " · " : "",
           link ? node("a", { href: link, rel: "noopener noreferrer", target: "_blank" }, site + " ↗") : site),
      a.lead ? node("p", { class: "reader-lead" }, a.lead) : null,
      leadFigure(a, body), body, chips(a),
    ].filter(Boolean);
  }

  async function open(id, from) {
    const box = document.getElementById("reader");
    opener = from || null;
    box.hidden = false;
    box.replaceChildren(node("p", { class: "reader-status" }, "Loading…"));
    document.body.dataset.reader = "loading";
    let a;
    try {
      const resp = await fetch("/articles/" + encodeURIComponent(id), { headers: { accept: "application/json" } });
      a = await resp.json();
      if (!resp.ok) throw new Error(a.error || "HTTP " + resp.status);
    } catch (err) {
      box.replaceChildren(node("button", { type: "button", class: "reader-close", onclick: close }, "✕ Close"),
                          node("p", { class: "reader-status error" }, "Error: " + err.message));
      document.body.dataset.reader = "error";
      return;
    }
    box.replaceChildren(...render(a));
    box.dataset.id = a.id || id;
    box.focus();
    document.body.dataset.reader = "open";
  }

  function close() {
    const box = document.getElementById("reader");
    box.hidden = true;
    box.replaceChildren();
    document.body.dataset.reader = "closed";
    if (opener && opener.isConnected) opener.focus();
  }

  function filter(facet, value) {
    close();
    document.dispatchEvent(new CustomEvent("news-etl:filter", { detail: { facet, value } }));
  }

  document.addEventListener("news-etl:read", (e) => open(e.detail.id, e.detail.from));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !document.getElementById("reader").hidden) close();
  });
})();
