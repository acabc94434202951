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
      id: e.id, from: e.from, to: e.to, p: e.p, label: data.edgeLabels ? style.label : undefined,
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
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenClasses.has(n.cls); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      return !hiddenPredicates.has(e.p) && !hiddenClasses.has(nodeInfo[e.from].cls) &&
        !hiddenClasses.has(nodeInfo[e.to].cls);
    }
  });

  timings.datasets = performance.now();
  var container = document.getElementById("dm-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    nodes: { borderWidth: 1, font: { size: 14, strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } }, width: 1.5, smooth: false,
      font: { size: 10, align: "middle", color: "#444444", strokeWidth: 3, strokeColor: "#ffffff" }
    }
  });

  // Physics is off, so nothing fits the view to the layout unless asked.
  network.fit({ animation: false });
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
    addRow(dl, "Sources", e.evidence.length);
    box.appendChild(dl);
    var shown = limit ? e.evidence.slice(0, limit) : e.evidence;
    shown.forEach(function (ev) { box.appendChild(evidenceBlock(ev)); });
    if (shown.length < e.evidence.length) {
      box.appendChild(el("p", "\u2026 and " + (e.evidence.length - shown.length) + " more (click to see all)", "dm-hint"));
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

  function showDetails(content) { details.replaceChildren(content); }

  network.on("hoverNode", function (p) { showTooltip(nodeContent(p.node)); });
  network.on("hoverEdge", function (p) { showTooltip(edgeContent(p.edge, 3)); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    if (p.nodes.length) showDetails(nodeContent(p.nodes[0]));
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

  var classBoxes = document.getElementById("dm-classes");
  data.classes.forEach(function (c) {
    classBoxes.appendChild(filterRow(shapeSwatch(c.shape, c.color), c.name, c.count, function (on) {
      if (on) hiddenClasses.delete(c.name); else hiddenClasses.add(c.name);
      nodeView.refresh(); edgeView.refresh();
    }, "class", c.name));
  });
  var predicateBoxes = document.getElementById("dm-predicates");
  data.predicates.forEach(function (p) {
    predicateBoxes.appendChild(filterRow(lineSwatch(p.color), p.label, p.count, function (on) {
      if (on) hiddenPredicates.delete(p.name); else hiddenPredicates.add(p.name);
      edgeView.refresh();
    }, "predicate", p.name));
  });
  var stages = document.getElementById("dm-stages");
  [["signed or active", "solid"], ["negotiating", "dotted"], ["proposed", "dashed"]].forEach(function (s) {
    var row = el("div");
    row.className = "dm-stage";
    row.appendChild(lineSwatch("#d62728", s[1]));
    row.appendChild(el("span", " " + s[0]));
    stages.appendChild(row);
  });

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
    var n = nodeInfo[id];
    if (hiddenClasses.has(n.cls)) {  // a hidden class comes back rather than hiding the answer
      hiddenClasses.delete(n.cls);
      var box = classBoxes.querySelector('input[data-name="' + n.cls + '"]');
      if (box) box.checked = true;
      nodeView.refresh(); edgeView.refresh();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showDetails(nodeContent(id));
    result.textContent = n.label;
    return id;
  }

  document.getElementById("dm-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    find(document.getElementById("dm-search").value);
  });

  window.diplomapNetwork = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    data: data, find: find, timings: timings
  };
  network.once("afterDrawing", function () {
    window.diplomapReadyAt = timings.drawn = performance.now();
    window.diplomapReady = true;
  });
})();
