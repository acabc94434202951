// The query page of `diplomap serve`: pick a saved query, run it against /sparql, show a table.
// Every value from the store goes into the page through textContent or an href, never innerHTML.
"use strict";

(function () {
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const examples = document.getElementById("examples");
  const description = document.getElementById("example-description");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const base = form.dataset.base || "";
  const saved = JSON.parse(document.getElementById("saved-queries").textContent || "[]");
  const prefixNode = document.getElementById("prefix-table");
  const prefixTable = Object.entries(prefixNode ? JSON.parse(prefixNode.textContent || "{}") : {})
    .sort((a, b) => b[1].length - a[1].length);  // the longest namespace that fits wins

  // prefix:local for an IRI under a known namespace (a plain local name only), else null.
  function compact(iri) {
    for (const [prefix, namespace] of prefixTable) {
      if (iri.startsWith(namespace)) {
        const local = iri.slice(namespace.length);
        if (local && /^[A-Za-z0-9_.-]+$/.test(local) && !local.endsWith(".")) return prefix + ":" + local;
      }
    }
    return null;
  }

  for (const item of saved) {
    const option = document.createElement("option");
    option.value = item.name;
    option.textContent = item.title ? item.title + " (" + item.name + ")" : item.name;
    examples.appendChild(option);
  }

  const paramBox = document.getElementById("params");

  // One text field per parameter of the chosen saved query.
  function showParams(item) {
    for (const old of paramBox.querySelectorAll("p")) old.remove();
    const fields = (item && item.fields) || [];
    paramBox.hidden = fields.length === 0;
    for (const field of fields) {
      const row = document.createElement("p");
      const label = document.createElement("label");
      label.htmlFor = "param-" + field.name;
      label.textContent = field.name + " ";
      const input = document.createElement("input");
      input.id = "param-" + field.name;
      input.name = field.name;
      input.dataset.param = field.name;
      input.placeholder = field.kind === "label" ? "a name, e.g. Bac Ninh, or an IRI" : field.kind;
      const hint = document.createElement("span");
      hint.className = "note";
      hint.textContent = " " + (field.description || "");
      row.append(label, input, hint);
      paramBox.appendChild(row);
    }
  }

  examples.addEventListener("change", function () {
    const item = saved.find((q) => q.name === examples.value);
    if (item) {
      editor.value = item.text;
      description.textContent = item.description || "";
    }
    showParams(item);
  });

  // The saved query's text with the filled parameters bound by the server (as RDF terms).
  async function queryText() {
    const item = saved.find((q) => q.name === examples.value);
    if (!item || editor.value !== item.text) return editor.value;
    const values = new URLSearchParams();
    for (const input of paramBox.querySelectorAll("input[data-param]")) {
      if (input.value.trim()) values.append(input.dataset.param, input.value.trim());
    }
    if (![...values.keys()].length) return editor.value;
    const response = await fetch("/saved/" + encodeURIComponent(item.name) + "?" + values.toString(),
                                 { headers: { "Accept": "application/json" } });
    const answer = await response.json();
    if (!response.ok || answer.error) throw new Error(answer.error || ("error " + response.status));
    return answer.query;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // A link for IRIs: entity IRIs of this dataset open their page on this server.
  function termNode(term) {
    if (term.type === "uri") {
      const link = document.createElement("a");
      const value = term.value;
      if (base && value.startsWith(base)) {
        link.href = "/id/" + value.slice(base.length);
      } else if (/^https?:\/\//i.test(value)) {
        link.href = value;
        link.rel = "noopener noreferrer";
      }
      const short = compact(value);
      link.textContent = short || value;
      if (short) link.title = value;
      return link;
    }
    let text = term.type === "bnode" ? "_:" + term.value : term.value;
    if (term["xml:lang"]) text += " @" + term["xml:lang"];
    return document.createTextNode(text);
  }

  function showTable(data) {
    const vars = data.head.vars || [];
    const rows = data.results.bindings;
    const table = document.createElement("table");
    table.id = "results-table";
    const head = table.createTHead().insertRow();
    for (const name of vars) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of rows) {
      const tr = body.insertRow();
      for (const name of vars) {
        const td = tr.insertCell();
        if (binding[name]) td.appendChild(termNode(binding[name]));
      }
    }
    results.appendChild(table);
    return rows.length;
  }

  function showText(text, className) {
    const pre = document.createElement("pre");
    pre.className = className;
    pre.textContent = text;
    results.appendChild(pre);
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    clear(results);
    status.textContent = "running…";
    const started = performance.now();
    try {
      let text;
      try {
        text = await queryText();
      } catch (error) {
        status.textContent = "parameter error";
        showText(error.message, "error");
        return;
      }
      const response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/sparql-query",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: text,
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        status.textContent = "error " + response.status;
        showText(await response.text(), "error");
        return;
      }
      const capped = response.headers.get("X-SPARQL-MaxRows");
      const suffix = capped ? " (cut at " + capped + " rows)" : "";
      if (type.startsWith("application/sparql-results+json")) {
        const data = await response.json();
        if (typeof data.boolean === "boolean") {
          showText(String(data.boolean), "boolean");
          status.textContent = "answer in " + seconds + " s";
        } else {
          const count = showTable(data);
          status.textContent = count + " rows in " + seconds + " s" + suffix;
        }
      } else {
        showText(await response.text(), "graph");
        status.textContent = "graph in " + seconds + " s" + suffix;
      }
    } catch (error) {
      status.textContent = "request failed";
      showText(String(error), "error");
    }
  });
})();
