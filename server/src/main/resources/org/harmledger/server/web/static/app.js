// Harm Ledger pages: charts (ECharts) and maps (Leaflet) drawn from JSON islands in the page.
(function () {
  'use strict';
  var COLOURS = { official: '#b3261e', independent: '#0b5cad', documented: '#1d6b3a', estimate: '#6b3fa0' };
  var GRADES = { confirmed: '#1d6b3a', fair: '#0b5cad', weak: '#8a5a00', contested: '#8a1c12', discounted: '#4b5563', ungraded: '#6b7280' };
  // Major places for the outline basemap when no tile server is set (coordinates from public gazetteers).
  var PLACES = [['Raqqa', 35.95, 39.01], ['Mosul', 36.34, 43.13], ['Aleppo', 36.20, 37.16], ['Damascus', 33.51, 36.29], ['Baghdad', 33.31, 44.37],
    ['Deir ez-Zor', 35.34, 40.14], ['Idlib', 35.93, 36.63], ['Homs', 34.73, 36.72], ['Hasakah', 36.50, 40.75], ['Tabqa', 35.84, 38.55], ['Kobani', 36.89, 38.36],
    ['Manbij', 36.53, 37.95], ['Kirkuk', 35.47, 44.39], ['Fallujah', 33.35, 43.78], ['Ramadi', 33.42, 43.30], ['Tikrit', 34.60, 43.68], ['Hajin', 34.69, 40.83],
    ['Erbil', 36.19, 44.01], ['Beirut', 33.89, 35.50], ['Amman', 31.95, 35.93], ['Gaza', 31.50, 34.47], ['Sanaa', 15.37, 44.19]];

  function data(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  function low(f) { return f && f.known ? f.min : null; }
  function high(f) { return f && f.known ? (f.max == null ? null : f.max) : null; }

  /** The smallest multiple of half a power of ten at or above x: 315 → 350, 24 → 25, 7 → 7. */
  function niceCeil(x) {
    if (!(x > 0)) return 0;
    var step = Math.pow(10, Math.floor(Math.log10(x))) / 2;
    return Math.max(1, Math.ceil(x / step - 1e-9) * step);
  }

  function gapChart(el, gap) {
    var names = ['official', 'independent', 'documented'];
    if (gap.estimate) names.push('estimate');
    var top = 0;
    names.forEach(function (n) { var f = gap[n]; if (f && f.known) top = Math.max(top, f.max == null ? f.min * 1.5 : f.max); });
    // a round end for the axis (315 would be a tick of its own beside 300), and an open figure
    // ("at least 200") drawn on to that end, so that it reads as having no upper bound
    var axisMax = niceCeil(top * 1.05) || 10;
    var chart = echarts.init(el);
    chart.setOption({
      animation: false, grid: { left: 90, right: 70, top: 10, bottom: 30 },
      xAxis: { type: 'value', name: 'killed', max: axisMax },
      yAxis: { type: 'category', data: names.map(function (n) { return n === 'estimate' ? 'Estimated' : n.charAt(0).toUpperCase() + n.slice(1); }), inverse: true },
      tooltip: { formatter: function (p) { var f = gap[names[p.dataIndex]]; if (!f || !f.known) return 'not known';
        return p.name + ': ' + (f.max == null ? 'at least ' + f.min : (f.min === f.max ? f.min : f.min + '–' + f.max)); } },
      series: [
        { type: 'bar', stack: 'r', itemStyle: { color: 'transparent' }, data: names.map(function (n) { return low(gap[n]) || 0; }), silent: true },
        { type: 'bar', stack: 'r', barMinWidth: 6, data: names.map(function (n) {
          var f = gap[n]; if (!f || !f.known) return 0;
          var width = f.max == null ? Math.max(axisMax - f.min, 1) : Math.max(f.max - f.min, top * 0.01);
          return { value: width, itemStyle: { color: COLOURS[n], opacity: f.max == null ? 0.45 : 1, decal: f.max == null ? { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -0.8 } : null } };
        }), label: { show: true, position: 'right', formatter: function (p) { var f = gap[names[p.dataIndex]]; if (!f || !f.known) return 'not known';
          return f.max == null ? '≥ ' + f.min : (f.min === f.max ? '' + f.min : f.min + '–' + f.max); } } }
      ]
    });
    return chart;
  }

  function historyChart(el, points) {
    var chart = echarts.init(el);
    function series(name, key) {
      return { name: name, type: 'line', step: 'end', showSymbol: true, symbolSize: 5, color: COLOURS[key], connectNulls: false,
        data: points.map(function (p) { return [p.date, low(p[key])]; }) };
    }
    chart.setOption({
      animation: false, legend: { top: 0 }, tooltip: { trigger: 'axis' }, grid: { left: 60, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'time', axisLabel: { formatter: '{yyyy}-{MM}-{dd}', hideOverlap: true } }, yAxis: { type: 'value', name: 'killed (lowest)' },
      series: [series('Official', 'official'), series('Independent', 'independent'), series('Documented', 'documented')]
    });
    return chart;
  }

  function monthsChart(el, months) {
    var chart = echarts.init(el);
    chart.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 30, bottom: 50 },
      xAxis: { type: 'category', data: months.map(function (m) { return m.month; }) }, yAxis: { type: 'value' },
      series: [
        { name: 'lowest', type: 'bar', stack: 'm', color: COLOURS.documented, data: months.map(function (m) { return m.min; }) },
        { name: 'up to highest', type: 'bar', stack: 'm', color: '#9cc9a9', data: months.map(function (m) { return m.max - m.min; }) }
      ]
    });
    return chart;
  }

  function baseMap(el, bounds) {
    var map = L.map(el, { scrollWheelZoom: false, keyboard: true });
    if (window.HL_TILES) {
      L.tileLayer(window.HL_TILES, { maxZoom: 18 }).addTo(map);
    } else {
      fetch('/static/basemap.geojson').then(function (r) { return r.json(); }).then(function (geo) {
        L.geoJSON(geo, { style: { color: '#7a8794', weight: 1, fillColor: '#f3f0e8', fillOpacity: 1 }, interactive: false }).addTo(map).bringToBack();
      });
      PLACES.forEach(function (p) {
        L.circleMarker([p[1], p[2]], { radius: 2, color: '#333', weight: 1, interactive: false }).addTo(map)
          .bindTooltip(p[0], { permanent: true, direction: 'right', className: 'place-label', offset: [3, 0] });
      });
      map.attributionControl.addAttribution('Outline: Natural Earth');
    }
    if (bounds) map.fitBounds(bounds); else map.setView([35.5, 40], 6);
    return map;
  }

  function incidentsMap(el, url, area, limit) {
    var bounds = area ? [[area.south, area.west], [area.north, area.east]] : null;
    var map = baseMap(el, bounds);
    fetch(url).then(function (r) { return r.json(); }).then(function (geo) {
      var layer = L.geoJSON(geo, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 6, weight: 1, color: '#111', fillColor: GRADES[f.properties.grading] || GRADES.ungraded, fillOpacity: 0.9 });
        },
        onEachFeature: function (f, l) {
          var a = document.createElement('a'); a.href = '/incidents/' + encodeURIComponent(f.properties.id); a.textContent = f.properties.title;
          var div = document.createElement('div'); div.appendChild(a);
          div.appendChild(document.createTextNode(' · ' + f.properties.start + ' · ' + f.properties.grading + (f.properties.killed ? ' · killed ' + f.properties.killed : '')));
          l.bindPopup(div);
        }
      }).addTo(map);
      if (!bounds && geo.features.length) map.fitBounds(layer.getBounds().pad(0.2));
      if (limit && geo.features.length >= limit) {
        var note = document.createElement('p'); note.className = 'muted';
        note.textContent = 'The map shows the ' + limit.toLocaleString() + ' incidents with the most deaths; the list has them all.';
        el.parentNode.insertBefore(note, el.nextSibling);
      }
    });
  }

  function start() {
    var charts = [];
    var c = data('campaign-data');
    if (c && window.echarts) {
      var g = document.getElementById('chart-gap'); if (g) charts.push(gapChart(g, c.gap));
      var h = document.getElementById('chart-history'); if (h) charts.push(historyChart(h, c.history));
      var m = document.getElementById('chart-months');
      if (m && c.months.length) charts.push(monthsChart(m, c.months));
      else if (m) { m.hidden = true; var e = document.getElementById('months-empty'); if (e) e.hidden = false; }
    }
    if (c && window.L && document.getElementById('map')) incidentsMap(document.getElementById('map'), c.map, c.area, c.map_limit);
    var p = data('incident-point');
    var el = document.getElementById('map');
    if (el && !c && window.L) {
      if (p) {
        var map = baseMap(el, null); map.setView([p.lat, p.lon], 9);
        L.circleMarker([p.lat, p.lon], { radius: 8, weight: 2, color: '#111', fillColor: GRADES[p.grading] || GRADES.ungraded, fillOpacity: 0.9 }).addTo(map).bindTooltip(p.name);
      } else { el.textContent = 'No coordinates recorded for this place.'; el.classList.add('muted'); }
    }
    window.addEventListener('resize', function () { charts.forEach(function (ch) { ch.resize(); }); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
