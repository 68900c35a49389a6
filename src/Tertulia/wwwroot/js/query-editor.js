// Query editor: live preview and inline error marks from the preview endpoint; re-tagging progress while it runs.
(() => {
  const editor = document.getElementById('editor');
  if (!editor) return;
  const workspace = editor.dataset.workspace;
  const errorTexts = JSON.parse(editor.dataset.errorTexts);
  const input = document.getElementById('expression');
  const mirror = document.getElementById('query-mirror');
  const error = document.getElementById('query-error');
  const count = document.getElementById('preview-count');
  const examples = document.getElementById('preview-examples');
  const format = (template, ...args) => template.replace(/\{(\d)\}/g, (_, i) => args[i] ?? '');

  // Syntax colours for the mirror under the text box: operators, fields, phrases, parentheses, wildcards.
  const syntax = /("[^"]*"?(?:~\d*)?)|(\b(?:AND|OR|NOT)\b|\bNEAR\/?\w*)|((?:^|(?<=[\s(]))[A-Za-zÁÉÍÓÚáéíóúñÑ]+:)|([()])|((?:^|(?<=[\s(]))-(?=\S))|(\S*[*?]\S*)/g;
  const kinds = [null, 'q-phrase', 'q-op', 'q-field', 'q-paren', 'q-op', 'q-wild'];

  function render(error) {
    const text = input.value;
    const segments = [];
    for (const m of text.matchAll(syntax)) {
      const kind = kinds.findIndex((_, i) => i > 0 && m[i] !== undefined);
      segments.push([m.index, m.index + m[0].length, kinds[kind]]);
    }
    const cuts = new Set([0, text.length, ...segments.flat().filter(x => typeof x === 'number')]);
    let errStart = -1, errEnd = -1;
    if (error) {
      errStart = Math.min(error.position - 1, text.length);
      errEnd = Math.min(errStart + Math.max(error.length, 1), text.length);
      cuts.add(errStart); cuts.add(errEnd);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const nodes = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const segment = segments.find(([s, e]) => s <= from && to <= e);
      const span = document.createElement(from >= errStart && to <= errEnd && errStart >= 0 ? 'mark' : 'span');
      if (span.tagName === 'MARK') span.className = 'error-mark';
      if (segment) span.classList.add(segment[2]);
      span.textContent = text.slice(from, to);
      nodes.push(span);
    }
    if (error && errStart === text.length) {
      const mark = document.createElement('mark');
      mark.className = 'error-mark';
      mark.textContent = ' ';
      nodes.push(mark);
    }
    mirror.replaceChildren(...nodes);
  }

  function markError(problem) {
    render(problem);
    const reason = format(errorTexts[problem.code] ?? problem.reason, problem.subject);
    error.textContent = format(editor.dataset.errorAt, reason, problem.position);
    input.setAttribute('aria-invalid', 'true');
  }

  function clearError() {
    render(null);
    error.textContent = '';
    input.removeAttribute('aria-invalid');
  }

  let pending;
  let sequence = 0;
  async function preview() {
    const expression = input.value.trim();
    const mine = ++sequence;
    if (!expression) {
      clearError();
      count.textContent = editor.dataset.previewEmpty;
      examples.replaceChildren();
      return;
    }
    const response = await fetch(`/api/workspaces/${workspace}/queries/preview`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ expression }),
    });
    if (mine !== sequence) return; // a newer keystroke already asked
    const body = await response.json();
    if (!response.ok) {
      markError(body);
      return;
    }
    clearError();
    count.textContent = format(editor.dataset.previewCount, body.matched.toLocaleString(), body.sampled.toLocaleString());
    examples.replaceChildren(...body.examples.map(e => {
      const li = document.createElement('li');
      li.className = 'mention';
      const link = document.createElement('a');
      link.className = 'mention-link';
      link.href = `/w/${workspace}/m/${e.id}`;
      const who = document.createElement('strong');
      who.textContent = e.author ?? '';
      const snippet = document.createElement('p');
      snippet.className = 'snippet';
      snippet.innerHTML = e.snippetHtml; // escaped by the server; only <mark> is markup
      link.append(who, snippet);
      li.append(link);
      return li;
    }));
  }

  input.addEventListener('input', () => {
    clearTimeout(pending);
    pending = setTimeout(preview, 250);
  });
  preview();

  // While a query is being re-tagged, follow its progress.
  async function followProgress() {
    const running = document.querySelectorAll('.retag[data-state="queued"], .retag[data-state="running"]');
    if (running.length === 0) return;
    const response = await fetch(`/api/workspaces/${workspace}/queries`);
    if (response.ok) {
      const queries = await response.json();
      if (queries.some(q => q.retag && q.retag.state !== 'done')) {
        for (const q of queries) {
          const row = document.querySelector(`#query-list li[data-query="${q.id}"] .retag`);
          if (!row || !q.retag) continue;
          row.dataset.state = q.retag.state;
          row.querySelector('progress').value = q.retag.percent;
        }
      } else {
        location.reload();
        return;
      }
    }
    setTimeout(followProgress, 1000);
  }
  setTimeout(followProgress, 1000);
})();
