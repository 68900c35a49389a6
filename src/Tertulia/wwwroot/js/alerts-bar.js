// The top bar's bell: the signed-in person's unread alerts, kept live by asking every few seconds (and at once when
// the tab comes back), so a storm shows on whatever page the team has open.
(() => {
  const bell = document.getElementById('alerts-bell');
  if (!bell) return;
  const count = document.getElementById('alerts-count');
  const none = document.getElementById('alerts-none');
  const list = document.getElementById('alerts-latest');
  let shown = -1;
  async function refresh() {
    try {
      const response = await fetch('/api/alerts/unread', { credentials: 'same-origin' });
      if (!response.ok) return;
      const unread = await response.json();
      count.textContent = String(unread.count);
      count.hidden = unread.count === 0;
      bell.classList.toggle('has-alerts', unread.count > 0);
      none.hidden = unread.count > 0;
      if (unread.count === shown && list.childElementCount === unread.latest.length) return;
      shown = unread.count;
      list.replaceChildren(...unread.latest.map(item => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = item.url;
        a.className = 'alert-item';
        a.textContent = item.text;
        const at = document.createElement('span');
        at.className = 'muted small';
        at.textContent = ' ' + new Date(item.at).toLocaleString(document.documentElement.lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
        li.append(a, at);
        return li;
      }));
    } catch { /* offline for a moment: the next round tries again */ }
  }
  refresh();
  setInterval(refresh, 5000);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
})();
