// Alerts pages: the rule editor's live preview (when the rule would have fired in the last 30 days) and the crisis
// room's actions and timeline. Actions call the REST API, as the inbox does, and reload.
(() => {
  async function call(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (!response.ok) {
      let detail = `${response.status}`;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
      } catch { /* not JSON */ }
      throw new Error(detail);
    }
    return response.status === 204 ? null : response.json().catch(() => null);
  }
  const when = (ms) => new Date(ms).toLocaleString(document.documentElement.lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

  // --- Rule editor -----------------------------------------------------------------------------------------------
  const editor = document.getElementById('rule-editor');
  if (editor) {
    const form = document.getElementById('rule-form');
    const summary = document.getElementById('preview-summary');
    const body = document.querySelector('#preview-alerts tbody');
    const canvas = document.getElementById('preview-chart');
    let chart = null;
    let timer = null;
    let asked = 0;
    const request = () => ({
      name: form.elements.name.value || 'preview',
      kind: form.elements.kind.value,
      queryId: form.elements.queryId.value ? Number(form.elements.queryId.value) : null,
      enabled: true,
      minCount: form.elements.minCount.value ? Number(form.elements.minCount.value) : null,
      sensitivity: Number(form.elements.sensitivity.value),
      riskTerms: form.elements.riskTerms.value,
    });
    async function preview() {
      const mine = ++asked;
      try {
        const result = await call('POST', `/api/workspaces/${editor.dataset.workspace}/alerts/rules/preview`, request());
        if (mine !== asked) return; // a newer preview is on its way
        const fired = result.alerts.length;
        summary.dataset.fired = String(fired);
        summary.textContent = fired === 0 ? summary.dataset.never
          : fired === 1 ? summary.dataset.once : summary.dataset.many.replace('{0}', fired);
        body.replaceChildren(...result.alerts.slice().reverse().map(a => {
          const row = document.createElement('tr');
          for (const text of [when(Date.parse(a.at)), String(a.observed), a.expected.toFixed(1)]) {
            const cell = document.createElement('td');
            cell.textContent = text;
            row.append(cell);
          }
          return row;
        }));
        const labels = result.hours.map(h => when(Date.parse(h.start)));
        const data = result.hours.map(h => h.count);
        const colors = result.hours.map(h => (h.fired ? '#c2410c' : '#94a3b8'));
        if (typeof Chart !== 'undefined') {
          if (chart) chart.destroy();
          // eslint-disable-next-line no-undef
          chart = new Chart(canvas, {
            type: 'bar',
            data: { labels, datasets: [{ label: '', data, backgroundColor: colors }] },
            options: { animation: false, responsive: true, plugins: { legend: { display: false } }, scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true } } },
          });
        }
      } catch (e) {
        if (mine !== asked) return;
        summary.dataset.fired = '';
        summary.textContent = `${summary.dataset.error} (${e.message})`;
      }
    }
    const later = () => { clearTimeout(timer); timer = setTimeout(preview, 300); };
    form.addEventListener('input', later);
    form.addEventListener('change', () => {
      const kind = form.elements.kind.value;
      // One risk mention is enough; the other kinds start from three, unless the person chose otherwise.
      const min = form.elements.minCount;
      if (kind === 'RiskMention' && min.value === '3') min.value = '1';
      else if (kind !== 'RiskMention' && min.value === '1') min.value = '3';
      document.getElementById('risk-terms').hidden = kind !== 'RiskMention';
      for (const help of document.querySelectorAll('[data-kind-help]')) help.hidden = help.dataset.kindHelp !== kind;
      later();
    });
    preview();
  }

  // --- Crisis room -----------------------------------------------------------------------------------------------
  const room = document.getElementById('crisis-room');
  if (room) {
    const here = `/api/workspaces/${room.dataset.workspace}/incidents/${room.dataset.incident}`;
    const error = document.getElementById('crisis-error');
    const act = (path, body) => call('POST', here + path, body ?? {}).then(() => location.reload(), e => { error.textContent = e.message; });
    const actions = {
      acknowledge: () => act('/acknowledge'),
      'assign-me': () => act('/assign', { assigneeId: 'me' }),
      resolve: () => act('/resolve'),
      statement: () => call('PUT', `${here}/statement`, { text: document.getElementById('statement-text').value })
        .then(() => location.reload(), e => { error.textContent = e.message; }),
      'post-statement': () => {
        const channelIds = [...room.querySelectorAll('input.post-channel:checked')].map(box => Number(box.value));
        if (channelIds.length === 0) {
          error.textContent = room.dataset.labelPickChannel;
          return;
        }
        document.getElementById('post-statement').disabled = true;
        act('/statement/post', { channelIds });
      },
    };
    for (const button of room.querySelectorAll('[data-action]')) {
      button.addEventListener('click', () => actions[button.dataset.action]());
    }
    for (const box of room.querySelectorAll('input.crisis-step')) {
      box.addEventListener('change', () => act(`/steps/${box.value}`, { done: box.checked }));
    }
    const canvas = document.getElementById('crisis-chart');
    const hours = JSON.parse(room.dataset.timeline || '[]');
    if (canvas && typeof Chart !== 'undefined') {
      // eslint-disable-next-line no-undef
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: hours.map(h => when(h.t)),
          datasets: [
            { label: room.dataset.labelMentions, data: hours.map(h => h.n - h.neg), backgroundColor: '#94a3b8' },
            { label: room.dataset.labelNegative, data: hours.map(h => h.neg), backgroundColor: '#c2410c' },
          ],
        },
        options: { animation: false, responsive: true, scales: { x: { stacked: true, ticks: { maxTicksLimit: 10 } }, y: { stacked: true, beginAtZero: true } } },
      });
    }
  }

  // --- The person's own preferences ------------------------------------------------------------------------------
  const prefs = document.getElementById('preferences-form');
  if (prefs) {
    const status = document.getElementById('preferences-status');
    prefs.addEventListener('submit', async (event) => {
      event.preventDefault();
      const f = prefs.elements;
      const hour = (v) => (v === '' ? null : Number(v));
      try {
        await call('PUT', `/api/workspaces/${prefs.dataset.workspace}/alerts/preferences`, {
          inApp: f.inApp.checked, email: f.email.checked, minLevel: Number(f.minLevel.value),
          quietFromHour: hour(f.quietFrom.value), quietToHour: hour(f.quietTo.value), timeZone: f.timeZone.value,
        });
        status.textContent = prefs.dataset.saved;
      } catch (e) {
        status.textContent = e.message;
      }
    });
  }
})();
