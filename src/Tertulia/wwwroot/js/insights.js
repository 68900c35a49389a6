// Draws the dashboard's charts from the data-* of each canvas; the tables beside them carry the same figures for
// screen readers and for browsers without JavaScript.
(() => {
  const colors = ['#0f766e', '#94a3b8', '#c2410c', '#7c3aed', '#ca8a04'];
  for (const canvas of document.querySelectorAll('canvas.ins-chart')) {
    const labels = (canvas.dataset.labels || '').split('|');
    const datasets = (canvas.dataset.series || '').split(';').filter(s => s).map((s, n) => {
      const cut = s.lastIndexOf(':');
      return {
        label: s.slice(0, cut),
        data: s.slice(cut + 1).split(',').map(Number),
        backgroundColor: colors[n % colors.length],
        borderColor: colors[n % colors.length],
      };
    });
    const trend = canvas.dataset.kind === 'trend';
    // eslint-disable-next-line no-undef
    new Chart(canvas, {
      type: trend ? 'line' : 'bar',
      data: { labels, datasets },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, stacked: false } } },
    });
  }
  // Only the fields of the chosen kind of period are sent, so the address stays short and clear.
  const picker = document.getElementById('ins-picker');
  if (picker) {
    picker.addEventListener('submit', () => {
      const range = picker.elements.period.value === 'range';
      picker.elements.at.disabled = range;
      picker.elements.from.disabled = !range;
      picker.elements.to.disabled = !range;
      for (const name of ['channel', 'query']) {
        if (!picker.elements[name].value) picker.elements[name].disabled = true;
      }
    });
  }
})();
