// Areas per region on the overview page. The table beside it carries the same numbers.
(function () {
  var canvas = document.getElementById("region-chart");
  var source = document.getElementById("region-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  Chart.defaults.font.family = "Sarabun, sans-serif";
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ data: data.areas, backgroundColor: "#1f7a6a", borderRadius: 4 }],
    },
    options: {
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();
