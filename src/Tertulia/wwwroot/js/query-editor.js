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

  function markError(problem) {
    const text = input.value;
    const start = Math.min(problem.position - 1, text.length);
    const end = Math.min(start + Math.max(problem.length, 1), text.length);
    mirror.replaceChildren(document.createTextNode(text.slice(0, start)));
    const mark = document.createElement('mark');
    mark.className = 'error-mark';
    mark.textContent = end > start ? text.slice(start, end) : ' ';
    mirror.append(mark, document.createTextNode(text.slice(end)));
    const reason = format(errorTexts[problem.code] ?? problem.reason, problem.subject);
    error.textContent = format(editor.dataset.errorAt, reason, problem.position);
    input.setAttribute('aria-invalid', 'true');
  }

  function clearError() {
    mirror.replaceChildren();
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
