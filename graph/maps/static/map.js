/* diplomap relationship map.
 * Every piece of text from the data is placed with textContent or as a canvas label:
 * article text is never parsed as HTML. Links are made only for http(s) URLs. */
(function () {
  "use strict";

  var timings = { start: performance.now() };
  var data = JSON.parse(document.getElementById("diplomap-data").textContent);
  timings.parsed = performance.now();
  var classStyle = {};
  data.classes.forEach(function (c) { classStyle[c.name] = c; });
  var predStyle = {};
  data.predicates.forEach(function (p) { predStyle[p.name] = p; });
  var nodeInfo = {};
  data.nodes.forEach(function (n) { nodeInfo[n.id] = n; });
  var edgeInfo = {};
  data.edges.forEach(function (e) { edgeInfo[e.id] = e; });
  var big = data.nodes.length > 500;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function isWebUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s<>"]+$/i.test(url);
  }

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u0111\u0110]/g, "d").toLowerCase().replace(/[^0-9a-z]+/g, " ").trim();
  }

  /* ---- vis data ---- */
  var visNodes = data.nodes.map(function (n) {
    var style = classStyle[n.cls];
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, cls: n.cls,
      shape: style.shape,
      color: { background: style.color, border: "#333333",
               highlight: { background: style.color, border: "#000000" },
               hover: { background: style.color, border: "#000000" } }
    };
  });
  var visEdges = data.edges.map(function (e) {
    var style = predStyle[e.p];
    var item = {
      id: e.id, from: e.from, to: e.to, p: e.p,
      color: { color: style.color, highlight: style.color, hover: style.color },
      dashes: data.dashes[e.status] || false
    };
    if (e.pairSize > 1) {
      // Bend to one side or the other relative to the pair's own order, not the edge's direction.
      var side = (e.nth % 2 === 0) !== (e.from > e.to);
      item.smooth = { enabled: true, type: side ? "curvedCW" : "curvedCCW",
                      roundness: 0.2 + 0.2 * Math.floor(e.nth / 2) };
    }
    return item;
  });

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var hiddenClasses = new Set();
  var hiddenPredicates = new Set();
  var hiddenStages = new Set();
  var years = { from: data.years.min, to: data.years.max, undated: true };
  var pinned = new Set();  // shown even without a visible relation: the focus, a found entity
  if (data.focus !== null && data.focus !== undefined) pinned.add(data.focus);

  function yearOf(e) {
    var y = e.date ? parseInt(String(e.date).slice(0, 4), 10) : NaN;
    return isNaN(y) ? null : y;
  }

  /* A relation is visible when its kind, stage, years and both ends' classes are. */
  function edgeVisible(e) {
    if (hiddenPredicates.has(e.p)) return false;
    if (e.status && hiddenStages.has(e.status)) return false;
    var y = yearOf(e);
    if (y === null) { if (!years.undated) return false; }
    else if (years.from !== null && (y < years.from || y > years.to)) return false;
    return !hiddenClasses.has(nodeInfo[e.from].cls) && !hiddenClasses.has(nodeInfo[e.to].cls);
  }

  var visibleDegree = {};
  function recount() {
    visibleDegree = {};
    data.edges.forEach(function (e) {
      if (!edgeVisible(e)) return;
      visibleDegree[e.from] = (visibleDegree[e.from] || 0) + 1;
      visibleDegree[e.to] = (visibleDegree[e.to] || 0) + 1;
    });
  }
  recount();

  /* An entity left without a visible relation is hidden too. */
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) {
      return !hiddenClasses.has(n.cls) && (visibleDegree[n.id] > 0 || pinned.has(n.id));
    }
  });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return edgeVisible(edgeInfo[e.id]); } });

  timings.datasets = performance.now();
  var container = document.getElementById("dm-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    nodes: { borderWidth: 1, font: { size: 14, strokeWidth: 4, strokeColor: "#ffffff", color: "#111111" } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } }, width: 1.5, smooth: false,
      font: { size: 12, align: "middle", color: "#333333", strokeWidth: 4, strokeColor: "#ffffff" }
    }
  });

  /* ---- readable labels ----
   * Labels keep the same size on screen at any zoom (12-17 px by importance). The most central
   * entities are labelled first; a label that would overlap one already placed, or run off the
   * canvas, waits until the user zooms in. A relation is labelled only where its line is long
   * enough to hold the words. */
  var LABEL_PX = { min: 12, max: 17 }, EDGE_LABEL_PX = 12;
  var topSize = Math.max.apply(null, data.nodes.map(function (n) { return n.size; }).concat([1]));
  var measure = document.createElement("canvas").getContext("2d");
  function textWidth(text, px) {
    measure.font = px + "px system-ui, sans-serif";
    return measure.measureText(String(text)).width;
  }
  function labelPx(n) { return LABEL_PX.min + (LABEL_PX.max - LABEL_PX.min) * Math.min(1, n.size / topSize); }
  var labelBoxes = [];  // what is drawn now, in DOM px: {id, x0, y0, x1, y1, px}
  // vis keeps drawing the old words when a label becomes "": a hidden label is one space.
  var HIDDEN = " ";

  function declutter() {
    var scale = network.getScale();
    var width = container.clientWidth, height = container.clientHeight;
    var ids = nodeView.getIds().sort(function (a, b) {
      return nodeInfo[b].size - nodeInfo[a].size || a - b;
    });
    var where = network.getPositions(ids);
    var kept = [], nodeUpdates = [];
    function overlaps(box) {
      for (var i = 0; i < kept.length; i++) {
        var k = kept[i];
        if (box.x0 < k.x1 && k.x0 < box.x1 && box.y0 < k.y1 && k.y0 < box.y1) return true;
      }
      return false;
    }
    ids.forEach(function (id) {
      var n = nodeInfo[id], px = labelPx(n);
      var at = network.canvasToDOM(where[id]);
      var w = textWidth(n.label, px) + 6;
      var top = at.y + n.size * scale + 2;
      var box = { id: id, x0: at.x - w / 2, x1: at.x + w / 2, y0: top, y1: top + px * 1.3, px: px };
      var show = box.x0 >= 0 && box.x1 <= width && box.y0 >= 0 && box.y1 <= height && !overlaps(box);
      if (show) kept.push(box);
      var current = nodes.get(id);
      var label = show ? n.label : HIDDEN;
      var size = Math.round(px / scale * 10) / 10;
      if (current.label !== label || !current.font || current.font.size !== size) {
        nodeUpdates.push({ id: id, label: label, font: { size: size } });
      }
    });
    var edgeUpdates = [];
    if (data.edgeLabels) {
      var edgePx = Math.round(EDGE_LABEL_PX / scale * 10) / 10;
      edgeView.getIds().forEach(function (id) {
        var e = edgeInfo[id], text = predStyle[e.p].label;
        var ends = network.getPositions([e.from, e.to]);
        var a = network.canvasToDOM(ends[e.from] || { x: 0, y: 0 });
        var b = network.canvasToDOM(ends[e.to] || { x: 0, y: 0 });
        var long = Math.hypot(a.x - b.x, a.y - b.y) - (nodeInfo[e.from].size + nodeInfo[e.to].size) * scale;
        var w = textWidth(text, EDGE_LABEL_PX) + 8;
        var mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        // vis turns the words along the line: the box of the turned text
        var angle = Math.atan2(b.y - a.y, b.x - a.x), h = EDGE_LABEL_PX * 1.3;
        var bw = Math.abs(w * Math.cos(angle)) + Math.abs(h * Math.sin(angle));
        var bh = Math.abs(w * Math.sin(angle)) + Math.abs(h * Math.cos(angle));
        var box = { id: id, x0: mid.x - bw / 2, x1: mid.x + bw / 2, y0: mid.y - bh / 2, y1: mid.y + bh / 2,
                    px: EDGE_LABEL_PX, edge: true };
        var show = e.pairSize === 1 && long > w + 16 && !overlaps(box);
        if (show) kept.push(box);
        var current = edges.get(id);
        var label = show ? text : HIDDEN;
        if (current.label !== label || !current.font || current.font.size !== edgePx) {
          edgeUpdates.push({ id: id, label: label, font: { size: edgePx } });
        }
      });
    }
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    labelBoxes = kept;
  }

  var declutterTimer = null;
  function declutterSoon() {
    if (declutterTimer) clearTimeout(declutterTimer);
    declutterTimer = setTimeout(function () { declutterTimer = null; declutter(); }, 120);
  }

  // Physics is off, so nothing fits the view to the layout unless asked. Leave a margin for
  // the labels of entities on the rim.
  function fitView() {
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.9, animation: false });
  }
  fitView();
  declutter();
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  timings.network = performance.now();

  /* ---- tooltips and details ---- */
  function addRow(dl, name, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", name));
    dl.appendChild(el("dd", value));
  }

  function nodeContent(id) {
    var n = nodeInfo[id];
    var box = el("div");
    box.appendChild(el("h3", n.label));
    var dl = el("dl");
    addRow(dl, "Vietnamese", n.vi);
    addRow(dl, "Class", n.cls);
    addRow(dl, "Country", n.country);
    addRow(dl, "Relations", network.getConnectedEdges(id).length);
    addRow(dl, "IRI", n.iri);
    box.appendChild(dl);
    return box;
  }

  function formatAmount(amount, currency) {
    if (!amount) return null;
    var value = Number(amount);
    var text = isFinite(value) ? value.toLocaleString("en", { maximumFractionDigits: 2 }) : String(amount);
    return text + (currency ? " " + currency : "");
  }

  var STAGE_RANK = { Active: 4, Signed: 3, Negotiating: 2, Proposed: 1 };

  /* The entity panel: every visible relation of the entity, grouped by kind and direction,
   * each with its stage, date, amount or post, the evidence sentences and their articles. */
  function entityPanel(id) {
    var n = nodeInfo[id];
    var box = el("div", null, "dm-entity");
    box.appendChild(el("h3", n.label));
    var dl = el("dl");
    addRow(dl, "Vietnamese", n.vi);
    addRow(dl, "Class", n.cls);
    addRow(dl, "Country", n.country);
    addRow(dl, "IRI", n.iri);
    box.appendChild(dl);
    var groups = {}, order = [], hidden = 0;
    data.edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) return;
      if (!edgeVisible(e)) { hidden++; return; }
      var outward = e.from === id;
      var key = e.p + (outward || e.p === "partnerOf" || e.p === "cooperatesWith" ? ":out" : ":in");
      if (!groups[key]) {
        groups[key] = { title: predStyle[e.p].groups[outward ? 0 : 1], p: e.p, items: [] };
        order.push(key);
      }
      groups[key].items.push({ edge: e, other: outward ? e.to : e.from });
    });
    var kinds = data.predicates.map(function (p) { return p.name; });
    order.sort(function (a, b) {
      return kinds.indexOf(groups[a].p) - kinds.indexOf(groups[b].p) || (a < b ? -1 : 1);
    });
    if (!order.length) box.appendChild(el("p", "No relation is visible with the current filters.", "dm-hint"));
    order.forEach(function (key) {
      var group = groups[key];
      var heading = el("h4");
      heading.appendChild(el("span", group.title, "dm-group-title"));
      heading.appendChild(el("span", String(group.items.length), "dm-count"));
      box.appendChild(heading);
      var list = el("div", null, "dm-group");
      list.dataset.predicate = group.p;
      group.items.sort(function (a, b) {
        return (STAGE_RANK[b.edge.status] || 0) - (STAGE_RANK[a.edge.status] || 0) ||
          nodeInfo[a.other].label.localeCompare(nodeInfo[b.other].label);
      });
      group.items.forEach(function (item) {
        var e = item.edge, rel = el("div", null, "dm-rel");
        rel.dataset.edge = e.id;
        var head = el("div", null, "dm-rel-head");
        var go = el("button", nodeInfo[item.other].label);
        go.type = "button";
        go.title = "Show " + nodeInfo[item.other].label;
        go.addEventListener("click", function () { select(item.other); });
        head.appendChild(go);
        if (e.status) head.appendChild(el("span", e.status, "dm-fact dm-stage dm-stage-" + e.status));
        if (e.date) head.appendChild(el("span", e.date, "dm-fact dm-date"));
        var amount = formatAmount(e.amount, e.currency);
        if (amount) head.appendChild(el("span", amount, "dm-fact dm-amount"));
        if (e.role) head.appendChild(el("span", e.role, "dm-fact dm-role"));
        rel.appendChild(head);
        e.evidence.forEach(function (ev) { rel.appendChild(evidenceBlock(ev)); });
        if (!e.evidence.length && e.p === "replacedBy") {
          rel.appendChild(el("p", "From the gazetteer: the 1 July 2025 merger of provinces.", "dm-hint"));
        }
        list.appendChild(rel);
      });
      box.appendChild(list);
    });
    if (hidden) {
      box.appendChild(el("p", hidden + (hidden === 1 ? " more relation is" : " more relations are") +
        " hidden by the filters.", "dm-hint"));
    }
    return box;
  }

  function evidenceBlock(ev) {
    var block = el("div", null, "dm-evidence");
    block.appendChild(el("q", ev[0]));
    var source = el("span", null, "dm-source");
    var title = ev[1] || "untitled article";
    if (isWebUrl(ev[3])) {
      var link = el("a", title);
      link.href = ev[3];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      source.appendChild(link);
    } else {
      source.appendChild(el("span", title));
    }
    if (ev[2]) source.appendChild(el("span", " (" + ev[2] + ")"));
    block.appendChild(source);
    return block;
  }

  function edgeContent(id, limit) {
    var e = edgeInfo[id];
    var box = el("div");
    box.appendChild(el("h3", nodeInfo[e.from].label + " \u2192 " + predStyle[e.p].label +
      " \u2192 " + nodeInfo[e.to].label));
    var dl = el("dl");
    addRow(dl, "Stage", e.status);
    addRow(dl, "Date", e.date);
    addRow(dl, "Amount", e.amount ? e.amount + " " + (e.currency || "") : null);
    addRow(dl, "Role", e.role);
    addRow(dl, "Confidence", e.confidence);
    addRow(dl, "Sources", e.evidenceTotal || e.evidence.length);
    box.appendChild(dl);
    var shown = limit ? e.evidence.slice(0, limit) : e.evidence;
    shown.forEach(function (ev) { box.appendChild(evidenceBlock(ev)); });
    if (shown.length < e.evidence.length) {
      box.appendChild(el("p", "\u2026 and " + (e.evidence.length - shown.length) + " more (click to see all)", "dm-hint"));
    } else if (e.evidenceTotal > e.evidence.length) {  /* a large map keeps the latest few */
      box.appendChild(el("p", "The latest " + e.evidence.length + " of " + e.evidenceTotal +
        " statements; a map of fewer entities (--focus, --types) shows them all.", "dm-hint"));
    }
    return box;
  }

  var tooltip = document.getElementById("dm-tooltip");
  var details = document.getElementById("dm-details");
  var mouse = { x: 0, y: 0 };
  container.addEventListener("mousemove", function (event) {
    mouse.x = event.clientX; mouse.y = event.clientY;
    if (!tooltip.hidden) placeTooltip();
  });

  function placeTooltip() {
    var x = mouse.x + 14, y = mouse.y + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth) x = Math.max(0, mouse.x - w - 14);
    if (y + h > window.innerHeight) y = Math.max(0, mouse.y - h - 14);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function showTooltip(content) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    placeTooltip();
  }

  function hideTooltip() { tooltip.hidden = true; }

  var detailsFor = null;  // the entity whose panel is open, redrawn when filters change
  function showDetails(content, nodeId) {
    detailsFor = nodeId === undefined ? null : nodeId;
    details.replaceChildren(content);
  }

  network.on("hoverNode", function (p) { showTooltip(nodeContent(p.node)); });
  network.on("hoverEdge", function (p) { showTooltip(edgeContent(p.edge, 3)); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    if (p.nodes.length) showDetails(entityPanel(p.nodes[0]), p.nodes[0]);
    else if (p.edges.length) showDetails(edgeContent(p.edges[0]));
  });

  /* ---- legend and filters ---- */
  var SVG = "http://www.w3.org/2000/svg";
  function shapeSwatch(shape, color) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16"); svg.setAttribute("class", "dm-swatch");
    var points = {
      square: "2,2 14,2 14,14 2,14",
      diamond: "8,1 15,8 8,15 1,8",
      triangle: "8,1 15,14 1,14",
      triangleDown: "1,2 15,2 8,15",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
      star: "8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.7 3.2,15 5,9.5 0.5,6 6,6"
    }[shape];
    var mark = document.createElementNS(SVG, points ? "polygon" : "circle");
    if (points) mark.setAttribute("points", points);
    else { mark.setAttribute("cx", "8"); mark.setAttribute("cy", "8"); mark.setAttribute("r", "6.5"); }
    mark.setAttribute("fill", color); mark.setAttribute("stroke", "#333"); mark.setAttribute("stroke-width", "1");
    svg.appendChild(mark);
    return svg;
  }

  function lineSwatch(color, style) {
    var line = el("span", null, "dm-line");
    line.style.borderTopColor = color;
    line.style.borderTopStyle = style || "solid";
    return line;
  }

  function filterRow(swatch, text, count, onToggle, kind, name) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.kind = kind;
    box.dataset.name = name;
    box.addEventListener("change", function () { onToggle(box.checked); });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", text));
    if (count !== null) label.appendChild(el("span", count.toLocaleString("en"), "dm-count"));
    return label;
  }

  function refresh() {
    recount();
    edgeView.refresh();
    nodeView.refresh();
    yearNote();
    if (detailsFor !== null) showDetails(entityPanel(detailsFor), detailsFor);
    declutter();
  }

  function toggle(set, name) {
    return function (on) { if (on) set.delete(name); else set.add(name); refresh(); };
  }

  var classBoxes = document.getElementById("dm-classes");
  data.classes.forEach(function (c) {
    classBoxes.appendChild(filterRow(shapeSwatch(c.shape, c.color), c.name, c.count,
      toggle(hiddenClasses, c.name), "class", c.name));
  });
  var predicateBoxes = document.getElementById("dm-predicates");
  data.predicates.forEach(function (p) {
    predicateBoxes.appendChild(filterRow(lineSwatch(p.color), p.label, p.count,
      toggle(hiddenPredicates, p.name), "predicate", p.name));
  });
  var stages = document.getElementById("dm-stages");
  data.stages.forEach(function (s) {
    stages.appendChild(filterRow(lineSwatch("#d62728", s.style), s.name.toLowerCase(), s.count,
      toggle(hiddenStages, s.name), "stage", s.name));
  });
  if (!data.stages.length) stages.appendChild(el("p", "no partnership here", "dm-hint"));

  /* ---- years ---- */
  var fromBox = document.getElementById("dm-year-from"), toBox = document.getElementById("dm-year-to");
  var undatedBox = document.getElementById("dm-undated");
  var datedCount = data.edges.filter(function (e) { return yearOf(e) !== null; }).length;
  document.getElementById("dm-undated-count").textContent = data.years.undated.toLocaleString("en");
  function yearNote() {
    var note = document.getElementById("dm-year-note");
    if (years.from === null) {
      note.textContent = "No relation here has a date.";
      return;
    }
    var inRange = data.edges.filter(function (e) {
      var y = yearOf(e);
      return y !== null && y >= years.from && y <= years.to;
    }).length;
    document.getElementById("dm-year-from-value").textContent = years.from;
    document.getElementById("dm-year-to-value").textContent = years.to;
    note.textContent = inRange + " of " + datedCount + " dated relations fall in " + years.from +
      "–" + years.to + "; " + data.years.undated + " relations have no date" +
      (years.undated ? " (shown)." : " (hidden).");
  }
  if (years.from === null) {
    fromBox.disabled = toBox.disabled = true;
  } else {
    [fromBox, toBox].forEach(function (box) {
      box.min = data.years.min; box.max = data.years.max; box.step = 1;
    });
    fromBox.value = data.years.min; toBox.value = data.years.max;
    fromBox.addEventListener("input", function () {
      if (+fromBox.value > +toBox.value) toBox.value = fromBox.value;
      years.from = +fromBox.value; years.to = +toBox.value; refresh();
    });
    toBox.addEventListener("input", function () {
      if (+toBox.value < +fromBox.value) fromBox.value = toBox.value;
      years.from = +fromBox.value; years.to = +toBox.value; refresh();
    });
  }
  undatedBox.addEventListener("change", function () { years.undated = undatedBox.checked; refresh(); });
  yearNote();

  /* ---- search ---- */
  var names = document.getElementById("dm-names");
  var searchIndex = data.nodes.map(function (n) {
    var option = document.createElement("option");
    option.value = n.label;
    names.appendChild(option);
    return { id: n.id, keys: [fold(n.label), fold(n.vi)].filter(Boolean) };
  });
  var result = document.getElementById("dm-search-result");

  function findNode(query) {
    var q = fold(query);
    if (!q) return null;
    var tests = [
      function (k) { return k === q; },
      function (k) { return k.indexOf(q) === 0; },
      function (k) { return k.indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < searchIndex.length; i++) {
        if (searchIndex[i].keys.some(tests[t])) return searchIndex[i].id;
      }
    }
    return null;
  }

  function find(query) {
    var id = findNode(query);
    if (id === null) {
      result.textContent = "no match";
      return null;
    }
    select(id);
    result.textContent = nodeInfo[id].label;
    return id;
  }

  /* Select an entity, centre it and open its panel; a hidden entity comes back. */
  function select(id) {
    var n = nodeInfo[id];
    if (hiddenClasses.has(n.cls)) {  // a hidden class comes back rather than hiding the answer
      hiddenClasses.delete(n.cls);
      var box = classBoxes.querySelector('input[data-name="' + n.cls + '"]');
      if (box) box.checked = true;
    }
    pinned.add(id);
    refresh();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showDetails(entityPanel(id), id);
    declutter();
  }

  document.getElementById("dm-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    find(document.getElementById("dm-search").value);
  });

  window.diplomapNetwork = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    data: data, find: find, select: select, timings: timings, fit: function () { fitView(); declutter(); },
    labels: function () { return labelBoxes.slice(); }
  };
  network.once("afterDrawing", function () {
    window.diplomapReadyAt = timings.drawn = performance.now();
    window.diplomapReady = true;
  });
})();
