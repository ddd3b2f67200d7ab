// Draws the charge charts from the JSON block the page renders (no inline script: the CSP forbids it).
(function () {
  var block = document.getElementById('charge-data');
  if (!block || typeof Chart === 'undefined') {
    return;
  }
  var data = JSON.parse(block.textContent);
  var palette = ['#0b5cad', '#e07b00', '#2e8540', '#b3261e', '#6f42c1', '#00838f', '#8d6e63', '#5c6bc0', '#c2185b', '#558b2f'];
  function doughnut(id, rows) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    var top = rows.slice(0, 9);
    var rest = rows.slice(9).reduce(function (sum, r) { return sum + r.value; }, 0);
    if (rest !== 0) { top.push({ label: '…', value: rest }); }
    new Chart(canvas, {
      type: 'doughnut',
      data: { labels: top.map(function (r) { return r.label; }), datasets: [{ data: top.map(function (r) { return r.value; }), backgroundColor: palette }] },
      options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } }
    });
  }
  doughnut('services-chart', data.services);
  doughnut('tags-chart', data.tags);
  var days = document.getElementById('days-chart');
  if (days) {
    new Chart(days, {
      type: 'bar',
      data: { labels: data.days.map(function (r) { return r.label; }), datasets: [{ data: data.days.map(function (r) { return r.value; }), backgroundColor: '#0b5cad' }] },
      options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } }
    });
  }
})();
