// The composer: while the text, the channels or the moment change, ask the publishing API for the preview (value
// score and reasons, each channel's parts, the caps' warnings or refusal) and show it; then save the draft, ask for
// approval, or approve and schedule, through the same API, and go to the calendar on the post's day.
(() => {
  const composer = document.getElementById('composer');
  if (!composer) return;
  const workspace = composer.dataset.workspace;
  let publication = composer.dataset.publication ? Number(composer.dataset.publication) : null;
  const api = `/api/workspaces/${workspace}/publishing`;
  const $ = (id) => document.getElementById(id);
  const text = $('post-text');
  const when = $('post-when');
  const errorBox = $('compose-error');
  const statusBox = $('compose-status');

  async function call(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (!response.ok) {
      let detail = `${response.status}`;
      let key = '';
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
        key = problem.key || '';
      } catch { /* not JSON */ }
      const error = new Error(detail);
      error.key = key;
      throw error;
    }
    return response.status === 204 ? null : response.json().catch(() => null);
  }

  const channelIds = () => [...document.querySelectorAll('input.post-channel:checked')].map(c => Number(c.value));
  const localTime = () => (when.value ? (when.value.length === 16 ? `${when.value}:00` : when.value) : null);
  const element = (tag, className, content) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (content !== undefined) e.textContent = content;
    return e;
  };

  function show(box, message) {
    box.textContent = message || '';
    box.hidden = !message;
  }

  // --- Live preview ----------------------------------------------------------------------------------------------
  let timer = null;
  let asked = 0;
  async function preview() {
    const mine = ++asked;
    try {
      const result = await call('POST', `${api}/preview`, { text: text.value, channelIds: channelIds(), localTime: localTime(), publicationId: publication });
      if (mine !== asked) return; // a newer preview is on its way
      render(result);
    } catch (e) {
      if (mine === asked) show(errorBox, `${composer.dataset.error} ${e.message}`);
    }
  }
  function schedulePreview() {
    clearTimeout(timer);
    timer = setTimeout(preview, 200);
  }

  function render(result) {
    const score = $('post-score');
    const empty = text.value.trim().length === 0;
    score.textContent = empty ? '–' : String(result.score);
    score.dataset.score = empty ? '' : String(result.score);
    $('post-meter').value = empty ? 0 : result.score;
    const verdict = $('post-verdict');
    verdict.textContent = empty ? '' : (result.promotional ? composer.dataset.promo : composer.dataset.value);
    verdict.className = result.promotional ? 'verdict promo' : 'verdict value';
    $('post-reasons').replaceChildren(...(empty ? [] : result.reasons).map(r => {
      const li = element('li', `reason ${r.points >= 0 ? 'for' : 'against'}`);
      li.dataset.feature = r.feature;
      li.dataset.points = String(r.points);
      li.append(element('span', 'points', `${r.points > 0 ? '+' : ''}${r.points}`), document.createTextNode(' ' + r.text));
      return li;
    }));

    const refusal = $('post-refusal');
    refusal.dataset.key = result.refusal ? result.refusal.key : '';
    show(refusal, result.refusal ? result.refusal.text : '');
    $('post-warnings').replaceChildren(...result.warnings.map(w => {
      const li = element('li', 'warning', w.text);
      li.dataset.key = w.key;
      return li;
    }));
    $('post-checks-ok').hidden = !!result.refusal || result.warnings.length > 0 || empty;

    $('channel-previews').replaceChildren(...result.channels.map(c => {
      const section = element('section', 'channel-preview');
      section.dataset.channel = String(c.channelId);
      section.dataset.kind = c.kind;
      section.dataset.parts = String(c.parts.length);
      section.append(element('h3', '', `${c.name} (${c.kind})`));
      const list = element('ol', 'parts');
      c.parts.forEach((part, i) => {
        const li = element('li', part.length > c.maxLength ? 'part over' : 'part');
        li.append(element('p', 'part-text', part.text));
        const count = element('p', 'part-count muted small',
          composer.dataset.part.replace('{0}', i + 1).replace('{1}', c.parts.length).replace('{2}', part.length).replace('{3}', c.maxLength));
        li.append(count);
        list.append(li);
      });
      section.append(list);
      return section;
    }));
  }

  // --- Image -----------------------------------------------------------------------------------------------------
  const image = $('post-image');
  async function imagePayload() {
    const keep = $('post-keep-image');
    const file = image && image.files && image.files[0];
    const alt = $('post-alt').value.trim();
    if (!file) return { keepImage: !!(keep && keep.checked), imageAlt: alt || null };
    if (!alt) throw new Error(composer.dataset.noAlt);
    const data = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
    return { imageBase64: data, imageContentType: file.type, imageAlt: alt, keepImage: false };
  }

  // --- Saving ----------------------------------------------------------------------------------------------------
  async function save() {
    const body = { text: text.value, channelIds: channelIds(), localTime: localTime(), language: $('post-language').value, ...(await imagePayload()) };
    if (publication === null) {
      const created = await call('POST', `${api}/publications`, body);
      publication = created.id;
      composer.dataset.publication = String(publication);
      history.replaceState(null, '', `/w/${workspace}/publishing/compose/${publication}`);
    } else {
      await call('PUT', `${api}/publications/${publication}`, body);
    }
  }
  const calendarUrl = () => `/w/${workspace}/publishing?view=week${when.value ? `&date=${when.value.slice(0, 10)}` : ''}`;

  async function act(button, work) {
    show(errorBox, '');
    show(statusBox, '');
    button.disabled = true;
    try {
      await work();
    } catch (e) {
      show(errorBox, e.message);
      if (e.key) {
        const refusal = $('post-refusal');
        refusal.dataset.key = e.key;
        show(refusal, e.message);
      }
    } finally {
      button.disabled = false;
    }
  }

  const draft = $('save-draft');
  if (draft) draft.addEventListener('click', () => act(draft, async () => {
    await save();
    show(statusBox, composer.dataset.saved);
  }));
  const submit = $('submit-post');
  if (submit) submit.addEventListener('click', () => act(submit, async () => {
    await save();
    await call('POST', `${api}/publications/${publication}/submit`);
    show(statusBox, composer.dataset.submitted);
    location.assign(calendarUrl());
  }));
  const approve = $('approve-post');
  if (approve) approve.addEventListener('click', () => act(approve, async () => {
    await save();
    await call('POST', `${api}/publications/${publication}/approve`);
    show(statusBox, composer.dataset.scheduled);
    location.assign(calendarUrl());
  }));
  for (const [id, verb] of [['send-back', 'send-back'], ['cancel-post', 'cancel']]) {
    const button = $(id);
    if (button) button.addEventListener('click', () => act(button, async () => {
      await call('POST', `${api}/publications/${publication}/${verb}`);
      location.assign(calendarUrl());
    }));
  }

  text.addEventListener('input', schedulePreview);
  when.addEventListener('input', schedulePreview);
  when.addEventListener('change', schedulePreview);
  document.querySelectorAll('input.post-channel').forEach(c => c.addEventListener('change', schedulePreview));
  preview();
})();
