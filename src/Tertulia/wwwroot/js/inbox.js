// The inbox: actions call the REST API and reload; keyboard shortcuts; live updates from the mentions stream.
(() => {
  const root = document.getElementById('inbox');
  if (!root) return;
  const workspace = root.dataset.workspace;
  const conversation = root.dataset.conversation;
  const api = `/api/workspaces/${workspace}/inbox`;
  const here = `${api}/conversations/${conversation}`;
  const team = root.dataset.team ? Number(root.dataset.team) : null;
  const error = document.getElementById('reply-error');
  const replyText = document.getElementById('reply-text');

  async function call(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (!response.ok) {
      let detail = `${response.status}`;
      try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not JSON */ }
      throw new Error(detail);
    }
    return response.status === 204 ? null : response.json().catch(() => null);
  }

  function show(e) {
    if (error) error.textContent = e.message;
    else alert(e.message);
  }

  const act = (method, path, body) => call(method, `${here}${path}`, body).then(() => location.reload(), show);

  const actions = {
    // Giving a conversation to a person keeps its team.
    'assign-me': () => act('POST', '/assign', { assigneeId: 'me', teamId: team }),
    status: (el) => act('POST', '/status', { status: el.dataset.status }),
    snooze: () => {
      const until = new Date(); until.setDate(until.getDate() + 1); until.setHours(9, 0, 0, 0);
      return act('POST', '/status', { status: 'snoozed', snoozeUntil: until.toISOString() });
    },
    'remove-label': (el) => call('DELETE', `${here}/labels/${encodeURIComponent(el.dataset.label)}`).then(() => location.reload(), show),
    retry: (el) => act('POST', `/replies/${el.dataset.reply}/retry`),
  };

  root.addEventListener('click', (event) => {
    const el = event.target.closest('button[data-action]');
    if (el && actions[el.dataset.action]) {
      event.preventDefault();
      actions[el.dataset.action](el);
    }
  });

  root.addEventListener('change', (event) => {
    const el = event.target;
    if (el.dataset.action === 'priority') act('POST', '/priority', { priority: el.value });
    if (el.dataset.action === 'assignee') act('POST', '/assign', { assigneeId: el.value || null, teamId: team });
    if (el.dataset.action === 'team') act('POST', '/assign', { assigneeId: null, teamId: el.value ? Number(el.value) : null });
    if (el.id === 'canned' && el.value) {
      call('GET', `${here}/canned/${el.value}`).then((filled) => {
        replyText.value = filled.text;
        replyText.focus();
        el.value = '';
      }, show);
    }
  });

  root.addEventListener('submit', (event) => {
    const form = event.target;
    const data = new FormData(form);
    event.preventDefault();
    if (form.dataset.action === 'reply') {
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      call('POST', `${here}/replies`, { text: data.get('text') }).then(() => location.reload(), (e) => { button.disabled = false; show(e); });
    }
    if (form.dataset.action === 'note') act('POST', '/notes', { text: data.get('text') });
    if (form.dataset.action === 'add-label') act('POST', '/labels', { label: data.get('label') });
  });

  // Keyboard: j/k move through the list, a assign to me, r reply, e resolve, ? help.
  const rows = [...document.querySelectorAll('.conversation-row')];
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest('input, textarea, select');
    if (typing) {
      if (event.key === 'Escape') event.target.blur();
      return;
    }
    const current = rows.findIndex((r) => r.classList.contains('selected'));
    const go = (i) => { if (rows[i]) location.href = rows[i].href; };
    switch (event.key) {
      case 'j': go(current < 0 ? 0 : current + 1); break;
      case 'k': go(current < 0 ? 0 : current - 1); break;
      case 'a': if (conversation) actions['assign-me'](); break;
      case 'e': if (conversation) act('POST', '/status', { status: 'resolved' }); break;
      case 'r': if (replyText) { replyText.focus(); event.preventDefault(); } break;
      case '?': document.getElementById('shortcuts').showModal(); break;
      default: return;
    }
  });

  // Live: a new message anywhere in the workspace refreshes the page, unless someone is typing.
  const pendingReplies = document.querySelector('.reply-sending');
  const busy = () => [...document.querySelectorAll('textarea, input:not([type=hidden])')].some((el) => el.value.trim() !== '' || el === document.activeElement);
  if ('EventSource' in window) {
    const live = new EventSource(`/api/workspaces/${workspace}/mentions/live`);
    live.addEventListener('mentions', () => { if (!busy()) location.reload(); else root.classList.add('has-news'); });
  }
  // An answer on its way: look again until it is sent or failed.
  if (pendingReplies) setTimeout(() => { if (!busy()) location.reload(); }, 1500);
})();
