/* kg explorer: reads the embedded JSON, draws it with vis-network, builds every piece of the
   DOM with textContent (never innerHTML with data). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var N = D.nodes, E = D.edges, A = D.articles;
  // node: [label, cls, x, y, degree, aliases, ids, iri]
  // edge: [src, tgt, type, date, start, end, dateText, modality, role, confidence, rule,
  //        sentence, article, speaker, reportedBy, months, iri]
  var CLASS_COLORS = {
    Person: "#f28e2b", Country: "#4e79a7", Place: "#5fa2ce", City: "#76b7b2", Region: "#a0cbe8",
    Organization: "#59a14f", GovernmentBody: "#8cc26f", InternationalOrganization: "#9467bd",
    ArmedGroup: "#d62728", MediaOrganization: "#9c755f", PoliticalParty: "#e377c2",
    Company: "#d4a72c", Event: "#b07aa1", Meeting: "#c490bd", Agent: "#7f7f7f"
  };
  var SPARE = ["#17becf", "#bcbd22", "#8c564b", "#aec7e8", "#ffbb78", "#98df8a"];
  var GROUP_COLORS = { cooperation: "#2e9e5b", conflict: "#d9473f", structure: "#7c8593",
                       interaction: "#3b7dd8", other: "#9aa0a6" };
  var MODALITIES = [
    ["asserted", "asserted", false],
    ["negated", "negated (not)", [3, 4]],
    ["planned", "planned", [10, 6]],
    ["reported", "reported", [2, 4]],
    ["hypothetical", "hypothetical", [1, 6]]
  ];
  var MOD = {};
  MODALITIES.forEach(function (m) { MOD[m[0]] = m; });
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
  var classColor = D.classes.map(function (c) {
    return CLASS_COLORS[c[0]] || (c[2] && CLASS_COLORS[c[2]]) || SPARE[spare++ % SPARE.length];
  });
  function typeColor(t) { return GROUP_COLORS[D.types[t][2]] || GROUP_COLORS.other; }
  function typeLabel(t) { return D.types[t][1]; }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function monthName(m) { return MONTHS[((m % 12) + 12) % 12] + " " + Math.floor(m / 12); }
  function whenText(e) {
    if (e[4] || e[5]) return (e[4] || "?") + " \u2013 " + (e[5] || "?");
    return e[3] || "";
  }
  function edgeLabel(e) {
    var m = e[7], s = typeLabel(e[2]);
    if (m === "negated") s = "not " + s;
    else if (m !== "asserted" && MOD[m]) s += " (" + m + ")";
    var w = whenText(e);
    return w ? s + "\n" + w : s;
  }

  // ------------------------------------------------------------------ state and filters
  var state = {
    classOn: D.classes.map(function () { return true; }),
    typeOn: D.types.map(function () { return true; }),
    modOn: { asserted: true, negated: true, planned: true, reported: true, hypothetical: true },
    from: null, to: null, undated: true, ego: null, egoSet: null, selected: null
  };
  var tmin = Infinity, tmax = -Infinity;
  E.forEach(function (e) {
    if (e[15]) { tmin = Math.min(tmin, e[15][0]); tmax = Math.max(tmax, e[15][1]); }
  });
  var hasTime = tmin <= tmax;
  if (hasTime) { state.from = tmin; state.to = tmax; }

  function edgePasses(i) {   // type, modality and time: the filters that do not depend on nodes
    var e = E[i];
    if (!state.typeOn[e[2]] || !state.modOn[e[7] in state.modOn ? e[7] : "asserted"]) return false;
    if (!e[15]) return state.undated;
    return !hasTime || (e[15][1] >= state.from && e[15][0] <= state.to);
  }
  function nodePasses(i) {
    return state.classOn[N[i][1]] && (state.egoSet === null || state.egoSet.has(i));
  }
  function computeEgo() {
    if (state.ego === null) { state.egoSet = null; return; }
    var set = new Set([state.ego]);
    (incident[state.ego] || []).forEach(function (i) {
      if (edgePasses(i)) { set.add(E[i][0]); set.add(E[i][1]); }
    });
    state.egoSet = set;
  }
  var incident = N.map(function () { return []; });
  E.forEach(function (e, i) { incident[e[0]].push(i); if (e[1] !== e[0]) incident[e[1]].push(i); });

  // ------------------------------------------------------------------ vis data
  var T = window.kgTimings = { parsed: performance.now() };
  var FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif";
  function nodeSize(d) { return Math.min(46, 9 + 5.5 * Math.log2(1 + d)); }
  var groups = {};
  function shade(hex, f) {   // a darker (f < 1) version of a #rrggbb colour
    var n = parseInt(hex.slice(1), 16), r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    return "rgb(" + Math.round(r * f) + "," + Math.round(g * f) + "," + Math.round(b * f) + ")";
  }
  D.classes.forEach(function (c, i) {
    var col = classColor[i];
    groups["c" + i] = { color: { background: col, border: BIG ? shade(col, 0.78) : "#ffffff", highlight: { background: col, border: "#111827" },
                                 hover: { background: col, border: "#111827" } } };
  });
  var nodes = new vis.DataSet(N.map(function (n, i) {
    var o = { id: i, label: n[0], x: n[2], y: n[3], size: nodeSize(n[4]), group: "c" + n[1] };
    if (n[4] > 8) o.font = { size: 16 };
    return o;
  }));
  var pairSeen = {}, parallel = E.map(function (e) {
    var key = e[0] < e[1] ? e[0] + "|" + e[1] : e[1] + "|" + e[0];
    return (pairSeen[key] = (pairSeen[key] || 0) + 1);
  });
  var edgeColors = {};
  function edgeColor(color, opacity) {
    var key = color + opacity;
    return edgeColors[key] || (edgeColors[key] = { color: color, highlight: color, hover: color, opacity: opacity });
  }
  function visEdge(i) {
    var e = E[i], k = parallel[i];
    var m = MOD[e[7]] || MOD.asserted, neg = e[7] === "negated";
    var o = { id: i, from: e[0], to: e[1], label: edgeLabel(e), color: edgeColor(typeColor(e[2]), neg ? 0.55 : 0.8) };
    if (m[2]) o.dashes = m[2];
    if (neg) { o.width = 1.2; o.arrows = { to: { enabled: true, type: "bar", scaleFactor: 0.55 } }; }
    else if (D.types[e[2]][3]) o.arrows = { to: { enabled: false } };
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
      var ev = edgePasses(i) && nodeVis[E[i][0]] && nodeVis[E[i][1]];
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
        a = bn[E[i][0]]; b = bn[E[i][1]];
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
        var key = E[i][7] === "negated" ? "#9aa0a6" : typeColor(E[i][2]);
        (paths[key] || (paths[key] = [])).push(i);
      }
      ctx.save();
      ctx.lineWidth = Math.max(1.2, 1 / scale);
      var focused = state.selected !== null;
      ctx.globalAlpha = (inView.length > 5000 ? 0.32 : 0.6) * (focused ? 0.45 : 1);
      Object.keys(paths).forEach(function (color) {
        ctx.beginPath();
        paths[color].forEach(function (k) {
          var p = bn[E[k][0]], q = bn[E[k][1]];
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
      t.appendChild(el("b", null, n[0]));
      t.appendChild(el("div", "tip-sub", D.classes[n[1]][1] + " \u00b7 " + n[4] + " relation" + (n[4] === 1 ? "" : "s")));
      if (n[5].length) t.appendChild(el("div", "tip-sub", "also: " + truncate(n[5].join(", "), 120)));
    }, p.pointer);
  });
  network.on("hoverEdge", function (p) {
    var e = E[p.edge];
    showTip(function (t) {
      var head = el("div");
      head.appendChild(el("b", null, N[e[0]][0]));
      head.appendChild(document.createTextNode(" " + edgeLabel(e).replace("\n", " \u00b7 ") + " "));
      head.appendChild(el("b", null, N[e[1]][0]));
      t.appendChild(head);
      if (e[11]) t.appendChild(el("div", "tip-quote", "\u201c" + truncate(e[11], 180) + "\u201d"));
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
    var a = el("a", "entity-link", N[i][0]);
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
    if (!ea[15] !== !eb[15]) return ea[15] ? -1 : 1;
    if (ea[15] && eb[15] && ea[15][0] !== eb[15][0]) return ea[15][0] - eb[15][0];
    return a - b;
  }
  function showNode(i) {
    var n = N[i];
    if (LAZY && ensureEdges(incident[i])) network.redraw();
    state.selected = { node: i };
    updateEgoButton();
    clearDetail();
    body.appendChild(el("h2", null, n[0]));
    var chips = el("div", "chips");
    chips.appendChild(chip(D.classes[n[1]][1], null, classColor[n[1]]));
    chips.appendChild(chip(n[4] + " relation" + (n[4] === 1 ? "" : "s")));
    body.appendChild(chips);
    var rows = [["Also called", n[5].length ? n[5].join(" \u00b7 ") : null]];
    Object.keys(n[6]).sort().forEach(function (k) {
      var v = n[6][k], u = safeUrl(v);
      if (u) { var a = el("a", null, v); a.href = u; a.target = "_blank"; a.rel = "noopener noreferrer"; rows.push([k, a]); }
      else rows.push([k, v]);
    });
    rows.push(["IRI", el("code", null, n[7])]);
    body.appendChild(facts(rows));
    body.appendChild(el("div", "section-title", "Timeline"));
    var list = incident[i].slice().sort(relationSort);
    if (!list.length) body.appendChild(el("p", "empty", "No relations."));
    var ul = el("ul", "timeline");
    list.forEach(function (k) {
      var e = E[k];
      var li = el("li", e[15] ? null : "undated");
      li.style.setProperty("--tl", typeColor(e[2]));
      li.appendChild(el("div", "when", e[15] ? whenText(e) + (e[6] ? "  \u00b7  \u201c" + e[6] + "\u201d" : "") : "undated"));
      var what = el("div", "what");
      what.appendChild(el("span", e[0] === i ? "self" : null, N[e[0]][0]));
      what.appendChild(document.createTextNode(" " + edgeLabel(e).split("\n")[0] + " "));
      what.appendChild(el("span", e[1] === i ? "self" : null, N[e[1]][0]));
      li.appendChild(what);
      if (!edgeVis[k]) li.style.opacity = "0.5";
      li.addEventListener("click", function () { selectEdge(k); });
      ul.appendChild(li);
    });
    body.appendChild(ul);
    openDetail();
  }
  function showEdge(k) {
    var e = E[k], a = A[e[12]] || [];
    state.selected = { edge: k };
    updateEgoButton();
    clearDetail();
    var head = el("div", "triple");
    head.appendChild(entityLink(e[0]));
    head.appendChild(el("span", "verb", edgeLabel(e).split("\n")[0]));
    head.appendChild(entityLink(e[1]));
    body.appendChild(head);
    var chips = el("div", "chips");
    chips.appendChild(chip(typeLabel(e[2]), null, typeColor(e[2])));
    chips.appendChild(chip(e[7], e[7]));
    body.appendChild(chips);
    var date = whenText(e);
    if (date && e[6]) date += "  (\u201c" + e[6] + "\u201d)";
    body.appendChild(facts([["Date", date || "not stated"], ["Role", e[8]]]));
    body.appendChild(el("div", "section-title", "Evidence"));
    body.appendChild(el("blockquote", "evidence", e[11] || "(no sentence recorded)"));
    var title = a[1] || a[0] || "article", url = safeUrl(a[2]), art;
    if (url) {
      art = el("a", null, title); art.href = url; art.target = "_blank"; art.rel = "noopener noreferrer";
    } else {
      art = el("span", null, title);
    }
    var conf = null;
    if (typeof e[9] === "number") {
      conf = el("span");
      var bar = el("span", "bar"), fill = el("span");
      fill.style.width = Math.max(0, Math.min(100, e[9] * 100)) + "%";
      bar.appendChild(fill); conf.appendChild(bar);
      conf.appendChild(document.createTextNode(e[9].toFixed(2)));
    }
    body.appendChild(facts([
      ["Article", art], ["Published", a[3]], ["Outlet", a[4]], ["Speaker", e[13]],
      ["Reported by", e[14]], ["Confidence", conf], ["Rule", e[10] ? el("code", null, e[10]) : null],
      ["Article id", a[0]], ["Statement", el("code", null, e[16])]
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
  E.forEach(function (e, i) { edgeIndex[e[16]] = i; });
  function focusNode(i) {
    if (!nodePasses(i)) {
      state.classOn[N[i][1]] = true;
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
      banner.appendChild(el("span", null, "Ego view: " + N[state.ego][0] + " and " + (state.egoSet.size - 1) + " neighbours"));
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
  var classCount = countBy(N, function (n) { return n[1]; });
  var typeCount = countBy(E, function (e) { return e[2]; });
  var modCount = countBy(E, function (e) { return e[7]; });
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
  var classOrder = D.classes.map(function (c, i) { return i; }).filter(function (i) { return classCount[i]; });
  classOrder.sort(function (a, b) { return (classCount[b] || 0) - (classCount[a] || 0) || (D.classes[a][1] < D.classes[b][1] ? -1 : 1); });
  classOrder.forEach(function (i) {
    var li = legendRow(classColor[i], D.classes[i][1], classCount[i]);
    li.title = "Show or hide " + D.classes[i][1];
    li.addEventListener("click", function () { state.classOn[i] = !state.classOn[i]; refresh(); });
    $("classes").appendChild(li);
    legendItems.classes.push([li, function () { return state.classOn[i]; }]);
  });
  ["cooperation", "conflict", "structure", "interaction", "other"].forEach(function (g) {
    var members = D.types.map(function (t, i) { return i; }).filter(function (i) { return D.types[i][2] === g && typeCount[i]; });
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
    members.sort(function (a, b) { return typeCount[b] - typeCount[a] || (D.types[a][1] < D.types[b][1] ? -1 : 1); });
    members.forEach(function (i) {
      var li = legendRow(GROUP_COLORS[g], D.types[i][1], typeCount[i], true, false);
      li.addEventListener("click", function () { state.typeOn[i] = !state.typeOn[i]; refresh(); });
      ul.appendChild(li);
      legendItems.types.push([li, function () { return state.typeOn[i]; }]);
    });
    $("types").appendChild(ul);
  });
  MODALITIES.forEach(function (m) {
    var li = legendRow("#6b7280", m[1], modCount[m[0]] || 0, true, m[2]);
    li.addEventListener("click", function () { state.modOn[m[0]] = !state.modOn[m[0]]; refresh(); });
    $("modalities").appendChild(li);
    legendItems.modalities.push([li, function () { return state.modOn[m[0]]; }]);
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
      if (e[15]) counts[Math.min(nb - 1, Math.floor((e[15][0] - tmin) / width))]++;
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
  var lowerNames = N.map(function (n) { return n[0].toLowerCase(); });
  var lowerAliases = N.map(function (n) { return n[5].join("\u0001").toLowerCase(); });
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
      if (rank >= 0) out.push([rank, -N[i][4], name, i]);
    }
    out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    return out.slice(0, 10).map(function (x) { return x[3]; });
  }
  function drawMatches() {
    while (matchList.firstChild) matchList.removeChild(matchList.firstChild);
    matches.forEach(function (i, k) {
      var li = el("li", k === active ? "active" : null);
      li.setAttribute("role", "option");
      var d = el("span", "dot"); d.style.background = classColor[N[i][1]]; li.appendChild(d);
      li.appendChild(el("span", null, N[i][0]));
      if (N[i][5].length) li.appendChild(el("span", "alias", N[i][5].join(", ")));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      matchList.appendChild(li);
    });
    matchList.hidden = matches.length === 0;
  }
  function choose(i) {
    searchInput.value = N[i][0];
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
    return list.map(function (x) { return want.has(x[0]) || want.has(x[1]); });
  }
  window.kg = {
    network: network,
    visibleEdgeCount: function () { return visibleEdges; },
    visibleNodeCount: function () { return visibleNodes; },
    visibleEdgeIds: function () { return E.filter(function (e, i) { return edgeVis[i]; }).map(function (e) { return e[16]; }); },
    nodes: nodes, edges: edges,
    setTypes: function (names) { state.typeOn = names ? byName(names, D.types) : D.types.map(function () { return true; }); refresh(); return visibleEdges; },
    setClasses: function (names) { state.classOn = names ? byName(names, D.classes) : D.classes.map(function () { return true; }); refresh(); return visibleEdges; },
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
    selectNode: function (i) { if (typeof i === "string") i = N.findIndex(function (n) { return n[7] === i || n[0] === i; }); focusNode(i); return i; },
    search: function (q) { var m = search(q); if (m.length) focusNode(m[0]); return m.map(function (i) { return N[i][0]; }); },
    ego: function (i) { if (typeof i === "string") i = N.findIndex(function (n) { return n[7] === i || n[0] === i; }); setEgo(i); return visibleNodes; },
    setPhysics: setPhysics,
    edgeIndex: function (iri) { return edgeIndex[iri]; },
    edgeMidpoint: function (k) {
      var p = network.getPositions([E[k][0], E[k][1]]), a = p[E[k][0]], b = p[E[k][1]];
      return network.canvasToDOM({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
    },
    detailText: function () { return detail.hidden ? "" : body.textContent; }
  };
  updateStats();
  drawLegendState();
})();
