/* kg explorer: reads the embedded JSON, draws it with vis-network, builds every piece of the
   DOM with textContent (never innerHTML with data). The statements of one (subject, predicate,
   object) are one link, drawn as one edge; the page labels the entities itself, most important
   first and never one label over another. Nothing here is random: the same data, the same view. */
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
  // nodes, statements (E), links and articles refer to each other (and to classes and types) by index
  var N = records(D.nodes, D.fields.node), E = records(D.edges, D.fields.edge), L = records(D.links, D.fields.link);
  var A = records(D.articles, D.fields.article);
  var CLASSES = records(D.classes, D.fields["class"]), TYPES = records(D.types, D.fields.type);
  // how the ontology is drawn is data (ontology/explorer.yaml), sent with the graph
  var CLASS_COLORS = D.style.classColors, SPARE = D.style.spareColors, GROUP_COLORS = D.style.groupColors;
  var MODALITIES = D.style.modalities;
  var MOD = {};
  MODALITIES.forEach(function (m) { MOD[m.name] = m; });
  var BIG = N.length > 2000 || L.length > 6000;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function safeUrl(u) {
    if (typeof u !== "string") return null;
    try {
      var url = new URL(u);
      return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
    } catch (err) { return null; }
  }
  function plural(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : (many || one + "s")); }
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
  function verb(type, modality) {
    var s = typeLabel(type);
    if (modality === "negated") return "not " + s;
    if (modality !== "asserted" && MOD[modality]) return s + " (" + modality + ")";
    return s;
  }
  function edgeLabel(e) {
    var w = whenText(e), s = verb(e.type, e.modality);
    return w ? s + "\n" + w : s;
  }
  function relationSort(a, b) {   // dated statements first, in date order, then as given
    var ea = E[a], eb = E[b];
    if (!ea.months !== !eb.months) return ea.months ? -1 : 1;
    if (ea.months && eb.months && ea.months[0] !== eb.months[0]) return ea.months[0] - eb.months[0];
    return a - b;
  }

  // ------------------------------------------------------------------ links: statements drawn as one edge
  var linkSt = L.map(function () { return []; });
  E.forEach(function (e, i) { linkSt[e.link].push(i); });
  linkSt.forEach(function (list) { list.sort(relationSort); });
  var incident = N.map(function () { return []; }), incidentLinks = N.map(function () { return []; });
  E.forEach(function (e, i) { incident[e.source].push(i); if (e.target !== e.source) incident[e.target].push(i); });
  L.forEach(function (l, k) { incidentLinks[l.source].push(k); if (l.target !== l.source) incidentLinks[l.target].push(k); });
  function linkModality(k) {   // asserted when one of its statements is, else that of its first
    var list = linkSt[k];
    for (var j = 0; j < list.length; j++) if (E[list[j]].modality === "asserted") return "asserted";
    return E[list[0]].modality;
  }
  function linkWhen(k) {   // the date its statements give, or the span of their dates
    var lo = null, hi = null;
    linkSt[k].forEach(function (i) {
      var e = E[i], a = e.date || e.start, b = e.date || e.end;
      if (a && (lo === null || a < lo)) lo = a;
      if (b && (hi === null || b > hi)) hi = b;
    });
    if (linkSt[k].length === 1) return whenText(E[linkSt[k][0]]);
    if (lo === null) return hi || "";
    return hi === null || hi === lo ? lo : lo + " \u2013 " + hi;
  }
  function linkLabel(k) {
    var n = linkSt[k].length, s = verb(L[k].type, linkModality(k)) + (n > 1 ? " \u00d7" + n : ""), w = linkWhen(k);
    return w ? s + "\n" + w : s;
  }
  var byRank = N.map(function (n, i) { return i; }).sort(function (a, b) { return N[a].rank - N[b].rank; });

  // ------------------------------------------------------------------ state and filters
  var state = {
    classOn: CLASSES.map(function () { return true; }),
    typeOn: TYPES.map(function () { return true; }),
    modOn: MODALITIES.reduce(function (on, m) { on[m.name] = true; return on; }, {}),
    from: null, to: null, undated: true, ego: null, egoSet: null, selected: null,
    minLinks: D.view.minLinks, revealed: new Set(), edgeLabels: true
  };
  var tmin = Infinity, tmax = -Infinity;
  E.forEach(function (e) {
    if (e.months) { tmin = Math.min(tmin, e.months[0]); tmax = Math.max(tmax, e.months[1]); }
  });
  var hasTime = tmin <= tmax;
  if (hasTime) { state.from = tmin; state.to = tmax; }

  function statementPasses(i) {   // type, modality and time: the filters that do not depend on nodes
    var e = E[i];
    if (!state.typeOn[e.type] || !state.modOn[e.modality in state.modOn ? e.modality : "asserted"]) return false;
    if (!e.months) return state.undated;
    return !hasTime || (e.months[1] >= state.from && e.months[0] <= state.to);
  }
  function linkedEnough(i) { return N[i].links >= state.minLinks || state.revealed.has(i); }
  function nodePasses(i) {
    if (!state.classOn[N[i].cls]) return false;
    return state.egoSet !== null ? state.egoSet.has(i) : linkedEnough(i);
  }
  function computeEgo() {
    if (state.ego === null) { state.egoSet = null; return; }
    var set = new Set([state.ego]);
    incident[state.ego].forEach(function (i) {
      if (statementPasses(i)) { set.add(E[i].source); set.add(E[i].target); }
    });
    state.egoSet = set;
  }
  var nodeVis = N.map(function () { return true; }), stVis = E.map(function () { return true; });
  var linkVis = L.map(function () { return true; });
  var visibleNodes = 0, visibleEdges = 0, visibleLinks = 0;
  function computeVisibility() {   // the visibility of every node, statement and link; the links that changed
    var i, changedNodes = [], changedLinks = [];
    visibleNodes = 0; visibleEdges = 0; visibleLinks = 0;
    for (i = 0; i < N.length; i++) {
      var nv = nodePasses(i);
      if (nv) visibleNodes++;
      if (nv !== nodeVis[i]) { nodeVis[i] = nv; changedNodes.push(i); }
    }
    for (i = 0; i < E.length; i++) {
      stVis[i] = statementPasses(i) && nodeVis[E[i].source] && nodeVis[E[i].target];
      if (stVis[i]) visibleEdges++;
    }
    for (i = 0; i < L.length; i++) {
      var lv = linkSt[i].some(function (s) { return stVis[s]; });
      if (lv) visibleLinks++;
      if (lv !== linkVis[i]) { linkVis[i] = lv; changedLinks.push(i); }
    }
    return [changedNodes, changedLinks];
  }
  computeVisibility();

  // ------------------------------------------------------------------ vis data
  var T = window.kgTimings = { parsed: performance.now() };
  var FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif";
  var groups = {};
  function shade(hex, f) {   // a darker (f < 1) version of a #rrggbb colour
    var n = parseInt(hex.slice(1), 16), r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    return "rgb(" + Math.round(r * f) + "," + Math.round(g * f) + "," + Math.round(b * f) + ")";
  }
  CLASSES.forEach(function (c, i) {
    var col = classColor[i];
    groups["c" + i] = { color: { background: col, border: shade(col, 0.78), highlight: { background: col, border: "#111827" },
                                 hover: { background: col, border: "#111827" } } };
  });
  // no vis-network labels: the page draws them (drawLabels)
  var nodes = new vis.DataSet(N.map(function (n, i) {
    return { id: i, x: n.x, y: n.y, size: n.size, group: "c" + n.cls, hidden: !nodeVis[i] };
  }));
  var pairSeen = {}, parallel = L.map(function (l) {   // the k-th link between one pair of entities
    var key = Math.min(l.source, l.target) + "|" + Math.max(l.source, l.target);
    return (pairSeen[key] = (pairSeen[key] || 0) + 1);
  });
  var edgeColors = {};
  function edgeColor(color, opacity) {
    var key = color + opacity;
    return edgeColors[key] || (edgeColors[key] = { color: color, highlight: color, hover: color, opacity: opacity });
  }
  function visEdge(k) {
    var l = L[k], n = linkSt[k].length, p = parallel[k], modality = linkModality(k);
    var m = MOD[modality] || MOD.asserted, neg = modality === "negated";
    var o = { id: k, from: l.source, to: l.target, hidden: !linkVis[k],
              width: Math.min(6, 1.5 + 1.1 * Math.log2(n)), color: edgeColor(typeColor(l.type), neg ? 0.55 : 0.8) };
    if (m.dashes) o.dashes = m.dashes;
    if (neg) { o.arrows = { to: { enabled: true, type: "bar", scaleFactor: 0.55 } }; }
    else if (TYPES[l.type].symmetric) o.arrows = { to: { enabled: false } };
    if (p > 1) {   // links between one pair bend to alternate sides, the same sides whichever way they point
      var cw = (p % 2 === 1) !== (l.source > l.target);
      o.smooth = { enabled: true, type: cw ? "curvedCW" : "curvedCCW", roundness: 0.3 * Math.ceil((p - 1) / 2) };
    }
    return o;
  }
  // Large graphs: vis-network gets a link only once it is in view at a readable zoom (building
  // 30,000 edge objects takes seconds, drawing them one by one ~1 s a frame); until then the page
  // draws links itself, batched by colour, under the nodes.
  var LAZY = BIG;
  var inVis = new Uint8Array(L.length);
  var edges = new vis.DataSet(LAZY ? [] : L.map(function (l, k) { inVis[k] = 1; return visEdge(k); }));
  T.datasets = performance.now();

  var options = {
    autoResize: true,
    groups: groups,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: {
      enabled: false, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.004, springLength: 110,
                          springConstant: 0.06, damping: 0.6, avoidOverlap: 0.2 },
      stabilization: { enabled: false }, minVelocity: 1.5
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: false, hideEdgesOnZoom: false,
                   multiselect: false, navigationButtons: false, keyboard: false },
    nodes: { shape: "dot", borderWidth: 2, borderWidthSelected: 4 },
    edges: { smooth: false, selectionWidth: 2.5, hoverWidth: 0.8,
             arrows: { to: { enabled: true, scaleFactor: 0.55, type: "arrow" } } }
  };
  var container = $("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  T.network = performance.now();

  // Filtering: vis-network rebuilds an edge on every DataSet add, far too slow at 30,000 edges,
  // so visibility is set on its node and edge objects and its visible index lists are refreshed.
  var direct = typeof network._updateVisibleIndices === "function" && network.body && network.body.nodes;
  function applyVisibility() {
    var changed = computeVisibility();
    if (direct) {
      var bn = network.body.nodes, be = network.body.edges;
      changed[0].forEach(function (i) { if (bn[i]) bn[i].options.hidden = !nodeVis[i]; });
      changed[1].forEach(function (k) { if (be[k]) be[k].options.hidden = !linkVis[k]; });
      network._updateVisibleIndices();
      network.redraw();
    } else {
      if (changed[0].length) nodes.update(changed[0].map(function (i) { return { id: i, hidden: !nodeVis[i] }; }));
      var links = changed[1].filter(function (k) { return inVis[k]; });
      if (links.length) edges.update(links.map(function (k) { return { id: k, hidden: !linkVis[k] }; }));
    }
  }
  function ensureEdges(list) {   // put links into vis-network (large graphs); true if any was added
    var add = [];
    for (var j = 0; j < list.length; j++) if (!inVis[list[j]]) { inVis[list[j]] = 1; add.push(list[j]); }
    if (!add.length) return false;
    edges.add(add.map(visEdge));
    if (direct) network._updateVisibleIndices();
    return true;
  }
  var DETAIL_MAX = 1500, pendingAdd = null;
  function selectedLinks() {
    var sel = network.getSelection(), out = sel.edges.slice();
    if (!out.length) sel.nodes.forEach(function (n) { out = out.concat(incidentLinks[n]); });
    return out;
  }
  // Links by importance: the most stated first, then those of the highest ranked entities.
  var linkOrder = L.map(function (l, k) { return k; }).sort(function (a, b) {
    return linkSt[b].length - linkSt[a].length || Math.min(N[L[a].source].rank, N[L[a].target].rank) -
      Math.min(N[L[b].source].rank, N[L[b].target].rank) || a - b;
  });
  // The batched lines of a frame stop at LINE_BUDGET pixels of line, the most important links first
  // (software rendering strokes some 7 million pixels a second): the least important of a dense
  // overview wait until the view is closer.
  var LINE_BUDGET = 1.2e6;
  if (LAZY && direct) {
    network.on("beforeDrawing", function (ctx) {
      var bn = network.body.nodes, rect = container.getBoundingClientRect();
      var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: rect.width, y: rect.height });
      var pad = (br.x - tl.x) * 0.05, x0 = tl.x - pad, y0 = tl.y - pad, x1 = br.x + pad, y1 = br.y + pad;
      var inView = [], i, a, b;
      for (var n = 0; n < linkOrder.length; n++) {
        i = linkOrder[n];
        if (!linkVis[i]) continue;
        a = bn[L[i].source]; b = bn[L[i].target];
        if (Math.max(a.x, b.x) < x0 || Math.min(a.x, b.x) > x1 || Math.max(a.y, b.y) < y0 || Math.min(a.y, b.y) > y1) continue;
        inView.push(i);
      }
      var detail = inView.length <= DETAIL_MAX ? inView : selectedLinks().filter(function (k) { return linkVis[k]; });
      var missing = detail.filter(function (k) { return !inVis[k]; });
      if (missing.length && !pendingAdd) {
        pendingAdd = setTimeout(function () { pendingAdd = null; if (ensureEdges(missing)) network.redraw(); }, 0);
      }
      var shown = new Set();
      network.body.edgeIndices = detail.filter(function (k) { if (inVis[k]) { shown.add(k); return true; } return false; });
      // batched lines for the rest, one colour at a time, up to the budget
      var scale = network.getScale(), paths = {}, used = 0, left = 0;
      for (var j = 0; j < inView.length; j++) {
        i = inView[j];
        if (shown.has(i)) continue;
        a = bn[L[i].source]; b = bn[L[i].target];
        var length = Math.min(Math.hypot(a.x - b.x, a.y - b.y) * scale, rect.width + rect.height);
        if (used + length > LINE_BUDGET) { left++; continue; }
        used += length;
        var key = linkModality(i) === "negated" ? GROUP_COLORS.other : typeColor(L[i].type);
        (paths[key] || (paths[key] = [])).push(i);
      }
      T.linesLeft = left;
      ctx.save();
      ctx.lineWidth = Math.max(1.2, 1 / scale);
      ctx.globalAlpha = inView.length > 5000 ? 0.32 : 0.6;
      Object.keys(paths).forEach(function (color) {
        ctx.beginPath();
        paths[color].forEach(function (k) {
          var p = bn[L[k].source], q = bn[L[k].target];
          ctx.moveTo(p.x, p.y); ctx.lineTo(q.x, q.y);
        });
        ctx.strokeStyle = color;
        ctx.stroke();
      });
      ctx.restore();
    });
  }

  // ------------------------------------------------------------------ focus and labels, drawn over the graph
  // A selection fades everything else: a veil over the canvas, then the selected links and entities
  // drawn again on top of it. Labels come last, in screen pixels: the focus first, then by rank,
  // each only where it overlaps no label already drawn, so a view is never a smudge of text.
  var focus = null;   // { nodes: [indexes], links: [indexes] } while something is selected
  var labelled = [], widths = {};
  var INK = "#1d2330", HALO = "rgba(255,255,255,0.94)", VEIL = "rgba(244,245,247,0.74)";
  function pixelRatio() { return (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1; }
  function drawFocus(ctx) {
    if (!focus) return;
    var pr = pixelRatio(), bn = network.body.nodes, be = network.body.edges;
    ctx.save();
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, container.clientWidth, container.clientHeight);
    ctx.restore();
    focus.links.forEach(function (k) { if (linkVis[k] && be[k]) { be[k].draw(ctx); be[k].drawArrows(ctx); } });
    focus.nodes.forEach(function (i) { if (nodeVis[i] && bn[i]) bn[i].draw(ctx); });
  }
  function drawLabels(ctx) {
    var pr = pixelRatio(), bn = network.body.nodes, be = network.body.edges, scale = network.getScale();
    var origin = network.canvasToDOM({ x: 0, y: 0 }), W = container.clientWidth, H = container.clientHeight;
    var CELL = 64, grid = {}, out = [], tried = 0, j, i, k, x, y, box;
    function cells(b, mark, overDots) {   // b = [x0, y0, x1, y1, owner]: mark it, or check that it
      // overlaps nothing (but its owner's dot, or any dot when overDots)
      for (var cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++) {
        for (var cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) {
          var key = cx + ":" + cy, list = grid[key];
          if (mark) { (grid[key] = list || []).push(b); continue; }
          if (list) for (var q = 0; q < list.length; q++) {
            var o = list[q];
            if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3] && !(o[5] && (overDots || o[4] === b[4]))) return false;
          }
        }
      }
      return true;
    }
    function inside(b) { return b[0] >= 0 && b[1] >= 0 && b[2] <= W && b[3] <= H; }
    function width(font, text) {
      var key = font + "\u0001" + text;
      if (!(key in widths)) { ctx.font = font; widths[key] = ctx.measureText(text).width; }
      return widths[key];
    }
    function text(lines, font, size, x, y, alpha, color) {
      ctx.font = font; ctx.globalAlpha = alpha;
      lines.forEach(function (line, n) {
        ctx.lineWidth = 4; ctx.strokeStyle = HALO; ctx.strokeText(line, x, y + n * (size + 2));
        ctx.fillStyle = color; ctx.fillText(line, x, y + n * (size + 2));
      });
    }
    var screen = [];   // visible dots in view, [node, x, y, r]: obstacles to every label but their own
    for (i = 0; i < N.length; i++) {
      if (!nodeVis[i] || !bn[i]) continue;
      x = origin.x + bn[i].x * scale; y = origin.y + bn[i].y * scale;
      var rr = bn[i].options.size * scale + 1;
      if (x + rr < 0 || x - rr > W || y + rr < 0 || y - rr > H) continue;
      screen[i] = [x, y, rr];
      cells([x - rr, y - rr, x + rr, y + rr, i, true], true);
    }
    var nodeFirst = focus ? focus.nodes : [], nodeFocus = new Set(nodeFirst), order = nodeFirst.concat(byRank), done = new Set();
    ctx.save();
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    for (j = 0; j < order.length && out.length < 400 && tried < 4000; j++) {
      i = order[j];
      if (done.has(i) || !screen[i]) continue;
      done.add(i);
      x = screen[i][0]; y = screen[i][1];
      var r = screen[i][2];
      if (x < 0 || x > W || y < 0 || y > H) continue;
      tried++;
      var strong = nodeFocus.has(i) || N[i].rank < 10, size = strong ? 13.5 : 12;
      var font = (strong ? "600 " : "") + size + "px " + FONT, w = width(font, N[i].label), h = size + 4;
      var spots = [[x, y + r + 1], [x, y - r - 1 - h], [x + r + 4 + w / 2, y - h / 2], [x - r - 4 - w / 2, y - h / 2]];
      box = null;
      for (var sp = 0; sp < spots.length && !box; sp++) {
        var b = [spots[sp][0] - w / 2 - 3, spots[sp][1], spots[sp][0] + w / 2 + 3, spots[sp][1] + h, i];
        if (nodeFocus.has(i) ? sp === 0 : inside(b) && cells(b, false, N[i].rank < 10)) box = b;
      }
      if (!box) continue;
      cells(box, true);
      text([N[i].label], font, size, (box[0] + box[2]) / 2, box[1] + 2, focus && !nodeFocus.has(i) ? 0.35 : 1, INK);
      out.push({ node: i, label: N[i].label, size: size, x0: box[0], y0: box[1], x1: box[2], y1: box[3] });
    }
    // relation labels: those of the focus always, the others where they fit, once the view is close enough
    var linkFirst = focus ? focus.links : [], linkFocus = new Set(linkFirst);
    var links = state.edgeLabels ? linkFirst.concat(scale >= 0.5 ? linkOrder : []) : linkFirst;
    var lfont = "11px " + FONT, drawn = new Set();
    tried = 0;
    for (j = 0; j < links.length && tried < 3000; j++) {
      k = links[j];
      if (drawn.has(k) || !linkVis[k]) continue;
      drawn.add(k);
      var a = bn[L[k].source], b = bn[L[k].target], mid;
      if (!a || !b) continue;
      var ax = origin.x + a.x * scale, ay = origin.y + a.y * scale, bx = origin.x + b.x * scale, by = origin.y + b.y * scale;
      if (Math.max(ax, bx) < 0 || Math.min(ax, bx) > W || Math.max(ay, by) < 0 || Math.min(ay, by) > H) continue;
      tried++;
      if (inVis[k] && be[k] && be[k].edgeType && L[k].source !== L[k].target) {
        mid = be[k].edgeType.getPoint(0.5);
        x = origin.x + mid.x * scale; y = origin.y + mid.y * scale;
      } else {
        x = (ax + bx) / 2; y = (ay + by) / 2;
      }
      var lines = linkLabel(k).split("\n"), lw = Math.max.apply(null, lines.map(function (t) { return width(lfont, t); }));
      var focused = linkFocus.has(k);
      if (!focused && Math.hypot(bx - ax, by - ay) < lw + 24) continue;   // no room along the edge
      box = [x - lw / 2 - 2, y - 7 * lines.length, x + lw / 2 + 2, y + 7 * lines.length, "link"];
      if (!focused && (!inside(box) || !cells(box, false))) continue;
      cells(box, true);
      text(lines, lfont, 11, x, box[1], focus && !focused ? 0.35 : 1, focused ? INK : "#4b5563");
    }
    ctx.restore();
    labelled = out;
  }
  network.on("afterDrawing", function (ctx) {
    var t0 = performance.now();
    drawFocus(ctx);
    drawLabels(ctx);
    T.overlay = performance.now() - t0;   // the last frame's focus and labels, in ms (benchmarks/bench_viz.py)
  });
  function setFocus(f) { focus = f; network.redraw(); }

  // ------------------------------------------------------------------ opening view and ready signal
  function visibleIds() { return N.map(function (n, i) { return i; }).filter(function (i) { return nodeVis[i]; }); }
  function fitVisible(animate) {   // every visible entity in view, clear of the legend at the bottom
    var ids = visibleIds();
    if (!ids.length) return;
    network.fit({ nodes: ids, animation: false });
    var scale = network.getScale() * 0.93, c = network.getViewPosition();
    network.moveTo({ position: { x: c.x, y: c.y + 20 / scale }, scale: scale,
                     animation: animate && !BIG ? { duration: 400 } : false });
  }
  fitVisible(false);
  function markReady() {
    if (window.kgReady) return;
    T.ready = performance.now();
    window.kgReady = true;
    document.body.setAttribute("data-ready", "1");
  }
  network.once("afterDrawing", function () { requestAnimationFrame(markReady); });
  network.redraw();

  // ------------------------------------------------------------------ tooltip
  var tip = $("tip");
  function showTip(build, pointer) {
    clear(tip);
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
      t.appendChild(el("div", "tip-sub", CLASSES[n.cls].label + " \u00b7 " + plural(n.degree, "relation") +
                                         " \u00b7 linked to " + plural(n.links, "entity", "entities")));
      if (n.aliases.length) t.appendChild(el("div", "tip-sub", "also: " + truncate(n.aliases.join(", "), 120)));
    }, p.pointer);
  });
  network.on("hoverEdge", function (p) {
    var l = L[p.edge], list = linkSt[p.edge];
    showTip(function (t) {
      var head = el("div");
      head.appendChild(el("b", null, N[l.source].label));
      head.appendChild(document.createTextNode(" " + linkLabel(p.edge).replace("\n", " \u00b7 ") + " "));
      head.appendChild(el("b", null, N[l.target].label));
      t.appendChild(head);
      var e = E[list[0]];
      if (e.sentence) t.appendChild(el("div", "tip-quote", "\u201c" + truncate(e.sentence, 180) + "\u201d"));
      if (list.length > 1) t.appendChild(el("div", "tip-sub", plural(list.length, "statement") + ": click to read them all"));
    }, p.pointer);
  });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ------------------------------------------------------------------ detail panel (over the graph: the view stays)
  var detail = $("detail"), body = $("detail-body");
  function keepInView(points) {   // pan (never zoom) so that the points are not under the panel
    if (!points.length) return;
    var dom = points.map(function (i) { return network.canvasToDOM(network.getPositions([i])[i]); });
    var W = container.clientWidth, H = container.clientHeight, free = W - detail.offsetWidth, m = 40;
    var x0 = Math.min.apply(null, dom.map(function (p) { return p.x; })), x1 = Math.max.apply(null, dom.map(function (p) { return p.x; }));
    var y0 = Math.min.apply(null, dom.map(function (p) { return p.y; })), y1 = Math.max.apply(null, dom.map(function (p) { return p.y; }));
    var dx = 0, dy = 0;
    if (x1 > free - m || x0 < m) dx = (x0 + x1) / 2 - free / 2;
    if (y1 > H - m || y0 < m) dy = (y0 + y1) / 2 - H / 2;
    if (!dx && !dy) return;
    var scale = network.getScale(), c = network.getViewPosition();
    network.moveTo({ position: { x: c.x + dx / scale, y: c.y + dy / scale }, scale: scale,
                     animation: BIG ? false : { duration: 300, easingFunction: "easeInOutQuad" } });
  }
  function openDetail(points) {
    detail.hidden = false;
    detail.scrollTop = 0;
    keepInView(points);
  }
  function closeDetail() {
    detail.hidden = true; clear(body); state.selected = null; updateEgoButton();
    network.unselectAll();
    setFocus(null);
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
  function showNode(i) {
    var n = N[i];
    if (LAZY && ensureEdges(incidentLinks[i])) network.redraw();
    state.selected = { node: i };
    updateEgoButton();
    clear(body);
    body.appendChild(el("h2", null, n.label));
    var chips = el("div", "chips");
    chips.appendChild(chip(CLASSES[n.cls].label, null, classColor[n.cls]));
    chips.appendChild(chip(plural(n.degree, "relation")));
    chips.appendChild(chip("linked to " + plural(n.links, "entity", "entities")));
    if (n.mentions) chips.appendChild(chip("in " + plural(n.mentions, "article")));
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
      what.appendChild(document.createTextNode(" " + verb(e.type, e.modality) + " "));
      what.appendChild(el("span", e.target === i ? "self" : null, N[e.target].label));
      li.appendChild(what);
      if (!stVis[k]) li.style.opacity = "0.5";
      li.addEventListener("click", function () { selectEdge(k); });
      ul.appendChild(li);
    });
    body.appendChild(ul);
    var near = new Set([i]);
    incidentLinks[i].forEach(function (k) { if (linkVis[k]) { near.add(L[k].source); near.add(L[k].target); } });
    setFocus({ nodes: Array.from(near), links: incidentLinks[i].filter(function (k) { return linkVis[k]; }) });
    openDetail([i]);
  }
  function statementCard(k, chosen) {
    var e = E[k], a = A[e.article] || {};
    var card = el("li", "statement" + (k === chosen ? " chosen" : "") + (stVis[k] ? "" : " filtered"));
    card.setAttribute("data-statement", e.iri);
    var top = el("div", "card-top");
    var date = whenText(e);
    if (date && e.dateText) date += "  (\u201c" + e.dateText + "\u201d)";
    top.appendChild(el("span", "when", date || "date not stated"));
    if (e.modality !== "asserted") top.appendChild(chip(e.modality, e.modality));
    if (e.source !== L[e.link].source) top.appendChild(chip(N[e.source].label + " \u2192 " + N[e.target].label));
    card.appendChild(top);
    card.appendChild(el("blockquote", "evidence", e.sentence || "(no sentence recorded)"));
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
    card.appendChild(facts([
      ["Outlet", a.publisher], ["Article", art], ["Published", a.published], ["Role", e.role],
      ["Speaker", e.speaker], ["Reported by", e.reportedBy], ["Confidence", conf],
      ["Rule", e.rule ? el("code", null, e.rule) : null], ["Article id", a.id], ["Statement", el("code", null, e.iri)]
    ]));
    return card;
  }
  function showLink(k, chosen) {
    var l = L[k], list = linkSt[k];
    if (LAZY) ensureEdges([k]);
    state.selected = { link: k };
    updateEgoButton();
    clear(body);
    var head = el("div", "triple");
    head.appendChild(entityLink(l.source));
    head.appendChild(el("span", "verb", verb(l.type, linkModality(k))));
    head.appendChild(entityLink(l.target));
    body.appendChild(head);
    var chips = el("div", "chips");
    chips.appendChild(chip(typeLabel(l.type), null, typeColor(l.type)));
    chips.appendChild(chip(plural(list.length, "statement")));
    var outlets = new Set(list.map(function (i) { return (A[E[i].article] || {}).publisher; }).filter(Boolean));
    if (outlets.size) chips.appendChild(chip(plural(outlets.size, "outlet")));
    body.appendChild(chips);
    var when = linkWhen(k);
    body.appendChild(facts([["Date", when || "not stated"]]));
    body.appendChild(el("div", "section-title", list.length > 1 ? "Every statement, by date" : "Evidence"));
    var ul = el("ul", "statements");
    list.forEach(function (i) { ul.appendChild(statementCard(i, chosen)); });
    body.appendChild(ul);
    if (linkVis[k]) network.setSelection({ nodes: [l.source, l.target], edges: [k] }, { unselectAll: true, highlightEdges: false });
    setFocus({ nodes: [l.source, l.target], links: [k] });
    openDetail([l.source, l.target]);
    var card = chosen !== undefined && list.length > 1 && body.querySelector(".statement.chosen");
    if (card) detail.scrollTop = card.offsetTop - 12;
  }

  // ------------------------------------------------------------------ selection, focus, ego
  var edgeIndex = {};
  E.forEach(function (e, i) { edgeIndex[e.iri] = i; });
  function selectEdge(k) {   // a statement, by index or IRI: its link, with the statement marked
    if (typeof k === "string") k = edgeIndex[k];
    if (k === undefined || !E[k]) return false;
    showLink(E[k].link, k);
    return true;
  }
  function reveal(i) {   // an entity hidden by the threshold, shown with the entities it is linked to
    if (!state.classOn[N[i].cls]) state.classOn[N[i].cls] = true;
    if (state.egoSet && !state.egoSet.has(i)) state.ego = null;
    if (!linkedEnough(i)) {
      state.revealed.add(i);
      incidentLinks[i].forEach(function (k) { state.revealed.add(L[k].source); state.revealed.add(L[k].target); });
    }
    refresh();
  }
  function focusNode(i) {
    if (!nodePasses(i)) reveal(i);
    if (LAZY) ensureEdges(incidentLinks[i]);
    network.selectNodes([i]);
    var scale = Math.max(network.getScale(), 0.6);
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
    clear(banner);
    if (state.ego !== null) {
      banner.appendChild(el("span", null, "Ego view: " + N[state.ego].label + " and " + plural(state.egoSet.size - 1, "neighbour")));
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
    else if (p.edges.length) showLink(p.edges[0]);
    else if (!detail.hidden) closeDetail();
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) setEgo(p.nodes[0]); });

  // ------------------------------------------------------------------ controls
  function refresh() {
    computeEgo();
    applyVisibility();
    if (focus) {
      focus = { nodes: focus.nodes.filter(function (i) { return nodeVis[i]; }), links: focus.links.filter(function (k) { return linkVis[k]; }) };
    }
    updateStats();
    drawLegendState();
    drawHidden();
  }
  function updateStats() {
    $("stats").textContent = visibleNodes.toLocaleString("en") + " of " + N.length.toLocaleString("en") +
      " entities \u00b7 " + visibleEdges.toLocaleString("en") + " of " + E.length.toLocaleString("en") + " relations";
  }
  // what the threshold hides, by how many entities each is linked to
  var maxLinks = N.reduce(function (m, n) { return Math.max(m, n.links); }, 0);
  var slider = $("min-links");
  slider.max = Math.max(1, Math.min(maxLinks, 30));
  slider.value = state.minLinks;
  function drawHidden() {
    var note = $("hidden-note"), by = {}, total = 0;
    $("min-links-value").textContent = state.minLinks;
    slider.value = state.minLinks;
    clear(note);
    if (state.egoSet === null) {
      N.forEach(function (n, i) {
        if (state.classOn[n.cls] && !linkedEnough(i)) { by[n.links] = (by[n.links] || 0) + 1; total++; }
      });
    }
    if (!total) { note.hidden = true; return; }
    var parts = [], rest = 0;
    Object.keys(by).map(Number).sort(function (a, b) { return a - b; }).forEach(function (k) {
      if (k === 0) parts.push(plural(by[k], "entity", "entities") + " with no relation");
      else if (k === 1) parts.push(by[k].toLocaleString("en") + " linked to one other");
      else rest += by[k];
    });
    if (rest) parts.push(rest.toLocaleString("en") + " linked to " + (state.minLinks > 3 ? "2 to " + (state.minLinks - 1) : state.minLinks - 1) + " others");
    note.appendChild(el("span", "note-title", "Hidden: "));
    note.appendChild(el("span", null, parts.join(", ")));
    var show = el("button", "link", "show all");
    show.addEventListener("click", function () { setMinLinks(0); fitVisible(true); });
    note.appendChild(show);
    note.hidden = false;
  }
  function setMinLinks(k) {
    state.minLinks = Math.max(0, +k || 0);
    state.revealed = new Set();
    refresh();
    return visibleNodes;
  }
  slider.addEventListener("input", function () { setMinLinks(this.value); });
  if (D.omitted) {
    var o = D.omitted;
    $("omitted").textContent = "A large graph: this page holds its " + (o.total_entities - o.entities).toLocaleString("en") +
      " most linked entities (of " + o.total_entities.toLocaleString("en") + ") and " +
      (o.total_statements - o.statements).toLocaleString("en") + " of its " + o.total_statements.toLocaleString("en") +
      " relations, each with all its statements. The build holds the rest (kg query).";
    $("omitted").hidden = false;
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
  var fromInput = $("time-from"), toInput = $("time-to"), bins = [];
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
      s.title = plural(c, "relation");
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
  $("edge-labels").addEventListener("change", function () { state.edgeLabels = this.checked; network.redraw(); });
  $("fit").addEventListener("click", function () { fitVisible(true); });
  $("reset").addEventListener("click", function () {
    state.classOn = state.classOn.map(function () { return true; });
    state.typeOn = state.typeOn.map(function () { return true; });
    Object.keys(state.modOn).forEach(function (k) { state.modOn[k] = true; });
    if (hasTime) { state.from = tmin; state.to = tmax; fromInput.value = tmin; toInput.value = tmax; }
    state.undated = true; $("undated").checked = true;
    state.minLinks = D.view.minLinks; state.revealed = new Set();
    timeLabel();
    closeDetail();
    setEgo(null);
    fitVisible(false);
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
      if (rank >= 0) out.push([rank, N[i].rank, i]);
    }
    out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return out.slice(0, 10).map(function (x) { return x[2]; });
  }
  function drawMatches() {
    clear(matchList);
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
  function nodeIndex(i) {
    return typeof i === "string" ? N.findIndex(function (n) { return n.iri === i || n.label === i; }) : i;
  }
  function linkMidpoint(k) {   // where the drawn edge of link k passes halfway, in page pixels of the graph
    var be = network.body.edges[k], p;
    if (be && be.edgeType && typeof be.edgeType.getPoint === "function") p = be.edgeType.getPoint(0.5);
    else {
      var q = network.getPositions([L[k].source, L[k].target]), a = q[L[k].source], b = q[L[k].target];
      p = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
    return network.canvasToDOM({ x: p.x, y: p.y });
  }
  window.kg = {
    network: network,
    visibleEdgeCount: function () { return visibleEdges; },
    visibleNodeCount: function () { return visibleNodes; },
    visibleLinkCount: function () { return visibleLinks; },
    visibleEdgeIds: function () { return E.filter(function (e, i) { return stVis[i]; }).map(function (e) { return e.iri; }); },
    visibleNodeIds: visibleIds,
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
    setMinLinks: setMinLinks,
    minLinks: function () { return state.minLinks; },
    selectEdge: selectEdge,
    selectLink: function (k) { showLink(k); return linkSt[k].length; },
    linkOf: function (k) { return E[k].link; },
    linkStatements: function (k) { return linkSt[k].map(function (i) { return E[i].iri; }); },
    selectNode: function (i) { i = nodeIndex(i); focusNode(i); return i; },
    search: function (q) { var m = search(q); if (m.length) focusNode(m[0]); return m.map(function (i) { return N[i].label; }); },
    ego: function (i) { setEgo(nodeIndex(i)); return visibleNodes; },
    setPhysics: setPhysics,
    edgeIndex: function (iri) { return edgeIndex[iri]; },
    edgeMidpoint: function (k) { return linkMidpoint(E[k].link); },
    linkMidpoint: linkMidpoint,
    labels: function () { return labelled.slice(); },
    focused: function () { return focus ? { nodes: focus.nodes.slice(), links: focus.links.slice() } : null; },
    detailText: function () { return detail.hidden ? "" : body.textContent; }
  };
  updateStats();
  drawLegendState();
  drawHidden();
})();
