// signalkg's report.html viewer: draws the entity view with sigma.js (WebGL) at the positions
// signalkg computed, and builds search, filters, the entity panel and the tables.
// Every text here comes from reports and is untrusted: it reaches the page only as text nodes
// (append, textContent) or canvas labels, never as markup, and links only when http(s).
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('signalkg-data').textContent);
  performance.mark('signalkg-parsed');
  const byId = (id) => document.getElementById(id);

  // An element with attributes (fixed names only) and children (nodes, or strings as text).
  function el(tag, attributes, ...children) {
    const e = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'class') e.className = value;
      else e.setAttribute(name, value);
    }
    for (const child of children) if (child !== null && child !== undefined) e.append(child);
    return e;
  }

  // A link for an http(s) address, or null for anything else (javascript:, data:, ...).
  function webLink(address, text) {
    let url;
    try { url = new URL(address); } catch (e) { return null; }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' }, text);
  }

  // Four significant digits, trailing zeros of the fraction dropped (1200.4 -> 1200, 0.1500 -> 0.15).
  const number = (v) => (typeof v !== 'number' ? String(v)
    : Number.isInteger(v) ? v.toLocaleString('en')
      : v.toPrecision(4).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''));

  // ---- the data -------------------------------------------------------------------------
  const measureIndex = {};
  data.measures.forEach((m, i) => { measureIndex[m] = i; });
  const toNode = (n, i) => ({
    i, label: n[0], aliases: n[1], type: n[2], first: n[3], last: n[4],
    x: n[5], y: n[6], measures: n[7], drawn: n[5] !== null,
  });
  const nodes = data.nodes.map(toNode);  // the drawn ones; loadMore() adds the others
  const measure = (node, name) => node.measures[measureIndex[name]];
  const links = data.links.map((l, i) => ({
    i, source: l[0], target: l[1], kind: l[2], weight: l[3], count: l[4], first: l[5],
    last: l[6], statements: l[7], moreStatements: l[8], drawn: true,
  }));
  const linksOf = nodes.map(() => []);
  function addLinks(list) {
    for (const link of list) {
      linksOf[link.source].push(link);
      if (link.target !== link.source) linksOf[link.target].push(link);
    }
  }
  addLinks(links);
  const types = [...new Set(nodes.map((n) => n.type))].sort();
  const typeColors = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948',
    '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  const typeColor = (type) => typeColors[types.indexOf(type) % typeColors.length];
  const communityColor = (c) => data.community_colors[c % data.community_colors.length];

  // ---- header ---------------------------------------------------------------------------
  const c = data.counts;
  document.title = data.title;
  byId('title').textContent = data.title;
  let summary = `${number(c.reports)} reports; ${number(c.entities)} entities and ` +
    `${number(c.links)} links in the entity view. Drawn: ${number(c.drawn)} entities`;
  if (data.focus) {
    summary += ` (within ${data.depth} hop${data.depth === 1 ? '' : 's'} of ${data.focus}, at most ${number(c.top)} by PageRank)`;
  } else if (c.drawn < c.entities) {
    summary += ` (the ${number(c.top)} with the highest PageRank; the other ` +
      `${number(c.listed - c.drawn)} are found by search)`;
  }
  summary += ` and ${number(c.drawn_links)} links`;
  if (c.drawn_links < c.links_among_drawn) {
    summary += ` of the ${number(c.links_among_drawn)} among them (each drawn entity's heaviest, ` +
      `then the heaviest); a panel also lists an entity's ${c.links_per_entity} heaviest links`;
  }
  summary += `. A drawn link names at most ${c.statements_per_link} of its statements, each ` +
    `with at most ${c.reports_per_statement} reports; the rest are counted.`;
  byId('summary').textContent = summary;
  byId('footer').textContent = `Made by ${data.generator}. Graph drawn with sigma.js; ` +
    'positions computed by Graphviz. This page loads nothing from the network.';

  // ---- the graph ------------------------------------------------------------------------
  // graphology holds the drawn entities and links (keys: node and link indices as strings);
  // sigma.js draws them with WebGL. Filters and the selection are reducers: they change what is
  // drawn, never the graph.
  const drawn = nodes.filter((n) => n.drawn);
  let sizeBy = 'pagerank';
  let colorBy = 'community';
  // Radii in layout units (points): the layout left room for diameters of 18 to 72.
  function sizes() {
    let max = 0;
    for (const n of drawn) max = Math.max(max, measure(n, sizeBy));
    return (n) => 9 + 27 * (max > 0 ? Math.sqrt(Math.max(0, measure(n, sizeBy)) / max) : 0);
  }
  const nodeColor = (n) => (colorBy === 'type' ? typeColor(n.type)
    : communityColor(measure(n, 'community')));
  let maxWeight = 0;
  for (const l of links) maxWeight = Math.max(maxWeight, l.weight);
  const graph = new graphology.Graph({ type: 'undirected', multi: true, allowSelfLoops: true });
  const size = sizes();
  for (const n of drawn) {
    // Graphviz's y axis, already turned to point down, turned back: sigma's points up.
    graph.addNode(String(n.i), { x: n.x, y: -n.y, size: size(n), color: nodeColor(n), label: n.label });
  }
  for (const l of links) {
    graph.addEdgeWithKey(String(l.i), String(l.source), String(l.target),
      { color: data.kind_colors[l.kind], size: 0.5 + 4 * Math.sqrt(l.weight / (maxWeight || 1)) });
  }
  const hiddenNodes = new Set();
  const hiddenLinks = new Set();
  let neighbourhood = null;  // the selected entity and its neighbours, when one is selected
  let chosen = null;
  const settings = {
    itemSizesReference: 'positions',
    zoomToSizeRatioFunction: (ratio) => ratio,
    labelRenderedSizeThreshold: 6,
    // One label per 200-pixel cell (sigma's default is 100): longer names overlapped their
    // neighbours' in the rows of unlinked entities.
    labelGridCellSize: 200,
    labelFont: 'system-ui, Helvetica, Arial, sans-serif',
    zIndex: true,
    nodeReducer: (key, attributes) => {
      const result = { ...attributes };
      if (hiddenNodes.has(key)) result.hidden = true;
      if (neighbourhood && !neighbourhood.has(key)) {
        result.color = '#e4e4e4';
        result.label = '';
        result.zIndex = 0;
      } else if (neighbourhood) {
        result.zIndex = 1;
        result.forceLabel = true;
      }
      if (key === String(chosen)) result.highlighted = true;
      return result;
    },
    edgeReducer: (key, attributes) => {
      const result = { ...attributes };
      const [source, target] = graph.extremities(key);
      if (hiddenLinks.has(key) || hiddenNodes.has(source) || hiddenNodes.has(target)) result.hidden = true;
      if (neighbourhood && source !== String(chosen) && target !== String(chosen)) result.hidden = true;
      return result;
    },
  };
  // Without WebGL (a browser or machine that has none) the graph cannot be drawn; search, the
  // panel and the tables still work, on a renderer that draws nothing.
  let renderer;
  try {
    renderer = new Sigma(graph, byId('graph'), settings);
  } catch (error) {
    byId('graph').replaceChildren(el('p', { class: 'hint' },
      `This browser cannot draw the graph (WebGL: ${error.message}). Search, the entity panel and the tables work.`));
    const camera = { animate() {}, animatedReset() {} };
    renderer = { refresh() {}, on() {}, getCamera: () => camera, getNodeDisplayData: () => ({ x: 0, y: 0 }) };
  }
  performance.mark('signalkg-graph');
  // For scripts and tests: what is drawn, and selection by node index.
  window.signalkgViewer = {
    drawnNodes: () => graph.mapNodes((key, a) => a.label),
    drawnLinks: () => graph.size,
    chosen: () => (chosen === null ? null : nodes[chosen].label),
    // What the filters leave on screen.
    visible: () => ({
      nodes: graph.filterNodes((key) => !hiddenNodes.has(key)).length,
      links: graph.filterEdges((key, a, source, target) => !hiddenLinks.has(key) &&
        !hiddenNodes.has(source) && !hiddenNodes.has(target)).length,
    }),
    labels: () => nodes.map((n) => n.label),
    select: (i) => select(i),
  };

  // ---- legend ---------------------------------------------------------------------------
  const presentKinds = [...new Set(links.map((l) => l.kind))].sort((a, b) => a - b);
  function drawLegend() {
    const legend = byId('legend');
    legend.replaceChildren();
    for (const k of presentKinds) {
      const line = el('span', { class: 'line' });
      line.style.background = data.kind_colors[k];
      legend.append(el('span', null, line, data.kinds[k]));
    }
    if (colorBy === 'type') {
      for (const t of types) {
        const dot = el('span', { class: 'swatch' });
        dot.style.background = typeColor(t);
        legend.append(el('span', null, dot, t));
      }
    } else {
      for (const community of communities.slice(0, 12)) {
        const dot = el('span', { class: 'swatch' });
        dot.style.background = communityColor(community.id);
        legend.append(el('span', null, dot, `community ${community.id}: ${community.names}`));
      }
      if (communities.length > 12) legend.append(el('span', { class: 'muted' }, `and ${communities.length - 12} more communities`));
    }
    legend.append(el('span', { class: 'muted' }, `size: ${sizeBy === 'pagerank' ? 'PageRank' : 'degree'}`));
  }
  // Communities of the drawn entities, largest first, named by their top members.
  const communities = (() => {
    const members = new Map();
    for (const n of drawn) {
      const id = measure(n, 'community');
      if (!members.has(id)) members.set(id, []);
      members.get(id).push(n);
    }
    return [...members.entries()].map(([id, list]) => {
      list.sort((a, b) => measure(b, 'pagerank') - measure(a, 'pagerank'));
      return { id, size: list.length, names: list.slice(0, 3).map((n) => n.label).join(', ') };
    }).sort((a, b) => b.size - a.size || a.id - b.id);
  })();

  // ---- filters --------------------------------------------------------------------------
  const kindBoxes = byId('kinds');
  const kindOn = new Set(presentKinds);
  for (const k of presentKinds) {
    const box = el('input', { type: 'checkbox', 'data-kind': String(k) });
    box.checked = true;
    box.addEventListener('change', () => { if (box.checked) kindOn.add(k); else kindOn.delete(k); applyFilters(); });
    kindBoxes.append(el('label', null, box, ' ' + data.kinds[k]));
  }
  const minWeight = byId('min-weight');
  minWeight.value = String(data.min_weight || 0);
  minWeight.addEventListener('input', applyFilters);
  const communitySelect = byId('community');
  for (const community of communities) {
    communitySelect.append(el('option', { value: String(community.id) }, `${community.id} (${community.size}): ${community.names}`));
  }
  communitySelect.addEventListener('change', applyFilters);
  const dates = [...new Set([...nodes.flatMap((n) => [n.first, n.last]), ...links.flatMap((l) => [l.first, l.last])]
    .filter((d) => d))].sort();
  const dateFrom = byId('date-from');
  const dateTo = byId('date-to');
  if (dates.length < 2) {
    byId('dates').hidden = true;
  } else {
    for (const input of [dateFrom, dateTo]) {
      input.min = '0';
      input.max = String(dates.length - 1);
      input.step = '1';
      input.addEventListener('input', () => {
        if (Number(dateFrom.value) > Number(dateTo.value)) {
          if (input === dateFrom) dateTo.value = dateFrom.value; else dateFrom.value = dateTo.value;
        }
        applyFilters();
      });
    }
    dateFrom.value = '0';
    dateTo.value = String(dates.length - 1);
  }
  // Seen within the date range: first seen by its end, last seen from its start (undated: yes).
  function seenInRange(first, last) {
    if (!first || dates.length < 2) return true;
    return first <= dates[Number(dateTo.value)] && last >= dates[Number(dateFrom.value)];
  }
  function applyFilters() {
    const weight = Number(minWeight.value) || 0;
    const community = communitySelect.value;
    if (dates.length >= 2) byId('date-label').textContent = `${dates[Number(dateFrom.value)]} – ${dates[Number(dateTo.value)]}`;
    hiddenNodes.clear();
    hiddenLinks.clear();
    for (const n of drawn) {
      const show = (community === '' || String(measure(n, 'community')) === community) && seenInRange(n.first, n.last);
      if (!show) hiddenNodes.add(String(n.i));
    }
    for (const l of links) {
      if (!l.drawn) continue;
      if (!kindOn.has(l.kind) || l.weight < weight || !seenInRange(l.first, l.last)) hiddenLinks.add(String(l.i));
    }
    renderer.refresh();
  }
  byId('size-by').addEventListener('change', (event) => {
    sizeBy = event.target.value;
    const sizeOf = sizes();
    for (const n of drawn) graph.setNodeAttribute(String(n.i), 'size', sizeOf(n));
    drawLegend();
  });
  byId('color-by').addEventListener('change', (event) => {
    colorBy = event.target.value;
    for (const n of drawn) graph.setNodeAttribute(String(n.i), 'color', nodeColor(n));
    drawLegend();
  });
  byId('fit').addEventListener('click', () => renderer.getCamera().animatedReset({ duration: 300 }));

  // ---- search with completion -----------------------------------------------------------
  const searchInput = byId('search');
  const suggestions = byId('suggestions');
  const names = [];
  function addNames(list) {
    for (const n of list) {
      names.push({ key: n.label.toLowerCase(), node: n, alias: null });
      for (const alias of n.aliases) names.push({ key: alias.toLowerCase(), node: n, alias });
    }
  }
  addNames(nodes);
  let shown = [];
  let current = -1;
  function suggest() {
    const query = searchInput.value.trim().toLowerCase();
    shown = [];
    current = -1;
    if (query) {
      const seen = new Set();
      const ranked = names.filter((name) => name.key.includes(query))
        .map((name) => ({ name, score: (name.key === query ? 0 : name.key.startsWith(query) ? 1 : 2) }))
        .sort((a, b) => a.score - b.score || measure(b.name.node, 'pagerank') - measure(a.name.node, 'pagerank'));
      for (const { name } of ranked) {
        if (seen.has(name.node.i)) continue;
        seen.add(name.node.i);
        shown.push(name);
        if (shown.length === 12) break;
      }
    }
    suggestions.replaceChildren(...shown.map((name, k) => {
      const item = el('li', { role: 'option', 'data-index': String(k) }, name.node.label);
      if (name.alias) item.append(el('span', { class: 'alias' }, ` (${name.alias})`));
      if (!name.node.drawn) item.append(el('span', { class: 'alias' }, ' · not drawn'));
      item.addEventListener('mousedown', (event) => { event.preventDefault(); choose(k); });
      return item;
    }));
    suggestions.hidden = shown.length === 0;
  }
  function highlight(k) {
    current = k;
    for (const item of suggestions.children) item.setAttribute('aria-selected', String(Number(item.dataset.index) === k));
  }
  function choose(k) {
    if (!shown[k]) return;
    suggestions.hidden = true;
    select(shown[k].node.i);
  }
  searchInput.addEventListener('input', suggest);
  searchInput.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') { highlight(Math.min(current + 1, shown.length - 1)); event.preventDefault(); }
    else if (event.key === 'ArrowUp') { highlight(Math.max(current - 1, 0)); event.preventDefault(); }
    else if (event.key === 'Enter') { choose(current >= 0 ? current : 0); event.preventDefault(); }
    else if (event.key === 'Escape') { suggestions.hidden = true; }
  });
  searchInput.addEventListener('blur', () => { suggestions.hidden = true; });

  // ---- selection and the panel ----------------------------------------------------------
  function select(i) {
    const node = nodes[i];
    chosen = i;
    searchInput.value = node.label;
    neighbourhood = null;
    if (node.drawn) {
      neighbourhood = new Set([String(i), ...graph.neighbors(String(i))]);
      const at = renderer.getNodeDisplayData(String(i));
      renderer.getCamera().animate({ x: at.x, y: at.y }, { duration: 300 });
    }
    renderer.refresh();
    showPanel(node);
  }
  function clearSelection() {
    chosen = null;
    neighbourhood = null;
    renderer.refresh();
  }
  renderer.on('clickNode', ({ node }) => select(Number(node)));
  renderer.on('clickStage', clearSelection);
  renderer.on('enterNode', () => { byId('graph').style.cursor = 'pointer'; });
  renderer.on('leaveNode', () => { byId('graph').style.cursor = ''; });

  function reportItem(r) {
    const [id, title, date, address] = data.reports[r];
    const item = el('li', null, date ? `${date} ` : '');
    const link = address ? webLink(address, title || id) : null;
    item.append(link || (title || id));
    item.append(el('span', { class: 'muted' }, ` (${id})`));
    return item;
  }
  function statementItem(s) {
    const [label, kind, reports, more] = data.statements[s];
    const item = el('li', null, el('span', { class: 'muted' }, `${kind}: `), label);
    const list = el('ul', null, ...reports.map(reportItem));
    if (more) list.append(el('li', { class: 'muted' }, `and ${more} more report${more === 1 ? '' : 's'}`));
    item.append(list);
    return item;
  }
  function entityButton(node) {
    const button = el('button', { type: 'button', class: 'entity' }, node.label);
    button.addEventListener('click', () => select(node.i));
    return button;
  }
  function showPanel(node) {
    const panel = byId('panel');
    const parts = [el('h2', { id: 'panel-title' }, node.label)];
    parts.push(el('p', null, `${node.type} · community ${measure(node, 'community')}`));
    if (node.aliases.length) parts.push(el('p', { class: 'muted' }, 'Also: ' + node.aliases.join('; ')));
    if (node.first) parts.push(el('p', null, `First seen ${node.first}, last seen ${node.last}`));
    if (!node.drawn) parts.push(el('p', { class: 'hint' }, `Not drawn: below the ${number(c.top)} entities with the highest PageRank. Its ${c.links_per_entity} heaviest links are listed.`));
    const table = el('table', { class: 'measures' });
    data.measures.forEach((name, k) => {
      const value = node.measures[k];
      if (value === '' || value === null) return;
      table.append(el('tr', null, el('td', null, name), el('td', null, number(value))));
    });
    parts.push(el('h3', null, 'Measures'), table);
    const byKind = new Map();
    for (const link of linksOf[node.i]) {
      if (!byKind.has(link.kind)) byKind.set(link.kind, []);
      byKind.get(link.kind).push(link);
    }
    for (const kind of [...byKind.keys()].sort((a, b) => a - b)) {
      const list = byKind.get(kind).sort((a, b) => b.weight - a.weight);
      const section = el('section', { class: 'edges', 'data-kind': data.kinds[kind] },
        el('h3', null, `${data.kinds[kind]} edges (${list.length})`));
      for (const link of list) {
        const other = nodes[link.source === node.i ? link.target : link.source];
        const details = el('details', null, el('summary', null, entityButton(other),
          el('span', { class: 'muted' }, ` weight ${number(link.weight)}, ${link.count} observation${link.count === 1 ? '' : 's'}${link.first ? `, ${link.first}` + (link.last !== link.first ? ` – ${link.last}` : '') : ''}`)));
        const statementList = el('ul', null, ...link.statements.map(statementItem));
        if (link.moreStatements) {
          statementList.append(el('li', { class: 'muted' }, link.statements.length
            ? `and ${link.moreStatements} more statement${link.moreStatements === 1 ? '' : 's'}`
            : `${link.moreStatements} statement${link.moreStatements === 1 ? '' : 's'}, named for drawn links only`));
        }
        details.append(statementList);
        section.append(details);
      }
      parts.push(section);
    }
    if (!byKind.size) parts.push(el('p', { class: 'hint' }, 'No links.'));
    panel.replaceChildren(...parts);
    panel.scrollTop = 0;
  }

  // ---- tables from report.json, sortable --------------------------------------------------
  // columns: [heading, numeric]; rows: arrays of cells (strings, numbers or nodes).
  function sortableTable(caption, columns, rows) {
    const table = el('table', { class: 'sortable' }, el('caption', null, caption));
    const head = el('tr');
    const body = el('tbody');
    const fill = () => body.replaceChildren(...rows.map((row) => el('tr', null,
      ...row.map((cell, k) => el('td', columns[k][1] ? { class: 'num' } : null, typeof cell === 'number' ? number(cell) : cell)))));
    columns.forEach(([heading, numeric], k) => {
      const th = el('th', { scope: 'col' }, heading);
      th.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of head.children) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const text = (cell) => (cell instanceof Node ? cell.textContent : String(cell));
        rows.sort((a, b) => (numeric ? a[k] - b[k] : text(a[k]).localeCompare(text(b[k]))) * (ascending ? 1 : -1));
        fill();
      });
      head.append(th);
    });
    fill();
    table.append(el('thead', null, head), body);
    return el('div', null, table);
  }
  const nodeByLabel = new Map(nodes.map((n) => [n.label, n]));
  const entityCell = (label) => (nodeByLabel.has(label) ? entityButton(nodeByLabel.get(label)) : label);
  const report = data.report;
  if (report) {
    const tables = byId('tables');
    const central = el('div', { class: 'table-grid' });
    for (const [name, items] of Object.entries(report.top_entities || {})) {
      central.append(sortableTable(`By ${name}`, [['#', true], ['Entity', false], [name, true]],
        items.map((item, k) => [k + 1, entityCell(item.label), item.value])));
    }
    tables.append(el('h2', null, 'Central entities'), central);
    tables.append(el('h2', null, 'Communities'), el('div', { class: 'table-grid' },
      sortableTable(`Modularity ${number(report.analysis.modularity)}`, [['Community', true], ['Entities', true], ['Top members (PageRank)', false]],
        (report.communities || []).map((community) => [community.id, community.size, community.top_members.join(', ')]))));
    const statementRows = (items) => items.map((s) => [s.label, s.reports, s.mean_relevancy]);
    const subjectRows = (items) => items.map((s) => [entityCell(s.label), s.statements]);
    tables.append(el('h2', null, 'Concerns and signals'), el('div', { class: 'table-grid' },
      sortableTable('Top concerns', [['Concern', false], ['Reports', true], ['Mean relevancy', true]], statementRows(report.top_concerns || [])),
      sortableTable('Top signals', [['Signal', false], ['Reports', true], ['Mean relevancy', true]], statementRows(report.top_signals || [])),
      sortableTable('Entities with the most concerns', [['Entity', false], ['Concerns', true]], subjectRows(report.concern_subjects || [])),
      sortableTable('Entities with the most signals', [['Entity', false], ['Signals', true]], subjectRows(report.signal_subjects || []))));
  }

  drawLegend();
  performance.mark('signalkg-tables');
  if (data.min_weight > 0) applyFilters();
  if (dates.length >= 2) byId('date-label').textContent = `${dates[0]} – ${dates[dates.length - 1]}`;
  performance.mark('signalkg-filtered');

  // The entities not drawn and the panels' other links, in a block after this script: read
  // once the browser has parsed it, which it does while the graph is being drawn.
  function loadMore() {
    const more = JSON.parse(document.getElementById('signalkg-more').textContent);
    const added = more.nodes.map((n, k) => toNode(n, nodes.length + k));
    nodes.push(...added);
    for (const n of added) linksOf.push([]);
    const brief = more.links.map((l, k) => ({
      i: links.length + k, source: l[0], target: l[1], kind: l[2], weight: l[3], count: l[4],
      first: '', last: '', statements: [], moreStatements: l[5], drawn: false,
    }));
    links.push(...brief);
    addLinks(brief);
    addNames(added);
    if (chosen !== null) showPanel(nodes[chosen]);
    document.body.dataset.complete = 'true';
    performance.mark('signalkg-complete');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', loadMore);
  else loadMore();
  if (data.focus) {
    const focus = nodes.find((n) => n.label.toLowerCase() === data.focus.toLowerCase());
    if (focus) select(focus.i);
  }
  // The first frame is drawn: the benchmark and the tests wait for this mark.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    document.body.dataset.ready = 'true';
    performance.mark('signalkg-drawn');
  }));
}());
