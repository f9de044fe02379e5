// sim2pi live monitor: Server-Sent Events in, canvas plots out. No libraries, nothing fetched from outside.
(function () {
  'use strict';
  let selected = null;
  let source = null;
  let last = null;
  const $ = (id) => document.getElementById(id);

  function connect() {
    if (source) { source.close(); }
    source = new EventSource('events' + (selected ? '?robot=' + encodeURIComponent(selected) : ''));
    source.onmessage = (e) => { last = JSON.parse(e.data); render(last); };
    source.onerror = () => { $('conn').textContent = 'monitor connection lost, retrying…'; $('conn').className = 'bad'; };
  }

  function text(tag, s, cls) { const el = document.createElement(tag); el.textContent = s; if (cls) { el.className = cls; } return el; }

  function render(d) {
    $('conn').textContent = d.connected ? 'broker connected' : 'broker unreachable';
    $('conn').className = d.connected ? 'ok' : 'bad';
    const tbody = $('robots');
    tbody.replaceChildren();
    for (const r of d.robots) {
      const tr = document.createElement('tr');
      tr.className = 'robot' + (d.selected && d.selected.id === r.id ? ' sel' : '');
      tr.dataset.robot = r.id;
      tr.append(text('td', r.id), text('td', r.state, r.state === 'OFFLINE' || r.state === 'ESTOPPED' ? 'bad' : 'ok'),
        text('td', String(r.frames)), text('td', String(r.gaps)));
      tr.onclick = () => { selected = r.id; connect(); };
      tbody.append(tr);
    }
    const rec = $('recorders');
    rec.replaceChildren();
    for (const r of d.recorders) {
      const tr = document.createElement('tr');
      tr.append(text('td', r.id), text('td', r.online ? 'online' : 'offline', r.online ? 'ok' : 'bad'),
        text('td', r.frames + ' frames, ' + r.missing + ' missing, ' + (r.bytes / 1e6).toFixed(1) + ' MB'));
      rec.append(tr);
    }
    if (d.selected) {
      if (!selected) { selected = d.selected.id; }
      $('selname').textContent = d.selected.id;
      fillChannels(d.selected.channels);
      plot(d.selected);
      histogram(d.selected);
    }
    const ev = $('events');
    ev.replaceChildren();
    for (const e of d.events) {
      ev.append(text('div', new Date(e.unixMillis).toLocaleTimeString() + '  ' + e.robot + '  ' + e.kind + '  ' + e.message,
        /estop|trip|refused|malformed/i.test(e.kind + e.message) ? 'bad' : ''));
    }
  }

  function fillChannels(names) {
    for (const id of ['channel', 'channel2']) {
      const sel = $(id);
      const have = Array.from(sel.options).map((o) => o.value).filter((v) => v !== '');
      if (have.join() === names.join()) { continue; }
      const keep = sel.value;
      sel.replaceChildren();
      if (id === 'channel2') { sel.append(new Option('(none)', '')); }
      names.forEach((n, i) => sel.append(new Option(n, String(i))));
      sel.value = keep !== '' && keep < names.length ? keep : (id === 'channel' ? '0' : '');
    }
  }

  function plot(s) {
    const c = $('plot');
    const g = c.getContext('2d');
    g.clearRect(0, 0, c.width, c.height);
    const picks = [$('channel').value, $('channel2').value].filter((v) => v !== '').map(Number);
    const colors = ['#4af', '#fa4'];
    const t = s.t;
    if (t.length > 1) {
      const t0 = t[0], t1 = t[t.length - 1] || t0 + 1;
      picks.forEach((ch, k) => {
        const v = s.values[ch] || [];
        let lo = Math.min(...v), hi = Math.max(...v);
        if (!(hi > lo)) { lo -= 1; hi += 1; }
        g.strokeStyle = colors[k];
        g.beginPath();
        v.forEach((y, i) => {
          const px = (t[i] - t0) / (t1 - t0 || 1) * (c.width - 10) + 5;
          const py = c.height - 10 - (y - lo) / (hi - lo) * (c.height - 20);
          if (i === 0) { g.moveTo(px, py); } else { g.lineTo(px, py); }
        });
        g.stroke();
        g.fillStyle = colors[k];
        g.fillText(s.channels[ch] + '  [' + lo.toPrecision(3) + ', ' + hi.toPrecision(3) + ']', 8, 14 + 14 * k);
      });
    }
    c.dataset.updates = String(Number(c.dataset.updates) + 1);
    c.dataset.samples = String(t.length);
    c.dataset.lastTime = t.length ? String(t[t.length - 1]) : '';
  }

  function histogram(s) {
    const c = $('jitter');
    const g = c.getContext('2d');
    g.clearRect(0, 0, c.width, c.height);
    const counts = s.jitter;
    const max = Math.max(1, ...counts);
    const w = (c.width - 20) / counts.length;
    counts.forEach((n, i) => {
      const h = n / max * (c.height - 30);
      g.fillStyle = i >= counts.length - 3 ? '#d55' : '#5a5';
      g.fillRect(10 + i * w + 2, c.height - 18 - h, w - 4, h);
      g.fillStyle = '#aaa';
      const label = i < s.jitterBoundsMicros.length ? '<' + s.jitterBoundsMicros[i] + 'µs' : '≥' + s.jitterBoundsMicros[i - 1] + 'µs';
      g.fillText(label, 10 + i * w + 4, c.height - 4);
    });
  }

  function command(kind) {
    if (!selected) { $('cmdresult').textContent = 'no robot selected'; return; }
    fetch('cmd?robot=' + encodeURIComponent(selected) + '&kind=' + kind, { method: 'POST' })
      .then((r) => r.text().then((b) => { $('cmdresult').textContent = r.ok ? kind + ' sent' : b; }))
      .catch((e) => { $('cmdresult').textContent = 'failed: ' + e; });
  }

  $('arm').onclick = () => command('ARM');
  $('stop').onclick = () => command('STOP');
  $('estop').onclick = () => command('ESTOP');
  connect();
}());
