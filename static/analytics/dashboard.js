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
})();
