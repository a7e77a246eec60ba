/* kg explorer: reads the embedded JSON, draws it with vis-network, builds every piece of the
   DOM with textContent (never innerHTML with data). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  function records(rows, fields) {   // rows of values -> objects, by the field names sent with them
    return rows.map(function (r) {
      var o = {};
      for (var i = 0; i < fields.length; i++) o[fields[i]] = r[i];
      return o;
    });
  }
  // nodes, edges and articles refer to each other (and to classes and types) by index
  var N = records(D.nodes, D.fields.node), E = records(D.edges, D.fields.edge);
  var A = records(D.articles, D.fields.article);
  var CLASSES = records(D.classes, D.fields["class"]), TYPES = records(D.types, D.fields.type);
  // how the ontology is drawn is data (ontology/explorer.yaml), sent with the graph
  var CLASS_COLORS = D.style.classColors, SPARE = D.style.spareColors, GROUP_COLORS = D.style.groupColors;
  var MODALITIES = D.style.modalities;
  var MOD = {};
  MODALITIES.forEach(function (m) { MOD[m.name] = m; });
  var BIG = N.length > 2000 || E.length > 6000;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function safeUrl(u) {
    if (typeof u !== "string") return null;
    try {
      var url = new URL(u);
      return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
    } catch (err) { return null; }
  }
  var spare = 0;
  var classColor = CLASSES.map(function (c) {
    return CLASS_COLORS[c.id] || (c.parent && CLASS_COLORS[c.parent]) || SPARE[spare++ % SPARE.length];
  });
  function typeColor(t) { return GROUP_COLORS[TYPES[t].group] || GROUP_COLORS.other; }
  function typeLabel(t) { return TYPES[t].label; }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function monthName(m) { return MONTHS[((m % 12) + 12) % 12] + " " + Math.floor(m / 12); }
  function whenText(e) {
    if (e.start || e.end) return (e.start || "?") + " \u2013 " + (e.end || "?");
    return e.date || "";
  }
  function edgeLabel(e) {
    var m = e.modality, s = typeLabel(e.type);
    if (m === "negated") s = "not " + s;
    else if (m !== "asserted" && MOD[m]) s += " (" + m + ")";
    var w = whenText(e);
    return w ? s + "\n" + w : s;
  }

  // ------------------------------------------------------------------ state and filters
  var state = {
    classOn: CLASSES.map(function () { return true; }),
    typeOn: TYPES.map(function () { return true; }),
    modOn: MODALITIES.reduce(function (on, m) { on[m.name] = true; return on; }, {}),
    from: null, to: null, undated: true, ego: null, egoSet: null, selected: null
  };
  var tmin = Infinity, tmax = -Infinity;
  E.forEach(function (e) {
    if (e.months) { tmin = Math.min(tmin, e.months[0]); tmax = Math.max(tmax, e.months[1]); }
  });
  var hasTime = tmin <= tmax;
  if (hasTime) { state.from = tmin; state.to = tmax; }

  function edgePasses(i) {   // type, modality and time: the filters that do not depend on nodes
    var e = E[i];
    if (!state.typeOn[e.type] || !state.modOn[e.modality in state.modOn ? e.modality : "asserted"]) return false;
    if (!e.months) return state.undated;
    return !hasTime || (e.months[1] >= state.from && e.months[0] <= state.to);
  }
  function nodePasses(i) {
    return state.classOn[N[i].cls] && (state.egoSet === null || state.egoSet.has(i));
  }
  function computeEgo() {
    if (state.ego === null) { state.egoSet = null; return; }
    var set = new Set([state.ego]);
    (incident[state.ego] || []).forEach(function (i) {
      if (edgePasses(i)) { set.add(E[i].source); set.add(E[i].target); }
    });
    state.egoSet = set;
  }
  var incident = N.map(function () { return []; });
  E.forEach(function (e, i) { incident[e.source].push(i); if (e.target !== e.source) incident[e.target].push(i); });

  // ------------------------------------------------------------------ vis data
  var T = window.kgTimings = { parsed: performance.now() };
  var FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif";
  function nodeSize(d) { return Math.min(46, 9 + 5.5 * Math.log2(1 + d)); }
  var groups = {};
  function shade(hex, f) {   // a darker (f < 1) version of a #rrggbb colour
    var n = parseInt(hex.slice(1), 16), r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    return "rgb(" + Math.round(r * f) + "," + Math.round(g * f) + "," + Math.round(b * f) + ")";
  }
  CLASSES.forEach(function (c, i) {
    var col = classColor[i];
    groups["c" + i] = { color: { background: col, border: BIG ? shade(col, 0.78) : "#ffffff", highlight: { background: col, border: "#111827" },
                                 hover: { background: col, border: "#111827" } } };
  });
  var nodes = new vis.DataSet(N.map(function (n, i) {
    var o = { id: i, label: n.label, x: n.x, y: n.y, size: nodeSize(n.degree), group: "c" + n.cls };
    if (n.degree > 8) o.font = { size: 16 };
    return o;
  }));
  var pairSeen = {}, parallel = E.map(function (e) {
    var key = e.source < e.target ? e.source + "|" + e.target : e.target + "|" + e.source;
    return (pairSeen[key] = (pairSeen[key] || 0) + 1);
  });
  var edgeColors = {};
  function edgeColor(color, opacity) {
    var key = color + opacity;
    return edgeColors[key] || (edgeColors[key] = { color: color, highlight: color, hover: color, opacity: opacity });
  }
  function visEdge(i) {
    var e = E[i], k = parallel[i];
    var m = MOD[e.modality] || MOD.asserted, neg = e.modality === "negated";
    var o = { id: i, from: e.source, to: e.target, label: edgeLabel(e), color: edgeColor(typeColor(e.type), neg ? 0.55 : 0.8) };
    if (m.dashes) o.dashes = m.dashes;
    if (neg) { o.width = 1.2; o.arrows = { to: { enabled: true, type: "bar", scaleFactor: 0.55 } }; }
    else if (TYPES[e.type].symmetric) o.arrows = { to: { enabled: false } };
    if (k > 1) {
      o.smooth = { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.32 * Math.ceil((k - 1) / 2) };
    }
    return o;
  }
  // Large graphs: vis-network gets an edge only once it is in view at a readable zoom (building
  // 30,000 edge objects takes seconds, drawing them one by one ~1 s a frame); until then the page
  // draws edges itself, batched by colour, under the nodes.
  var LAZY = BIG;
  var inVis = new Uint8Array(E.length);
  var edges = new vis.DataSet(LAZY ? [] : E.map(function (e, i) { inVis[i] = 1; return visEdge(i); }));
  T.datasets = performance.now();

  var options = {
    autoResize: true,
    groups: groups,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: {
      enabled: !!D.physics, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.004, springLength: 110,
                          springConstant: 0.06, damping: 0.6, avoidOverlap: 0.2 },
      stabilization: { enabled: !!D.physics, iterations: 120, updateInterval: 40, fit: true },
      minVelocity: 1.5
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: false, hideEdgesOnZoom: false,
                   multiselect: false, navigationButtons: false, keyboard: false },
    nodes: { shape: "dot", borderWidth: 2, borderWidthSelected: 3,
             font: { size: 13, color: "#1d2330", strokeWidth: 4, strokeColor: "rgba(255,255,255,0.92)", face: FONT },
             scaling: { label: { enabled: false, drawThreshold: 7 } } },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.8, width: 1.6,
             arrows: { to: { enabled: true, scaleFactor: 0.55, type: "arrow" } },
             font: { size: 11, color: "#4b5563", strokeWidth: 3, strokeColor: "rgba(244,245,247,0.95)",
                     align: "horizontal", face: FONT },
             scaling: { label: { drawThreshold: 8 } }, chosen: { label: false } }
  };
  var container = $("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  T.network = performance.now();

  // Filtering: vis-network rebuilds an edge on every DataSet add, far too slow at 30,000 edges,
  // so visibility is set on its node and edge objects and its visible index lists are refreshed.
  var nodeVis = N.map(function () { return true; }), edgeVis = E.map(function () { return true; });
  var visibleNodes = N.length, visibleEdges = E.length;
  var direct = typeof network._updateVisibleIndices === "function" && network.body && network.body.nodes;
  function applyVisibility() {
    var nChanged = [], eChanged = [], i;
    visibleNodes = 0; visibleEdges = 0;
    for (i = 0; i < N.length; i++) {
      var nv = nodePasses(i);
      if (nv) visibleNodes++;
      if (nv !== nodeVis[i]) { nodeVis[i] = nv; nChanged.push({ id: i, hidden: !nv }); }
    }
    for (i = 0; i < E.length; i++) {
      var ev = edgePasses(i) && nodeVis[E[i].source] && nodeVis[E[i].target];
      if (ev) visibleEdges++;
      if (ev !== edgeVis[i]) { edgeVis[i] = ev; eChanged.push({ id: i, hidden: !ev }); }
    }
    if (direct) {
      var bn = network.body.nodes, be = network.body.edges;
      for (i = 0; i < N.length; i++) if (bn[i]) bn[i].options.hidden = !nodeVis[i];
      for (i = 0; i < E.length; i++) if (be[i]) be[i].options.hidden = !edgeVis[i];
      network._updateVisibleIndices();
      network.redraw();
    } else {
      if (nChanged.length) nodes.update(nChanged);
      eChanged = eChanged.filter(function (c) { return inVis[c.id]; });
      if (eChanged.length) edges.update(eChanged);
    }
  }
  function ensureEdges(list) {   // put edges into vis-network (large graphs); true if any was added
    var add = [];
    for (var j = 0; j < list.length; j++) if (!inVis[list[j]]) { inVis[list[j]] = 1; add.push(list[j]); }
    if (!add.length) return false;
    edges.add(add.map(visEdge));
    if (direct) {
      var be = network.body.edges;
      add.forEach(function (i) { if (be[i]) be[i].options.hidden = !edgeVis[i]; });
      network._updateVisibleIndices();
    } else {
      edges.update(add.map(function (i) { return { id: i, hidden: !edgeVis[i] }; }));
    }
    return true;
  }
  var DETAIL_MAX = 1500, pendingAdd = null;
  function selectedEdges() {
    var sel = network.getSelection(), out = sel.edges.slice();
    sel.nodes.forEach(function (n) { out = out.concat(incident[n]); });
    return out;
  }
  if (LAZY && direct) {
    network.on("beforeDrawing", function (ctx) {
      var bn = network.body.nodes, rect = container.getBoundingClientRect();
      var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: rect.width, y: rect.height });
      var pad = (br.x - tl.x) * 0.05, x0 = tl.x - pad, y0 = tl.y - pad, x1 = br.x + pad, y1 = br.y + pad;
      var inView = [], i, a, b;
      for (i = 0; i < E.length; i++) {
        if (!edgeVis[i]) continue;
        a = bn[E[i].source]; b = bn[E[i].target];
        if (Math.max(a.x, b.x) < x0 || Math.min(a.x, b.x) > x1 || Math.max(a.y, b.y) < y0 || Math.min(a.y, b.y) > y1) continue;
        inView.push(i);
      }
      var detail = inView.length <= DETAIL_MAX ? inView : selectedEdges().filter(function (k) { return edgeVis[k]; });
      var missing = detail.filter(function (k) { return !inVis[k]; });
      if (missing.length && !pendingAdd) {
        pendingAdd = setTimeout(function () { pendingAdd = null; if (ensureEdges(missing)) network.redraw(); }, 0);
      }
      var shown = new Set();
      network.body.edgeIndices = detail.filter(function (k) { if (inVis[k]) { shown.add(k); return true; } return false; });
      // batched lines for the rest, one path per colour
      var scale = network.getScale(), paths = {};
      for (var j = 0; j < inView.length; j++) {
        i = inView[j];
        if (shown.has(i)) continue;
        var key = E[i].modality === "negated" ? GROUP_COLORS.other : typeColor(E[i].type);
        (paths[key] || (paths[key] = [])).push(i);
      }
      ctx.save();
      ctx.lineWidth = Math.max(1.2, 1 / scale);
      var focused = state.selected !== null;
      ctx.globalAlpha = (inView.length > 5000 ? 0.32 : 0.6) * (focused ? 0.45 : 1);
      Object.keys(paths).forEach(function (color) {
        ctx.beginPath();
        paths[color].forEach(function (k) {
          var p = bn[E[k].source], q = bn[E[k].target];
          ctx.moveTo(p.x, p.y); ctx.lineTo(q.x, q.y);
        });
        ctx.strokeStyle = color;
        ctx.stroke();
      });
      ctx.restore();
    });
  }

  // ------------------------------------------------------------------ ready signal
  var physicsDone = !D.physics;
  function markReady() {
    if (window.kgReady) return;
    T.ready = performance.now();
    window.kgReady = true;
    document.body.setAttribute("data-ready", "1");
  }
  network.once("stabilizationIterationsDone", function () { physicsDone = true; network.fit(); });
  setTimeout(function () { if (!physicsDone) { physicsDone = true; network.redraw(); } }, 8000);
  network.on("afterDrawing", function () {
    if (physicsDone && !window.kgReady) requestAnimationFrame(markReady);
  });
  $("physics").checked = !!D.physics;

  // ------------------------------------------------------------------ tooltip
  var tip = $("tip");
  function showTip(build, pointer) {
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    build(tip);
    tip.hidden = false;
    var r = container.getBoundingClientRect();
    var x = pointer.DOM.x + 14, y = pointer.DOM.y + 14;
    if (x + tip.offsetWidth > r.width - 8) x = pointer.DOM.x - tip.offsetWidth - 14;
    if (y + tip.offsetHeight > r.height - 8) y = pointer.DOM.y - tip.offsetHeight - 14;
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = Math.max(4, y) + "px";
  }
  function hideTip() { tip.hidden = true; }
  function truncate(s, n) { s = String(s || ""); return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }
  network.on("hoverNode", function (p) {
    var n = N[p.node];
    showTip(function (t) {
      t.appendChild(el("b", null, n.label));
      t.appendChild(el("div", "tip-sub", CLASSES[n.cls].label + " \u00b7 " + n.degree + " relation" + (n.degree === 1 ? "" : "s")));
      if (n.aliases.length) t.appendChild(el("div", "tip-sub", "also: " + truncate(n.aliases.join(", "), 120)));
    }, p.pointer);
  });
  network.on("hoverEdge", function (p) {
    var e = E[p.edge];
    showTip(function (t) {
      var head = el("div");
      head.appendChild(el("b", null, N[e.source].label));
      head.appendChild(document.createTextNode(" " + edgeLabel(e).replace("\n", " \u00b7 ") + " "));
      head.appendChild(el("b", null, N[e.target].label));
      t.appendChild(head);
      if (e.sentence) t.appendChild(el("div", "tip-quote", "\u201c" + truncate(e.sentence, 180) + "\u201d"));
    }, p.pointer);
  });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ------------------------------------------------------------------ detail panel
  var detail = $("detail"), body = $("detail-body");
  function clearDetail() { while (body.firstChild) body.removeChild(body.firstChild); }
  function openDetail() {
    var wasHidden = detail.hidden;
    detail.hidden = false;
    if (wasHidden) network.redraw();
  }
  function closeDetail() {
    detail.hidden = true; clearDetail(); state.selected = null; updateEgoButton();
    network.unselectAll();
  }
  $("close").addEventListener("click", closeDetail);
  function entityLink(i) {
    var a = el("a", "entity-link", N[i].label);
    a.href = "#";
    a.addEventListener("click", function (ev) { ev.preventDefault(); focusNode(i); });
    return a;
  }
  function facts(rows) {
    var dl = el("dl", "fact");
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === "") return;
      dl.appendChild(el("dt", null, r[0]));
      var dd = el("dd");
      if (r[1] instanceof Node) dd.appendChild(r[1]); else dd.textContent = String(r[1]);
      dl.appendChild(dd);
    });
    return dl;
  }
  function chip(text, cls, color) {
    var c = el("span", "chip" + (cls ? " " + cls : ""));
    if (color) { var d = el("span", "dot"); d.style.background = color; c.appendChild(d); }
    c.appendChild(document.createTextNode(text));
    return c;
  }
  function relationSort(a, b) {
    var ea = E[a], eb = E[b];
    if (!ea.months !== !eb.months) return ea.months ? -1 : 1;
    if (ea.months && eb.months && ea.months[0] !== eb.months[0]) return ea.months[0] - eb.months[0];
    return a - b;
  }
  function showNode(i) {
    var n = N[i];
    if (LAZY && ensureEdges(incident[i])) network.redraw();
    state.selected = { node: i };
    updateEgoButton();
    clearDetail();
    body.appendChild(el("h2", null, n.label));
    var chips = el("div", "chips");
    chips.appendChild(chip(CLASSES[n.cls].label, null, classColor[n.cls]));
    chips.appendChild(chip(n.degree + " relation" + (n.degree === 1 ? "" : "s")));
    body.appendChild(chips);
    var rows = [["Also called", n.aliases.length ? n.aliases.join(" \u00b7 ") : null]];
    Object.keys(n.ids).sort().forEach(function (k) {
      var v = n.ids[k], u = safeUrl(v);
      if (u) { var a = el("a", null, v); a.href = u; a.target = "_blank"; a.rel = "noopener noreferrer"; rows.push([k, a]); }
      else rows.push([k, v]);
    });
    rows.push(["IRI", el("code", null, n.iri)]);
    body.appendChild(facts(rows));
    body.appendChild(el("div", "section-title", "Timeline"));
    var list = incident[i].slice().sort(relationSort);
    if (!list.length) body.appendChild(el("p", "empty", "No relations."));
    var ul = el("ul", "timeline");
    list.forEach(function (k) {
      var e = E[k];
      var li = el("li", e.months ? null : "undated");
      li.style.setProperty("--tl", typeColor(e.type));
      li.appendChild(el("div", "when", e.months ? whenText(e) + (e.dateText ? "  \u00b7  \u201c" + e.dateText + "\u201d" : "") : "undated"));
      var what = el("div", "what");
      what.appendChild(el("span", e.source === i ? "self" : null, N[e.source].label));
      what.appendChild(document.createTextNode(" " + edgeLabel(e).split("\n")[0] + " "));
      what.appendChild(el("span", e.target === i ? "self" : null, N[e.target].label));
      li.appendChild(what);
      if (!edgeVis[k]) li.style.opacity = "0.5";
      li.addEventListener("click", function () { selectEdge(k); });
      ul.appendChild(li);
    });
    body.appendChild(ul);
    openDetail();
  }
  function showEdge(k) {
    var e = E[k], a = A[e.article] || {};
    state.selected = { edge: k };
    updateEgoButton();
    clearDetail();
    var head = el("div", "triple");
    head.appendChild(entityLink(e.source));
    head.appendChild(el("span", "verb", edgeLabel(e).split("\n")[0]));
    head.appendChild(entityLink(e.target));
    body.appendChild(head);
    var chips = el("div", "chips");
    chips.appendChild(chip(typeLabel(e.type), null, typeColor(e.type)));
    chips.appendChild(chip(e.modality, e.modality));
    body.appendChild(chips);
    var date = whenText(e);
    if (date && e.dateText) date += "  (\u201c" + e.dateText + "\u201d)";
    body.appendChild(facts([["Date", date || "not stated"], ["Role", e.role]]));
    body.appendChild(el("div", "section-title", "Evidence"));
    body.appendChild(el("blockquote", "evidence", e.sentence || "(no sentence recorded)"));
    var title = a.title || a.id || "article", url = safeUrl(a.url), art;
    if (url) {
      art = el("a", null, title); art.href = url; art.target = "_blank"; art.rel = "noopener noreferrer";
    } else {
      art = el("span", null, title);
    }
    var conf = null;
    if (typeof e.confidence === "number") {
      conf = el("span");
      var bar = el("span", "bar"), fill = el("span");
      fill.style.width = Math.max(0, Math.min(100, e.confidence * 100)) + "%";
      bar.appendChild(fill); conf.appendChild(bar);
      conf.appendChild(document.createTextNode(e.confidence.toFixed(2)));
    }
    body.appendChild(facts([
      ["Article", art], ["Published", a.published], ["Outlet", a.publisher], ["Speaker", e.speaker],
      ["Reported by", e.reportedBy], ["Confidence", conf], ["Rule", e.rule ? el("code", null, e.rule) : null],
      ["Article id", a.id], ["Statement", el("code", null, e.iri)]
    ]));
    openDetail();
  }

  // ------------------------------------------------------------------ selection, focus, ego
  function selectEdge(k) {
    if (typeof k === "string") k = edgeIndex[k];
    if (k === undefined || !E[k]) return false;
    if (LAZY) ensureEdges([k]);
    if (edgeVis[k]) network.setSelection({ nodes: [], edges: [k] }, { unselectAll: true, highlightEdges: false });
    showEdge(k);
    return true;
  }
  var edgeIndex = {};
  E.forEach(function (e, i) { edgeIndex[e.iri] = i; });
  function focusNode(i) {
    if (!nodePasses(i)) {
      state.classOn[N[i].cls] = true;
      if (state.egoSet && !state.egoSet.has(i)) { state.ego = null; }
      refresh();
    }
    if (LAZY) ensureEdges(incident[i]);
    network.selectNodes([i]);
    var scale = Math.max(network.getScale(), BIG ? 0.9 : 1.0);
    network.focus(i, { scale: scale, animation: BIG ? false : { duration: 450, easingFunction: "easeInOutQuad" } });
    showNode(i);
  }
  function updateEgoButton() {
    var b = $("ego");
    b.disabled = state.ego === null && !(state.selected && state.selected.node !== undefined);
    b.textContent = state.ego === null ? "Ego view" : "Leave ego";
    b.classList.toggle("on", state.ego !== null);
  }
  function setEgo(i) {
    state.ego = (i === null || i === undefined) ? null : i;
    refresh();
    var banner = $("banner");
    while (banner.firstChild) banner.removeChild(banner.firstChild);
    if (state.ego !== null) {
      banner.appendChild(el("span", null, "Ego view: " + N[state.ego].label + " and " + (state.egoSet.size - 1) + " neighbours"));
      var x = el("button", null, "show all");
      x.addEventListener("click", function () { setEgo(null); });
      banner.appendChild(x);
      banner.hidden = false;
      network.fit({ nodes: Array.from(state.egoSet), animation: BIG ? false : { duration: 400 } });
    } else {
      banner.hidden = true;
    }
    updateEgoButton();
  }
  $("ego").addEventListener("click", function () {
    if (state.ego !== null) setEgo(null);
    else if (state.selected && state.selected.node !== undefined) setEgo(state.selected.node);
  });
  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) setEgo(p.nodes[0]); });

  // ------------------------------------------------------------------ controls
  function refresh() {
    computeEgo();
    applyVisibility();
    updateStats();
    drawLegendState();
  }
  function updateStats() {
    $("stats").textContent = visibleNodes.toLocaleString("en") + " of " + N.length.toLocaleString("en") +
      " entities \u00b7 " + visibleEdges.toLocaleString("en") + " of " + E.length.toLocaleString("en") + " relations";
  }
  function countBy(arr, key) {
    var c = {};
    arr.forEach(function (x) { var k = key(x); c[k] = (c[k] || 0) + 1; });
    return c;
  }
  var classCount = countBy(N, function (n) { return n.cls; });
  var typeCount = countBy(E, function (e) { return e.type; });
  var modCount = countBy(E, function (e) { return e.modality; });
  var legendItems = { classes: [], types: [], modalities: [] };

  function legendRow(color, name, count, isLine, dashes) {
    var li = el("li");
    if (isLine) {
      var sw = el("span", "swatch");
      sw.style.borderTopColor = color;
      if (dashes) sw.style.borderTopStyle = dashes[0] <= 2 ? "dotted" : "dashed";
      li.appendChild(sw);
    } else {
      var d = el("span", "dot"); d.style.background = color; li.appendChild(d);
    }
    li.appendChild(el("span", "name", name));
    li.appendChild(el("span", "count", (count || 0).toLocaleString("en")));
    return li;
  }
  // classes: parents before children, ordered by count
  var classOrder = CLASSES.map(function (c, i) { return i; }).filter(function (i) { return classCount[i]; });
  classOrder.sort(function (a, b) { return (classCount[b] || 0) - (classCount[a] || 0) || (CLASSES[a].label < CLASSES[b].label ? -1 : 1); });
  classOrder.forEach(function (i) {
    var li = legendRow(classColor[i], CLASSES[i].label, classCount[i]);
    li.title = "Show or hide " + CLASSES[i].label;
    li.addEventListener("click", function () { state.classOn[i] = !state.classOn[i]; refresh(); });
    $("classes").appendChild(li);
    legendItems.classes.push([li, function () { return state.classOn[i]; }]);
  });
  D.style.groups.forEach(function (g) {
    var members = TYPES.map(function (t, i) { return i; }).filter(function (i) { return TYPES[i].group === g && typeCount[i]; });
    if (!members.length) return;
    var title = el("div", "group-title");
    var d = el("span", "dot"); d.style.background = GROUP_COLORS[g]; title.appendChild(d);
    title.appendChild(document.createTextNode(g));
    title.title = "Toggle all " + g + " relations";
    title.addEventListener("click", function () {
      var on = !members.every(function (i) { return state.typeOn[i]; });
      members.forEach(function (i) { state.typeOn[i] = on; });
      refresh();
    });
    $("types").appendChild(title);
    var ul = el("ul", "legend");
    members.sort(function (a, b) { return typeCount[b] - typeCount[a] || (TYPES[a].label < TYPES[b].label ? -1 : 1); });
    members.forEach(function (i) {
      var li = legendRow(GROUP_COLORS[g], TYPES[i].label, typeCount[i], true, false);
      li.addEventListener("click", function () { state.typeOn[i] = !state.typeOn[i]; refresh(); });
      ul.appendChild(li);
      legendItems.types.push([li, function () { return state.typeOn[i]; }]);
    });
    $("types").appendChild(ul);
  });
  MODALITIES.forEach(function (m) {
    var li = legendRow("#6b7280", m.label, modCount[m.name] || 0, true, m.dashes);
    li.addEventListener("click", function () { state.modOn[m.name] = !state.modOn[m.name]; refresh(); });
    $("modalities").appendChild(li);
    legendItems.modalities.push([li, function () { return state.modOn[m.name]; }]);
  });
  function drawLegendState() {
    Object.keys(legendItems).forEach(function (k) {
      legendItems[k].forEach(function (x) { x[0].classList.toggle("off", !x[1]()); });
    });
    drawHistogram();
  }
  function setAll(kind, on) {
    var arr = kind === "classes" ? state.classOn : state.typeOn;
    for (var i = 0; i < arr.length; i++) arr[i] = on;
    refresh();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-all]"), function (b) {
    b.addEventListener("click", function () { setAll(b.getAttribute("data-all"), true); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-none]"), function (b) {
    b.addEventListener("click", function () { setAll(b.getAttribute("data-none"), false); });
  });

  // time
  var fromInput = $("time-from"), toInput = $("time-to"), bins = [], binOf = null;
  function timeLabel() {
    $("time-range").textContent = hasTime ? monthName(state.from) + " \u2013 " + monthName(state.to) : "no dated relations";
  }
  function drawHistogram() {
    bins.forEach(function (b) { b.el.classList.toggle("in", b.hi >= state.from && b.lo <= state.to); });
  }
  if (hasTime) {
    [fromInput, toInput].forEach(function (inp) { inp.min = tmin; inp.max = tmax; });
    fromInput.value = tmin; toInput.value = tmax;
    var span = tmax - tmin + 1, nb = Math.min(48, span), width = span / nb;
    var counts = [];
    for (var b = 0; b < nb; b++) counts.push(0);
    E.forEach(function (e) {
      if (e.months) counts[Math.min(nb - 1, Math.floor((e.months[0] - tmin) / width))]++;
    });
    var maxc = Math.max.apply(null, counts.concat([1]));
    counts.forEach(function (c, b) {
      var s = el("span");
      s.style.height = (c ? Math.max(8, 100 * Math.sqrt(c / maxc)) : 0) + "%";
      s.title = c + " relation" + (c === 1 ? "" : "s");
      $("histogram").appendChild(s);
      bins.push({ el: s, lo: tmin + Math.floor(b * width), hi: tmin + Math.floor((b + 1) * width) - 1 });
    });
  } else {
    fromInput.disabled = toInput.disabled = true;
  }
  var timeTimer = null;
  function onTime(ev) {
    var f = +fromInput.value, t = +toInput.value;
    if (f > t) { if (ev && ev.target === fromInput) t = f; else f = t; fromInput.value = f; toInput.value = t; }
    state.from = f; state.to = t;
    timeLabel(); drawHistogram();
    clearTimeout(timeTimer);
    timeTimer = setTimeout(refresh, BIG ? 120 : 0);
  }
  fromInput.addEventListener("input", onTime);
  toInput.addEventListener("input", onTime);
  $("undated").addEventListener("change", function () { state.undated = this.checked; refresh(); });
  timeLabel();

  // view
  $("physics").addEventListener("change", function () { setPhysics(this.checked); });
  function setPhysics(on) {
    $("physics").checked = !!on;
    network.setOptions({ physics: { enabled: !!on, stabilization: { enabled: false } } });
  }
  $("edge-labels").addEventListener("change", function () {
    var on = this.checked;
    network.setOptions({ edges: { font: { size: on ? 11 : 0 } } });
    applyVisibility();
  });
  $("fit").addEventListener("click", function () { network.fit({ animation: BIG ? false : { duration: 400 } }); });
  $("reset").addEventListener("click", function () {
    state.classOn = state.classOn.map(function () { return true; });
    state.typeOn = state.typeOn.map(function () { return true; });
    Object.keys(state.modOn).forEach(function (k) { state.modOn[k] = true; });
    if (hasTime) { state.from = tmin; state.to = tmax; fromInput.value = tmin; toInput.value = tmax; }
    state.undated = true; $("undated").checked = true;
    timeLabel();
    setEgo(null);
    network.fit();
  });

  // search
  var searchInput = $("search"), matchList = $("matches"), matches = [], active = 0;
  var lowerNames = N.map(function (n) { return n.label.toLowerCase(); });
  var lowerAliases = N.map(function (n) { return n.aliases.join("\u0001").toLowerCase(); });
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var out = [];
    for (var i = 0; i < N.length; i++) {
      var name = lowerNames[i], rank = -1;
      if (name === q) rank = 0;
      else if (name.indexOf(q) === 0) rank = 1;
      else if (name.indexOf(q) > 0) rank = 2;
      else if (lowerAliases[i].indexOf(q) >= 0) rank = 3;
      if (rank >= 0) out.push([rank, -N[i].degree, name, i]);
    }
    out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    return out.slice(0, 10).map(function (x) { return x[3]; });
  }
  function drawMatches() {
    while (matchList.firstChild) matchList.removeChild(matchList.firstChild);
    matches.forEach(function (i, k) {
      var li = el("li", k === active ? "active" : null);
      li.setAttribute("role", "option");
      var d = el("span", "dot"); d.style.background = classColor[N[i].cls]; li.appendChild(d);
      li.appendChild(el("span", null, N[i].label));
      if (N[i].aliases.length) li.appendChild(el("span", "alias", N[i].aliases.join(", ")));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      matchList.appendChild(li);
    });
    matchList.hidden = matches.length === 0;
  }
  function choose(i) {
    searchInput.value = N[i].label;
    matches = []; drawMatches();
    focusNode(i);
  }
  searchInput.addEventListener("input", function () { matches = search(searchInput.value); active = 0; drawMatches(); });
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { active = Math.min(matches.length - 1, active + 1); drawMatches(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(0, active - 1); drawMatches(); ev.preventDefault(); }
    else if (ev.key === "Enter") { var m = matches.length ? matches : search(searchInput.value); if (m.length) choose(m[active] !== undefined ? m[active] : m[0]); }
    else if (ev.key === "Escape") { matches = []; drawMatches(); }
  });
  searchInput.addEventListener("blur", function () { matches = []; drawMatches(); });

  // ------------------------------------------------------------------ public API (tests, scripting)
  function byName(names, list) {
    var want = new Set(names);
    return list.map(function (x) { return want.has(x.id) || want.has(x.label); });
  }
  window.kg = {
    network: network,
    visibleEdgeCount: function () { return visibleEdges; },
    visibleNodeCount: function () { return visibleNodes; },
    visibleEdgeIds: function () { return E.filter(function (e, i) { return edgeVis[i]; }).map(function (e) { return e.iri; }); },
    nodes: nodes, edges: edges,
    setTypes: function (names) { state.typeOn = names ? byName(names, TYPES) : TYPES.map(function () { return true; }); refresh(); return visibleEdges; },
    setClasses: function (names) { state.classOn = names ? byName(names, CLASSES) : CLASSES.map(function () { return true; }); refresh(); return visibleEdges; },
    setTimeRange: function (from, to) {
      function m(s, end) {
        var r = /^(-?\d{4})(?:-(\d\d))?/.exec(String(s || ""));
        if (!r) return end ? tmax : tmin;
        var y = +r[1] * 12;
        return r[2] ? y + (+r[2]) - 1 : y + (end ? 11 : 0);
      }
      state.from = m(from, false); state.to = m(to, true);
      fromInput.value = state.from; toInput.value = state.to; timeLabel();
      refresh(); return visibleEdges;
    },
    setUndated: function (on) { state.undated = !!on; $("undated").checked = !!on; refresh(); return visibleEdges; },
    selectEdge: selectEdge,
    selectNode: function (i) { if (typeof i === "string") i = N.findIndex(function (n) { return n.iri === i || n.label === i; }); focusNode(i); return i; },
    search: function (q) { var m = search(q); if (m.length) focusNode(m[0]); return m.map(function (i) { return N[i].label; }); },
    ego: function (i) { if (typeof i === "string") i = N.findIndex(function (n) { return n.iri === i || n.label === i; }); setEgo(i); return visibleNodes; },
    setPhysics: setPhysics,
    edgeIndex: function (iri) { return edgeIndex[iri]; },
    edgeMidpoint: function (k) {
      var p = network.getPositions([E[k].source, E[k].target]), a = p[E[k].source], b = p[E[k].target];
      return network.canvasToDOM({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
    },
    detailText: function () { return detail.hidden ? "" : body.textContent; }
  };
  updateStats();
  drawLegendState();
})();
