// Draws the dashboard's charts from the JSON block the page carries (the tables below hold the same
// numbers; without ECharts the page still works as tables).
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  function bar(id, rows) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r[0]; }) },
      series: [{ type: "bar", data: rows.map(function (r) { return r[1]; }), label: { show: true, position: "right" } }],
      tooltip: { trigger: "axis" }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  bar("chart-funnel", data.funnel);
  bar("chart-waiting", data.waiting);

  // Elections side by side per region (the table below it holds every region shown).
  (function trend(el, t) {
    if (!el || !t || !t.rows.length) { return; }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: t.rows.map(function (r) { return r[0]; }) },
      series: t.elections.map(function (e, i) {
        return { name: e, type: "bar", data: t.rows.map(function (r) { return r[i + 1]; }) };
      }),
      tooltip: { trigger: "axis" }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  })(document.getElementById("chart-trend"), data.trend);

  // The choropleth: provinces shaded by ASN alleged; a click drills into the province's kab/kota.
  var mapEl = document.getElementById("chart-map");
  if (!mapEl) { return; }
  var mapChart = window.echarts.init(mapEl, null, { renderer: "canvas" });
  var query = mapEl.dataset.query ? "&" + mapEl.dataset.query : "";
  function getJSON(url) { return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }); }
  function draw(name, geo, counts, label) {
    window.echarts.registerMap(name, geo);
    var values = geo.features.map(function (f) {
      return { name: f.properties.code, value: counts[f.properties.code] || 0, label: f.properties.name };
    });
    var top = Math.max.apply(null, values.map(function (v) { return v.value; }).concat([1]));
    mapChart.setOption({
      tooltip: { formatter: function (p) { return (p.data ? p.data.label : p.name) + ": " + (p.value || 0); } },
      visualMap: { min: 0, max: top, left: 0, bottom: 0, calculable: true, inRange: { color: ["#eef4f8", "#1f5f8b"] } },
      series: [{ type: "map", map: name, nameProperty: "code", roam: true, data: values }]
    }, true);
    document.getElementById("map-level").textContent = label;
    mapEl.dataset.drawn = name;
  }
  function provinces() {
    Promise.all([getJSON(mapEl.dataset.boundaries), getJSON(mapEl.dataset.counts + "?" + query.slice(1))]).then(function (r) {
      draw("provinsi", r[0], r[1].counts, "");
      document.getElementById("map-back").hidden = true;
    });
  }
  mapChart.on("click", function (params) {
    if (mapEl.dataset.drawn !== "provinsi" || !params.name) { return; }
    var code = params.name;
    Promise.all([
      getJSON(mapEl.dataset.kabkota + "?parent=" + code),
      getJSON(mapEl.dataset.counts + "?parent=" + code + query)
    ]).then(function (r) {
      if (!r[0].features.length) { return; }
      draw("kabkota-" + code, r[0], r[1].counts, "— " + (params.data ? params.data.label : code));
      document.getElementById("map-back").hidden = false;
    });
  });
  document.getElementById("map-back").addEventListener("click", provinces);
  window.addEventListener("resize", function () { mapChart.resize(); });
  provinces();
})();
