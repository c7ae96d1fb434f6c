// Live pages (docs/decisions/0011 and 0013): a conversation's messages appear as they are sent,
// the header's count of unread conversations follows, and on every clinician's page a duty alert
// appears in the banner the moment it is raised or escalated. Progressive enhancement only:
// without this file every page shows all of it on reload (the banner is read with the session
// check). Text from the server is only ever set with textContent.
const signalR = window.signalR;
const live = document.querySelector('[data-live-conversation]');
const list = document.querySelector('ol.app-messages');
const alertSlot = document.querySelector('[data-live-alerts]');
const conversation = live && list ? live : null;

if (signalR && (conversation || alertSlot)) {
  const person = conversation?.dataset.liveConversation;
  const viewer = conversation?.dataset.liveViewer;
  const announce = document.querySelector('[data-live-announce]');
  const shown = new Set(conversation ? [...list.querySelectorAll('[data-sequence]')].map((li) => Number(li.dataset.sequence)) : []);
  let last = Math.max(Number(conversation?.dataset.liveLast) || 0, ...shown, 0);
  let catchingUp = null;

  const who = (m) => {
    if (m.senderKind === 'automatic') return 'Automatic reply';
    if (m.senderKind === 'patient' && viewer === 'patient') return 'You';
    return m.senderName;
  };

  const render = (m) => {
    const li = document.createElement('li');
    li.className = `app-message app-message--${m.senderKind}`;
    li.dataset.sequence = String(m.sequence);
    li.dataset.testid = 'message';
    const meta = document.createElement('p');
    meta.className = 'app-message__meta';
    const from = document.createElement('strong');
    from.className = 'app-message__from';
    from.textContent = who(m);
    const time = document.createElement('time');
    time.className = 'app-message__time';
    time.dateTime = m.sentAt;
    time.textContent = m.sentAtText;
    meta.append(from, ' ', time);
    if (viewer === 'staff' && m.outOfHours) {
      const tag = document.createElement('strong');
      tag.className = 'nhsuk-tag nhsuk-tag--orange app-message__tag';
      tag.dataset.testid = 'out-of-hours';
      tag.textContent = 'Sent out of hours';
      meta.append(' ', tag);
    }
    const body = document.createElement('p');
    body.className = 'app-message__body';
    body.textContent = m.body;
    li.append(meta, body);
    return li;
  };

  // Each message once, in its place, whatever order pushes and catch-ups arrive in.
  const show = (m) => {
    if (!conversation || m.personId !== person || shown.has(m.sequence)) return;
    shown.add(m.sequence);
    const li = render(m);
    const after = [...list.children].find((x) => Number(x.dataset.sequence) > m.sequence);
    list.insertBefore(li, after || null);
    last = Math.max(last, m.sequence);
    document.querySelector('[data-testid=no-messages]')?.remove();
    if (announce && m.senderKind !== 'automatic') announce.textContent = `New message from ${who(m)}`;
  };

  // The banner the server renders for open alerts, made here when the page has none yet: the
  // same markup, so it looks and reads the same whichever way it came.
  const alertBanner = () => {
    let banner = alertSlot.querySelector('[data-testid=alert-banner]');
    if (banner) return banner.querySelector('ul');
    banner = document.createElement('div');
    banner.className = 'nhsuk-error-summary app-alert-banner';
    banner.setAttribute('role', 'region');
    banner.setAttribute('aria-labelledby', 'alert-banner-title');
    banner.dataset.testid = 'alert-banner';
    const title = document.createElement('h2');
    title.className = 'nhsuk-error-summary__title';
    title.id = 'alert-banner-title';
    title.textContent = 'Crisis alert';
    const body = document.createElement('div');
    body.className = 'nhsuk-error-summary__body';
    const p = document.createElement('p');
    p.textContent = 'A person\u2019s message may signal immediate danger. Open it and take it on now.';
    const ul = document.createElement('ul');
    ul.className = 'nhsuk-list nhsuk-error-summary__list';
    body.append(p, ul);
    banner.append(title, body);
    alertSlot.append(banner);
    return ul;
  };

  const showAlert = (a) => {
    if (!alertSlot || typeof a.url !== 'string' || !a.url.startsWith('/alerts/')) return;
    const ul = alertBanner();
    let li = [...ul.querySelectorAll('a')].find((x) => x.getAttribute('href') === a.url)?.parentElement;
    if (!li) {
      li = document.createElement('li');
      ul.prepend(li);
    }
    const link = document.createElement('a');
    link.href = a.url;
    link.dataset.testid = 'alert-banner-live';
    const raised = new Date(a.raisedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
    const why = Array.isArray(a.reasons) && a.reasons.length > 0 ? `: ${a.reasons.join(', ')}` : '';
    link.textContent = `${a.escalated ? 'Escalated to you, nobody has taken it on. ' : ''}New crisis alert at ${raised}${why}`;
    li.replaceChildren(link);
  };

  // WebSockets straight away, without negotiating first: any node can take the connection, so no
  // node needs to be "sticky". Where WebSockets are blocked, a reload still shows everything.
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .build();

  const catchUp = async () => {
    if (!conversation) return undefined;
    if (catchingUp) return catchingUp;
    catchingUp = (async () => {
      try {
        // At most 500 come at a time: ask until nothing more is missing.
        let missed;
        do {
          missed = await connection.invoke('After', person, last);
          missed.forEach(show);
        } while (missed.length === 500);
      } finally {
        catchingUp = null;
      }
    })();
    return catchingUp;
  };

  connection.on('message', (m) => {
    // A gap means a message was missed (this page joined late, or a push was lost): ask for it.
    if (m.sequence > last + 1) catchUp().catch(() => {});
    else show(m);
  });

  connection.on('counts', (counts) => {
    document.querySelectorAll('[data-live-count=messages]').forEach((el) => {
      el.textContent = counts.messages > 0 ? String(counts.messages) : '';
      el.hidden = counts.messages === 0;
    });
  });

  connection.on('alert', (a) => showAlert(a));

  connection.on('resync', () => catchUp().catch(() => {}));

  let pause = 1000;
  const retry = () => {
    setTimeout(start, pause);
    pause = Math.min(pause * 2, 30000);
  };

  const start = async () => {
    try {
      await connection.start();
    } catch {
      document.body.dataset.live = 'waiting';
      retry();
      return;
    }
    try {
      if (conversation) {
        await connection.invoke('Join', person);
        await catchUp();
      }
      pause = 1000;
      document.body.dataset.live = 'connected';
    } catch {
      await connection.stop(); // onclose tries again
    }
  };

  // After a lost connection (a node restarting, a phone waking), join again and fetch what was missed.
  connection.onclose(() => {
    document.body.dataset.live = 'waiting';
    retry();
  });

  start();
}
