/* diplomap geographic map.
 * The basemap is decoded from the inlined TopoJSON; places and relations are SVG elements in
 * longitude / -latitude coordinates (plate carrée). Every piece of text from the data is placed
 * with textContent: article text is never parsed as HTML. Links are made only for http(s) URLs. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("diplomap-data").textContent);
  var topology = JSON.parse(document.getElementById("diplomap-basemap").textContent);
  var svg = document.getElementById("dm-geo");
  var classStyle = {}, predStyle = {};
  data.classes.forEach(function (c) { classStyle[c.name] = c; });
  data.predicates.forEach(function (p) { predStyle[p.name] = p; });
  var STAGES = ["Proposed", "Negotiating", "Signed", "Active"];

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function isWebUrl(url) { return typeof url === "string" && /^https?:\/\/[^\s<>"]+$/i.test(url); }
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u0111\u0110]/g, "d").toLowerCase().replace(/[^0-9a-z]+/g, " ").trim();
  }

  /* ---- basemap: TopoJSON arcs (quantized, delta-encoded) to SVG paths ---- */
  var scale = topology.transform.scale, translate = topology.transform.translate;
  var arcs = topology.arcs.map(function (arc) {
    var x = 0, y = 0;
    return arc.map(function (p) {
      x += p[0]; y += p[1];
      return [x * scale[0] + translate[0], -(y * scale[1] + translate[1])];
    });
  });
  function ring(indexes) {
    var points = [];
    indexes.forEach(function (i) {
      var arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      arc.forEach(function (p, k) { if (k > 0 || points.length === 0) points.push(p); });
    });
    // Rings that cross the antimeridian (Chukotka, Fiji) continue past +-180 instead of striping the map.
    for (var k = 1, shift = 0; k < points.length; k++) {
      var jump = points[k][0] + shift - points[k - 1][0];
      if (jump > 180) shift -= 360; else if (jump < -180) shift += 360;
      if (shift) points[k] = [points[k][0] + shift, points[k][1]];
    }
    return "M" + points.map(function (p) { return p[0].toFixed(3) + " " + p[1].toFixed(3); }).join("L") + "Z";
  }
  var countriesLayer = document.getElementById("dm-countries");
  topology.objects.countries.geometries.forEach(function (g) {
    var polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    if (!polygons.length) return;
    var d = polygons.map(function (poly) { return poly.map(ring).join(""); }).join("");
    var path = svgEl("path", { d: d });
    var name = (g.properties && g.properties.name) || "";
    if (name === "Vietnam") path.setAttribute("class", "dm-vietnam");
    var t = svgEl("title"); t.textContent = name; path.appendChild(t);
    countriesLayer.appendChild(path);
  });

  /* ---- view: a viewBox we pan and zoom ---- */
  var view = { x: -180, y: -90, w: 360, h: 180 };
  var pointRadiusPx = 5;
  function pxPerUnit() {
    var box = svg.getBoundingClientRect();
    return Math.min(box.width / view.w, box.height / view.h) || 1;
  }
  function applyView() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    var r = pointRadiusPx / pxPerUnit();
    circles.forEach(function (c) { c.setAttribute("r", (r * c.dmScale).toFixed(4)); });
  }
  function zoomTo(west, north, east, south) {
    var w = Math.max(east - west, 0.5), h = Math.max(south - north, 0.5);
    var box = svg.getBoundingClientRect(), aspect = (box.width || 4) / (box.height || 2);
    if (w / h < aspect) { var nw = h * aspect; west -= (nw - w) / 2; w = nw; }
    else { var nh = w / aspect; north -= (nh - h) / 2; h = nh; }
    view = { x: west, y: north, w: w, h: h };
    applyView();
  }
  function zoomWorld() { zoomTo(-180, -85, 180, 70); }
  function zoomVietnam() { zoomTo(100.5, -24.5, 111.5, -7.5); }
  function zoomNode(n, span) { span = span || 3; zoomTo(n.x - span, n.y - span, n.x + span, n.y + span); }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect(), k = ev.deltaY > 0 ? 1.25 : 0.8;
    var unit = pxPerUnit();
    var cx = view.x + (ev.clientX - box.left - (box.width - view.w * unit) / 2) / unit;
    var cy = view.y + (ev.clientY - box.top - (box.height - view.h * unit) / 2) / unit;
    var nw = Math.min(Math.max(view.w * k, 0.2), 720);
    var f = nw / view.w;
    view = { x: cx - (cx - view.x) * f, y: cy - (cy - view.y) * f, w: nw, h: view.h * f };
    applyView();
  }, { passive: false });
  var drag = null;
  svg.addEventListener("mousedown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, view: Object.assign({}, view), moved: false };
    svg.classList.add("dm-dragging");
  });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var unit = pxPerUnit(), dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view = { x: drag.view.x - dx / unit, y: drag.view.y - dy / unit, w: view.w, h: view.h };
    applyView();
  });
  window.addEventListener("mouseup", function () { svg.classList.remove("dm-dragging"); setTimeout(function () { drag = null; }, 0); });
  window.addEventListener("resize", applyView);

  /* ---- relations as arcs, places as points ---- */
  var arcLayer = document.getElementById("dm-arcs"), pointLayer = document.getElementById("dm-points");
  var nodeById = {}, circles = [], arcPaths = [];
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var pairs = {};
  data.edges.forEach(function (e) {
    var a = nodeById[e.from], b = nodeById[e.to];
    var key = Math.min(e.from, e.to) + "-" + Math.max(e.from, e.to);
    var nth = pairs[key] = (pairs[key] === undefined ? 0 : pairs[key] + 1);
    var dx = b.x - a.x, dy = b.y - a.y, dist = Math.sqrt(dx * dx + dy * dy) || 1;
    var bend = (0.18 + 0.12 * Math.floor(nth / 2)) * (nth % 2 === 0 ? 1 : -1) * (e.from < e.to ? 1 : -1);
    var cx = (a.x + b.x) / 2 - dy * bend, cy = (a.y + b.y) / 2 + dx * bend;
    var style = predStyle[e.p] || { color: "#999" };
    var path = svgEl("path", { d: "M" + a.x + " " + a.y + "Q" + cx.toFixed(4) + " " + cy.toFixed(4) + " " + b.x + " " + b.y,
                               stroke: style.color });
    var dashes = data.dashes[e.status];
    if (dashes) path.setAttribute("stroke-dasharray", dashes.join(" "));
    path.dmEdge = e;
    e.dmPath = path;
    arcLayer.appendChild(path);
    arcPaths.push(path);
    if (dist < 1e-6) path.setAttribute("d", "M" + a.x + " " + a.y + "l0.001 0");
  });
  var degree = {};
  data.edges.forEach(function (e) { degree[e.from] = (degree[e.from] || 0) + 1; degree[e.to] = (degree[e.to] || 0) + 1; });
  data.nodes.forEach(function (n) {
    var style = classStyle[n.cls] || { color: "#c7c7c7" };
    var c = svgEl("circle", { cx: n.x, cy: n.y, r: 0.5, fill: style.color, "data-iri": n.iri });
    c.dmScale = Math.min(1 + Math.sqrt(degree[n.id] || 0) * 0.25, 2.2);
    if (n.at) c.setAttribute("class", "dm-approx");
    c.dmNode = n;
    n.dmCircle = c;
    pointLayer.appendChild(c);
    circles.push(c);
  });

  /* ---- details and tooltips ---- */
  var tooltip = document.getElementById("dm-tooltip"), details = document.getElementById("dm-details");
  function nodeDetails(n) {
    var box = el("div");
    box.appendChild(el("h3", n.label));
    var dl = el("dl");
    function row(k, v) { if (v !== null && v !== undefined && v !== "") { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); } }
    row("class", n.cls); row("Vietnamese", n.vi); row("country", n.country);
    row("point", n.lat.toFixed(4) + ", " + n.long.toFixed(4));
    if (n.at) row("drawn at", n.at + " (no point of its own)");
    row("IRI", n.iri);
    box.appendChild(dl);
    return box;
  }
  function edgeDetails(e) {
    var box = el("div"), a = nodeById[e.from], b = nodeById[e.to];
    box.appendChild(el("h3", a.label + " — " + ((predStyle[e.p] || {}).label || e.p) + " — " + b.label));
    var dl = el("dl");
    function row(k, v) { if (v !== null && v !== undefined && v !== "") { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); } }
    row("stage", e.status); row("date", e.date); row("role", e.role);
    if (e.amount) row("amount", e.amount + " " + (e.currency || ""));
    row("confidence", e.confidence);
    box.appendChild(dl);
    (e.evidence || []).forEach(function (ev) {
      var q = el("div", null, "dm-evidence");
      q.appendChild(el("q", ev[0]));
      var src = el("span", null, "dm-source");
      if (isWebUrl(ev[3])) {
        var a2 = el("a", ev[1] || ev[3]); a2.href = ev[3]; a2.rel = "noopener noreferrer"; a2.target = "_blank";
        src.appendChild(a2);
      } else if (ev[1]) src.appendChild(document.createTextNode(ev[1]));
      if (ev[2]) src.appendChild(document.createTextNode(" · " + ev[2]));
      q.appendChild(src);
      box.appendChild(q);
    });
    return box;
  }
  function showTooltip(content, ev) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    tooltip.style.left = Math.min(ev.clientX + 14, window.innerWidth - 440) + "px";
    tooltip.style.top = Math.min(ev.clientY + 14, window.innerHeight - 200) + "px";
  }
  var selected = null;
  function select(target) {
    if (selected) selected.classList.remove("dm-selected");
    selected = target;
    if (!target) return;
    target.classList.add("dm-selected");
    details.replaceChildren(target.dmNode ? nodeDetails(target.dmNode) : edgeDetails(target.dmEdge));
  }
  [pointLayer, arcLayer].forEach(function (layer) {
    layer.addEventListener("mouseover", function (ev) {
      var t = ev.target;
      if (t.dmNode) showTooltip(nodeDetails(t.dmNode), ev);
      else if (t.dmEdge) showTooltip(edgeDetails(t.dmEdge), ev);
    });
    layer.addEventListener("mouseout", function () { tooltip.hidden = true; });
    layer.addEventListener("click", function (ev) {
      if (drag && drag.moved) return;
      if (ev.target.dmNode || ev.target.dmEdge) select(ev.target);
    });
  });

  /* ---- filters ---- */
  var hiddenClasses = new Set(), hiddenPredicates = new Set(), hiddenStages = new Set();
  function refresh() {
    data.nodes.forEach(function (n) { n.dmCircle.style.display = hiddenClasses.has(n.cls) ? "none" : ""; });
    data.edges.forEach(function (e) {
      var hide = hiddenPredicates.has(e.p) || hiddenStages.has(e.status || "none") ||
        hiddenClasses.has(nodeById[e.from].cls) || hiddenClasses.has(nodeById[e.to].cls);
      e.dmPath.style.display = hide ? "none" : "";
    });
  }
  function checkbox(container, name, text, count, swatch, onChange) {
    var label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.name = name;
    box.addEventListener("change", function () { onChange(box.checked); refresh(); });
    label.appendChild(box);
    if (swatch) label.appendChild(swatch);
    label.appendChild(el("span", text));
    if (count !== null) label.appendChild(el("span", count, "dm-count"));
    container.appendChild(label);
  }
  function dot(color) { var s = el("span", null, "dm-swatch"); s.style.cssText = "width:10px;height:10px;border-radius:50%;background:" + color; return s; }
  function line(color, dashes) {
    var s = el("span", null, "dm-line");
    s.style.borderTopColor = color;
    if (dashes) s.style.borderTopStyle = dashes[0] > 4 ? "dashed" : "dotted";
    return s;
  }
  data.classes.forEach(function (c) {
    checkbox(document.getElementById("dm-classes"), c.name, c.name, c.count, dot(c.color), function (on) {
      if (on) hiddenClasses.delete(c.name); else hiddenClasses.add(c.name);
    });
  });
  data.predicates.forEach(function (p) {
    checkbox(document.getElementById("dm-predicates"), p.name, p.label, p.count, line(p.color), function (on) {
      if (on) hiddenPredicates.delete(p.name); else hiddenPredicates.add(p.name);
    });
  });
  STAGES.concat(["none"]).forEach(function (s) {
    var count = data.edges.filter(function (e) { return (e.status || "none") === s; }).length;
    if (!count) return;
    checkbox(document.getElementById("dm-stages"), s, s === "none" ? "no stage stated" : s, count,
      line("#555", data.dashes[s]), function (on) { if (on) hiddenStages.delete(s); else hiddenStages.add(s); });
  });

  /* ---- search and zoom ---- */
  var names = document.getElementById("dm-names"), byName = {};
  data.nodes.forEach(function (n) {
    [n.label, n.vi].forEach(function (name) {
      if (!name) return;
      if (!byName[fold(name)]) { byName[fold(name)] = n; names.appendChild(el("option", name)); }
    });
  });
  document.getElementById("dm-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = fold(document.getElementById("dm-search").value), result = document.getElementById("dm-search-result");
    var n = byName[q] || data.nodes.find(function (m) { return fold(m.label).indexOf(q) >= 0 || fold(m.vi).indexOf(q) >= 0; });
    if (!q || !n) { result.textContent = q ? "not found" : ""; return; }
    result.textContent = n.label;
    zoomNode(n, 4);
    select(n.dmCircle);
  });
  var provinceSelect = document.getElementById("dm-zoom-province");
  data.provinces.forEach(function (p) { var o = el("option", p.label); o.value = String(p.id); provinceSelect.appendChild(o); });
  provinceSelect.addEventListener("change", function () {
    var n = nodeById[provinceSelect.value];
    if (n) { zoomNode(n, 1.5); select(n.dmCircle); }
  });
  document.getElementById("dm-zoom-world").addEventListener("click", zoomWorld);
  document.getElementById("dm-zoom-vietnam").addEventListener("click", zoomVietnam);

  refresh();
  if (data.nodes.some(function (n) { return n.country === "Vietnam" || n.cls === "Province"; }) && data.nodes.length < 8) zoomVietnam();
  else zoomWorld();
  function visible(layer) {
    return Array.prototype.filter.call(layer.childNodes, function (c) { return c.style.display !== "none"; }).length;
  }
  window.diplomapGeoReadyAt = performance.now();
  window.diplomapGeo = { ready: true, data: data, countries: countriesLayer.childNodes.length,
                         zoomTo: zoomTo, zoomVietnam: zoomVietnam, zoomWorld: zoomWorld,
                         visiblePoints: function () { return visible(pointLayer); },
                         visibleArcs: function () { return visible(arcLayer); },
                         view: function () { return Object.assign({}, view); } };
})();
