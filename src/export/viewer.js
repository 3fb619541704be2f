/* Dossier graph viewer: plain JavaScript and a canvas, no dependencies.
 * It draws a Cytoscape.js JSON document (elements.nodes[].data/position,
 * elements.edges[].data) with positions computed by Dossier, and offers
 * pan (drag), zoom (wheel, buttons), hover details, a search box, filters
 * by kind, by date and by link weight, and a details panel with the
 * neighbours of the selected node. Used by `dossier export --format html`
 * and by the page of `dossier serve`.
 * Usage: DossierViewer.mount(element, cyjsDocument, {title: "..."}). */
(function (global) {
  'use strict';

  var KIND_ORDER = ['person', 'organization', 'country', 'place', 'event', 'publication', 'other'];
  var KIND_COLOR = {
    person: '#1f77b4', organization: '#ff7f0e', country: '#2ca02c', place: '#8c564b',
    event: '#d62728', publication: '#9467bd', other: '#7f7f7f'
  };
  var EDGE_COLOR = {
    'participates-in': 'rgba(214,39,40,0.45)', 'located-in': 'rgba(140,86,75,0.5)',
    'mentions': 'rgba(120,120,120,0.22)', 'authored-by': 'rgba(148,103,189,0.5)',
    'co-mention': 'rgba(31,119,180,0.28)', 'other': 'rgba(90,90,90,0.4)'
  };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k)) continue;
        if (k === 'text') e.textContent = attrs[k];
        else if (k === 'class') e.className = attrs[k];
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
        else e.setAttribute(k, attrs[k]);
      }
    }
    (children || []).forEach(function (c) {
      if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  /* The days a possibly partial date covers: "2024" -> ["2024-01-01","2024-12-31"]. */
  function bounds(d) {
    if (!d) return null;
    if (/^\d{4}-\d{2}-\d{2}/.test(d)) return [d.slice(0, 10), d.slice(0, 10)];
    if (/^\d{4}-\d{2}$/.test(d)) return [d + '-01', d + '-31'];
    if (/^\d{4}$/.test(d)) return [d + '-01-01', d + '-12-31'];
    return null;
  }

  function Viewer(root, opts) {
    this.opts = opts || {};
    this.root = root;
    this.nodes = [];
    this.edges = [];
    this.scale = 1; this.tx = 0; this.ty = 0;
    this.hover = -1; this.selected = -1;
    this.matches = [];
    this.kindOn = {};
    this.pending = false;
    this.build();
  }

  Viewer.prototype.build = function () {
    var self = this;
    this.root.classList.add('dv-root');
    this.root.textContent = '';
    this.titleEl = el('h1', { class: 'dv-title', text: this.opts.title || 'Dossier graph' });
    this.statsEl = el('div', { class: 'dv-stats' });
    this.searchEl = el('input', { type: 'search', class: 'dv-search', placeholder: 'Search labels\u2026', 'aria-label': 'Search' });
    this.searchEl.addEventListener('input', function () { self.search(self.searchEl.value); });
    this.searchEl.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && self.matches.length) { self.select(self.matches[0], true); }
    });
    this.matchEl = el('ul', { class: 'dv-matches' });
    this.kindsEl = el('div', { class: 'dv-kinds' });
    this.fromEl = el('input', { type: 'range', min: '0', max: '0', value: '0', class: 'dv-range', 'aria-label': 'From date' });
    this.toEl = el('input', { type: 'range', min: '0', max: '0', value: '0', class: 'dv-range', 'aria-label': 'To date' });
    this.fromLabel = el('span', { class: 'dv-date' });
    this.toLabel = el('span', { class: 'dv-date' });
    this.undatedEl = el('input', { type: 'checkbox', checked: 'checked' });
    this.weightEl = el('input', { type: 'range', min: '1', max: '1', value: '1', class: 'dv-range', 'aria-label': 'Minimum link weight' });
    this.weightLabel = el('span', { class: 'dv-date', text: '1' });
    this.labelsEl = el('input', { type: 'checkbox', checked: 'checked' });
    this.orphansEl = el('input', { type: 'checkbox', checked: 'checked' });
    [this.fromEl, this.toEl, this.weightEl].forEach(function (r) {
      r.addEventListener('input', function () { self.applyFilter(); });
    });
    [this.undatedEl, this.orphansEl].forEach(function (c) {
      c.addEventListener('change', function () { self.applyFilter(); });
    });
    this.labelsEl.addEventListener('change', function () { self.redraw(); });
    this.infoEl = el('div', { class: 'dv-info' }, [el('p', { class: 'dv-hint', text: 'Hover a node for details, click to select it; drag to pan, wheel to zoom.' })]);
    this.dateBox = el('div', { class: 'dv-box' }, [
      el('h2', { text: 'Dates (events, publications)' }),
      el('label', {}, ['from ', this.fromLabel]), this.fromEl,
      el('label', {}, ['to ', this.toLabel]), this.toEl,
      el('label', {}, [this.undatedEl, ' show undated'])
    ]);
    this.weightBox = el('div', { class: 'dv-box' }, [
      el('h2', { text: 'Co-mention links' }),
      el('label', {}, ['at least ', this.weightLabel, ' shared publications']), this.weightEl
    ]);
    var side = el('div', { class: 'dv-side' }, [
      this.titleEl, this.statsEl, this.searchEl, this.matchEl,
      el('div', { class: 'dv-box' }, [el('h2', { text: 'Kinds' }), this.kindsEl]),
      this.dateBox, this.weightBox,
      el('div', { class: 'dv-box' }, [
        el('label', {}, [this.labelsEl, ' labels']), ' ',
        el('label', {}, [this.orphansEl, ' hide unlinked'])
      ]),
      this.infoEl
    ]);
    this.canvas = el('canvas', { class: 'dv-canvas', 'aria-label': 'Graph' });
    this.tip = el('div', { class: 'dv-tip' });
    var btn = function (text, title, fn) { return el('button', { type: 'button', title: title, text: text, onclick: fn }); };
    var tools = el('div', { class: 'dv-tools' }, [
      btn('+', 'Zoom in', function () { self.zoomAt(self.w / 2, self.h / 2, 1.4); }),
      btn('\u2212', 'Zoom out', function () { self.zoomAt(self.w / 2, self.h / 2, 1 / 1.4); }),
      btn('\u2922', 'Fit', function () { self.fit(); })
    ]);
    this.main = el('div', { class: 'dv-main' }, [this.canvas, tools, this.tip]);
    this.root.appendChild(side);
    this.root.appendChild(this.main);
    this.ctx = this.canvas.getContext('2d');
    this.bindPointer();
    if (global.ResizeObserver) {
      new global.ResizeObserver(function () { self.resize(); self.redraw(); }).observe(this.main);
    }
    global.addEventListener('resize', function () { self.resize(); self.redraw(); });
  };

  Viewer.prototype.setData = function (doc) {
    var els = (doc && doc.elements) || { nodes: [], edges: [] };
    var byId = {};
    var nodes = (els.nodes || []).map(function (n, i) {
      var d = n.data || {};
      var p = n.position || { x: 0, y: 0 };
      byId[d.id] = i;
      var kind = KIND_COLOR[d.kind] ? d.kind : 'other';
      return {
        id: d.id, label: String(d.label == null ? d.id : d.label), kind: kind, iri: d.iri || '',
        date: d.date || null, b: bounds(d.date), detail: d.detail || null, degree: d.degree || 0,
        size: +d.size || 8, color: d.color || KIND_COLOR[kind], x: +p.x || 0, y: +p.y || 0,
        visible: true, adj: [], lower: String(d.label == null ? d.id : d.label).toLowerCase()
      };
    });
    var edges = [];
    (els.edges || []).forEach(function (e) {
      var d = e.data || {};
      var s = byId[d.source], t = byId[d.target];
      if (s === undefined || t === undefined) return;
      var k = edges.length;
      edges.push({ s: s, t: t, kind: d.kind || 'other', label: d.label || d.kind || '', weight: +d.weight || 1, directed: d.directed !== false, visible: true });
      nodes[s].adj.push(k);
      nodes[t].adj.push(k);
    });
    this.nodes = nodes;
    this.edges = edges;
    if (doc && doc.data && doc.data.name && !this.opts.title) this.titleEl.textContent = doc.data.name;
    // Kinds present, in a fixed order.
    var counts = {};
    nodes.forEach(function (n) { counts[n.kind] = (counts[n.kind] || 0) + 1; });
    var self = this;
    this.kindsEl.textContent = '';
    KIND_ORDER.forEach(function (k) {
      if (!counts[k]) return;
      if (self.kindOn[k] === undefined) self.kindOn[k] = true;
      var cb = el('input', { type: 'checkbox' });
      cb.checked = self.kindOn[k];
      cb.addEventListener('change', function () { self.kindOn[k] = cb.checked; self.applyFilter(); });
      self.kindsEl.appendChild(el('label', { class: 'dv-kind' }, [cb, el('span', { class: 'dv-swatch', style: 'background:' + KIND_COLOR[k] }), k + ' (' + counts[k] + ')']));
    });
    // Dates.
    var days = {};
    nodes.forEach(function (n) { if (n.b) { days[n.b[0]] = 1; days[n.b[1]] = 1; } });
    this.days = Object.keys(days).sort();
    var nd = this.days.length;
    this.dateBox.style.display = nd ? '' : 'none';
    this.fromEl.max = this.toEl.max = String(Math.max(0, nd - 1));
    this.fromEl.value = '0';
    this.toEl.value = String(Math.max(0, nd - 1));
    // Weights.
    var maxW = 1, co = 0;
    edges.forEach(function (e) { if (e.kind === 'co-mention') { co++; if (e.weight > maxW) maxW = e.weight; } });
    this.weightBox.style.display = co ? '' : 'none';
    this.weightEl.max = String(Math.max(1, Math.ceil(maxW)));
    this.weightEl.value = '1';
    this.hover = -1; this.selected = -1; this.matches = [];
    this.searchEl.value = '';
    this.matchEl.textContent = '';
    this.showInfo(-1);
    this.resize();
    this.applyFilter(true);
    this.fit();
  };

  Viewer.prototype.applyFilter = function (quiet) {
    var nd = this.days.length;
    var lo = nd ? this.days[Math.min(+this.fromEl.value, +this.toEl.value)] : null;
    var hi = nd ? this.days[Math.max(+this.fromEl.value, +this.toEl.value)] : null;
    this.fromLabel.textContent = lo || '';
    this.toLabel.textContent = hi || '';
    var minW = +this.weightEl.value || 1;
    this.weightLabel.textContent = String(minW);
    var undated = this.undatedEl.checked;
    var kindOn = this.kindOn;
    var full = nd && +this.fromEl.value === 0 && +this.toEl.value === nd - 1 || !nd;
    this.nodes.forEach(function (n) {
      var v = kindOn[n.kind] !== false;
      if (v && (n.kind === 'event' || n.kind === 'publication')) {
        if (n.b) v = full || (n.b[1] >= lo && n.b[0] <= hi);
        else v = undated;
      }
      n.visible = v;
    });
    var nodes = this.nodes;
    var linked = new Uint8Array(nodes.length);
    this.edges.forEach(function (e) {
      e.visible = nodes[e.s].visible && nodes[e.t].visible && (e.kind !== 'co-mention' || e.weight >= minW);
      if (e.visible) { linked[e.s] = 1; linked[e.t] = 1; }
    });
    if (this.orphansEl.checked && this.edges.length) {
      nodes.forEach(function (n, i) { if (!linked[i]) n.visible = false; });
    }
    var vn = 0, ve = 0;
    nodes.forEach(function (n) { if (n.visible) vn++; });
    this.edges.forEach(function (e) { if (e.visible) ve++; });
    this.statsEl.textContent = vn + ' of ' + nodes.length + ' nodes, ' + ve + ' of ' + this.edges.length + ' links';
    if (!quiet) this.redraw();
  };

  Viewer.prototype.resize = function () {
    var r = this.main.getBoundingClientRect();
    var dpr = global.devicePixelRatio || 1;
    this.w = Math.max(50, r.width || 800);
    this.h = Math.max(50, r.height || 600);
    this.canvas.width = Math.round(this.w * dpr);
    this.canvas.height = Math.round(this.h * dpr);
    this.canvas.style.width = this.w + 'px';
    this.canvas.style.height = this.h + 'px';
    this.dpr = dpr;
  };

  Viewer.prototype.fit = function () {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    this.nodes.forEach(function (n) {
      if (!n.visible) return;
      var r = n.size / 2;
      if (n.x - r < x0) x0 = n.x - r; if (n.x + r > x1) x1 = n.x + r;
      if (n.y - r < y0) y0 = n.y - r; if (n.y + r > y1) y1 = n.y + r;
    });
    if (!isFinite(x0)) { x0 = -100; x1 = 100; y0 = -100; y1 = 100; }
    var pad = 40;
    var s = Math.min((this.w - 2 * pad) / Math.max(1, x1 - x0), (this.h - 2 * pad) / Math.max(1, y1 - y0));
    this.scale = Math.max(0.01, Math.min(s, 4));
    this.tx = this.w / 2 - this.scale * (x0 + x1) / 2;
    this.ty = this.h / 2 - this.scale * (y0 + y1) / 2;
    this.draw();
  };

  Viewer.prototype.zoomAt = function (sx, sy, f) {
    var s = Math.max(0.005, Math.min(this.scale * f, 40));
    f = s / this.scale;
    this.tx = sx - (sx - this.tx) * f;
    this.ty = sy - (sy - this.ty) * f;
    this.scale = s;
    this.redraw();
  };

  Viewer.prototype.center = function (i) {
    var n = this.nodes[i];
    if (this.scale < 1) this.scale = 1;
    this.tx = this.w / 2 - n.x * this.scale;
    this.ty = this.h / 2 - n.y * this.scale;
    this.redraw();
  };

  Viewer.prototype.radius = function (n) {
    return Math.max(2, n.size / 2 * Math.sqrt(this.scale) * 1.2);
  };

  Viewer.prototype.redraw = function () {
    var self = this;
    if (this.pending) return;
    this.pending = true;
    (global.requestAnimationFrame || function (f) { setTimeout(f, 16); })(function () { self.pending = false; self.draw(); });
  };

  Viewer.prototype.focusSet = function () {
    var f = this.selected >= 0 ? this.selected : this.hover;
    if (f < 0) return null;
    var set = {};
    set[f] = 2;
    var nodes = this.nodes, edges = this.edges;
    nodes[f].adj.forEach(function (k) {
      var e = edges[k];
      if (!e.visible) return;
      set[e.s === f ? e.t : e.s] = set[e.s === f ? e.t : e.s] || 1;
    });
    return set;
  };

  Viewer.prototype.draw = function () {
    var ctx = this.ctx, s = this.scale, tx = this.tx, ty = this.ty, nodes = this.nodes, edges = this.edges;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = '#fbfbf8';
    ctx.fillRect(0, 0, this.w, this.h);
    var focus = this.focusSet();
    var fi = this.selected >= 0 ? this.selected : this.hover;
    var matchSet = {};
    this.matches.forEach(function (i) { matchSet[i] = 1; });
    // Edges, batched by kind.
    var byKind = {};
    for (var k = 0; k < edges.length; k++) {
      var e = edges[k];
      if (!e.visible) continue;
      (byKind[e.kind] || (byKind[e.kind] = [])).push(e);
    }
    ctx.globalAlpha = focus ? 0.25 : 1;
    for (var kind in byKind) {
      ctx.strokeStyle = EDGE_COLOR[kind] || EDGE_COLOR.other;
      ctx.lineWidth = kind === 'co-mention' ? 0.8 : 1;
      ctx.beginPath();
      byKind[kind].forEach(function (e) {
        var a = nodes[e.s], b = nodes[e.t];
        ctx.moveTo(a.x * s + tx, a.y * s + ty);
        ctx.lineTo(b.x * s + tx, b.y * s + ty);
      });
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    if (focus) {
      var self = this;
      nodes[fi].adj.forEach(function (k) {
        var e = edges[k];
        if (!e.visible) return;
        var a = nodes[e.s], b = nodes[e.t];
        ctx.strokeStyle = (EDGE_COLOR[e.kind] || EDGE_COLOR.other).replace(/[\d.]+\)$/, '0.95)');
        ctx.lineWidth = Math.min(6, 1.2 + Math.log(e.weight) );
        ctx.beginPath();
        ctx.moveTo(a.x * s + tx, a.y * s + ty);
        ctx.lineTo(b.x * s + tx, b.y * s + ty);
        ctx.stroke();
        if (e.directed) self.arrow(a, b);
      });
    }
    // Nodes, small first so big ones stay on top.
    var order = [];
    for (var i = 0; i < nodes.length; i++) if (nodes[i].visible) order.push(i);
    order.sort(function (a, b) { return nodes[a].size - nodes[b].size; });
    var w = this.w, h = this.h;
    for (var j = 0; j < order.length; j++) {
      var n = nodes[order[j]];
      var x = n.x * s + tx, y = n.y * s + ty, r = this.radius(n);
      if (x < -r || y < -r || x > w + r || y > h + r) continue;
      ctx.globalAlpha = focus && !focus[order[j]] ? 0.2 : 1;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 6.2832);
      ctx.fillStyle = n.color;
      ctx.fill();
      ctx.lineWidth = matchSet[order[j]] || order[j] === fi ? 3 : 0.8;
      ctx.strokeStyle = matchSet[order[j]] ? '#f5c400' : order[j] === fi ? '#111' : '#ffffff';
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    if (this.labelsEl.checked || focus || this.matches.length) this.drawLabels(order, focus, matchSet);
  };

  Viewer.prototype.arrow = function (a, b) {
    var ctx = this.ctx, s = this.scale;
    var x1 = a.x * s + this.tx, y1 = a.y * s + this.ty, x2 = b.x * s + this.tx, y2 = b.y * s + this.ty;
    var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy);
    if (len < 1) return;
    var r = this.radius(b) + 2;
    var ux = dx / len, uy = dy / len, px = x2 - ux * r, py = y2 - uy * r;
    ctx.fillStyle = ctx.strokeStyle;
    ctx.beginPath();
    ctx.moveTo(px, py);
    ctx.lineTo(px - ux * 8 - uy * 4, py - uy * 8 + ux * 4);
    ctx.lineTo(px - ux * 8 + uy * 4, py - uy * 8 - ux * 4);
    ctx.closePath();
    ctx.fill();
  };

  Viewer.prototype.drawLabels = function (order, focus, matchSet) {
    var ctx = this.ctx, nodes = this.nodes, s = this.scale, tx = this.tx, ty = this.ty;
    var showAll = this.labelsEl.checked;
    // Biggest first; skip labels that would overlap one already drawn.
    var cand = order.slice().reverse();
    var boxes = [];
    var drawn = 0, limit = 400;
    ctx.font = '12px system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif';
    ctx.textBaseline = 'middle';
    for (var j = 0; j < cand.length && drawn < limit; j++) {
      var i = cand[j], n = nodes[i];
      var must = (focus && focus[i]) || matchSet[i];
      if (!must && !showAll) continue;
      if (!must && focus) continue;
      var r = this.radius(n);
      var x = n.x * s + tx + r + 3, y = n.y * s + ty;
      if (x > this.w || y < 0 || y > this.h || x < -200) continue;
      var text = n.label.length > 48 ? n.label.slice(0, 47) + '\u2026' : n.label;
      var tw = ctx.measureText(text).width;
      var box = [x - 1, y - 8, x + tw + 1, y + 8];
      var clash = false;
      for (var b = 0; b < boxes.length && !must; b++) {
        var o = boxes[b];
        if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) { clash = true; break; }
      }
      if (clash) continue;
      boxes.push(box);
      drawn++;
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(251,251,248,0.9)';
      ctx.strokeText(text, x, y);
      ctx.fillStyle = must ? '#000' : '#222';
      ctx.fillText(text, x, y);
    }
  };

  Viewer.prototype.hit = function (sx, sy) {
    var best = -1, bestD = Infinity;
    for (var i = 0; i < this.nodes.length; i++) {
      var n = this.nodes[i];
      if (!n.visible) continue;
      var dx = n.x * this.scale + this.tx - sx, dy = n.y * this.scale + this.ty - sy;
      var d = dx * dx + dy * dy, r = this.radius(n) + 3;
      if (d <= r * r && d < bestD) { best = i; bestD = d; }
    }
    return best;
  };

  Viewer.prototype.bindPointer = function () {
    var self = this, c = this.canvas, drag = null;
    function pos(ev) { var r = c.getBoundingClientRect(); return [ev.clientX - r.left, ev.clientY - r.top]; }
    c.addEventListener('mousedown', function (ev) {
      var p = pos(ev), i = self.hit(p[0], p[1]);
      drag = { x: p[0], y: p[1], tx: self.tx, ty: self.ty, node: i, moved: false };
    });
    global.addEventListener('mouseup', function (ev) {
      if (drag && !drag.moved && ev.target === c) {
        self.select(drag.node, false);
      }
      drag = null;
    });
    c.addEventListener('mousemove', function (ev) {
      var p = pos(ev);
      if (drag) {
        var dx = p[0] - drag.x, dy = p[1] - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        if (drag.moved) {
          if (drag.node >= 0) {
            var n = self.nodes[drag.node];
            n.x = (p[0] - self.tx) / self.scale;
            n.y = (p[1] - self.ty) / self.scale;
          } else {
            self.tx = drag.tx + dx;
            self.ty = drag.ty + dy;
          }
          self.redraw();
        }
        return;
      }
      var i = self.hit(p[0], p[1]);
      if (i !== self.hover) { self.hover = i; self.redraw(); }
      self.showTip(i, p);
    });
    c.addEventListener('mouseleave', function () { self.hover = -1; self.showTip(-1); self.redraw(); });
    c.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      var p = pos(ev);
      self.zoomAt(p[0], p[1], Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)));
    }, { passive: false });
    c.addEventListener('dblclick', function (ev) {
      var p = pos(ev), i = self.hit(p[0], p[1]);
      if (i >= 0) { self.select(i, false); self.zoomAt(p[0], p[1], 2); }
    });
  };

  Viewer.prototype.describe = function (n) {
    var parts = [n.kind];
    if (n.detail) parts.push(n.detail);
    if (n.date) parts.push(n.date);
    parts.push(n.degree + ' links');
    return parts.join(' \u00b7 ');
  };

  Viewer.prototype.showTip = function (i, p) {
    if (i < 0) { this.tip.style.display = 'none'; return; }
    var n = this.nodes[i];
    this.tip.textContent = '';
    this.tip.appendChild(el('strong', { text: n.label }));
    this.tip.appendChild(el('div', { text: this.describe(n) }));
    this.tip.appendChild(el('div', { class: 'dv-iri', text: n.iri }));
    this.tip.style.display = 'block';
    var x = Math.min(p[0] + 14, this.w - 260), y = Math.min(p[1] + 14, this.h - 70);
    this.tip.style.left = Math.max(0, x) + 'px';
    this.tip.style.top = Math.max(0, y) + 'px';
  };

  Viewer.prototype.select = function (i, centerIt) {
    this.selected = i;
    this.showInfo(i);
    if (i >= 0 && centerIt) this.center(i); else this.redraw();
  };

  Viewer.prototype.showInfo = function (i) {
    var self = this, box = this.infoEl;
    box.textContent = '';
    if (i < 0) {
      box.appendChild(el('p', { class: 'dv-hint', text: 'Hover a node for details, click to select it; drag to pan, wheel to zoom.' }));
      return;
    }
    var n = this.nodes[i];
    box.appendChild(el('h2', {}, [el('span', { class: 'dv-swatch', style: 'background:' + n.color }), n.label]));
    box.appendChild(el('div', { text: this.describe(n) }));
    var iri = /^https?:\/\//.test(n.iri) ? el('a', { href: n.iri, target: '_blank', rel: 'noopener', text: n.iri }) : el('span', { text: n.iri });
    box.appendChild(el('div', { class: 'dv-iri' }, [iri]));
    if (this.opts.onSelect) this.opts.onSelect(n);
    // Neighbours, grouped by link kind.
    var groups = {};
    n.adj.forEach(function (k) {
      var e = self.edges[k];
      if (!e.visible) return;
      var o = e.s === i ? e.t : e.s;
      var key = e.label + (e.directed ? (e.s === i ? ' \u2192' : ' \u2190') : '');
      (groups[key] || (groups[key] = [])).push([o, e.weight]);
    });
    Object.keys(groups).sort().forEach(function (key) {
      var list = groups[key].sort(function (a, b) { return b[1] - a[1] || (self.nodes[a[0]].label < self.nodes[b[0]].label ? -1 : 1); });
      var ul = el('ul', { class: 'dv-neigh' });
      list.slice(0, 200).forEach(function (x) {
        var m = self.nodes[x[0]];
        ul.appendChild(el('li', {}, [el('a', { href: '#', onclick: function (ev) { ev.preventDefault(); self.select(x[0], true); } }, [
          el('span', { class: 'dv-swatch', style: 'background:' + m.color }), m.label + (x[1] > 1 ? ' (' + x[1] + ')' : '')])]));
      });
      box.appendChild(el('h3', { text: key + ' (' + list.length + ')' }));
      box.appendChild(ul);
    });
  };

  Viewer.prototype.search = function (q) {
    var self = this;
    q = (q || '').trim().toLowerCase();
    this.matches = [];
    this.matchEl.textContent = '';
    if (q) {
      var exact = [], part = [];
      this.nodes.forEach(function (n, i) {
        if (!n.visible) return;
        if (n.lower === q) exact.push(i); else if (n.lower.indexOf(q) >= 0 || n.iri.toLowerCase() === q) part.push(i);
      });
      part.sort(function (a, b) { return self.nodes[b].size - self.nodes[a].size; });
      this.matches = exact.concat(part).slice(0, 50);
      this.matches.slice(0, 12).forEach(function (i) {
        var n = self.nodes[i];
        self.matchEl.appendChild(el('li', {}, [el('a', { href: '#', onclick: function (ev) { ev.preventDefault(); self.select(i, true); } }, [
          el('span', { class: 'dv-swatch', style: 'background:' + n.color }), n.label])]));
      });
      if (!this.matches.length) this.matchEl.appendChild(el('li', { class: 'dv-hint', text: 'no match' }));
    }
    this.redraw();
  };

  global.DossierViewer = {
    mount: function (root, doc, opts) {
      var v = new Viewer(root, opts);
      v.setData(doc);
      return v;
    },
    Viewer: Viewer
  };
})(typeof window !== 'undefined' ? window : this);
