// sim2pi live monitor: Server-Sent Events in, canvas plots out. No libraries, nothing fetched from outside.
(function () {
  'use strict';
  let selected = null;
  let source = null;
  let last = null;
  // The command whose fate the status line follows: 'sent' until the robot answers.
  let pending = null;
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
    if (d.robots.length === 0) {
      const tr = document.createElement('tr');
      const td = text('td', 'No robot yet.', 'hint');
      td.colSpan = 4;
      tr.append(td);
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
    if (d.recorders.length === 0) {
      rec.append(document.createElement('tr'));
      rec.lastChild.append(text('td', 'No recorder yet (sim2pi record).', 'hint'));
    }
    const s = d.selected;
    const hasFrames = Boolean(s) && s.t.length > 1;
    const hasTiming = Boolean(s) && s.jitter.some((n) => n > 0);
    showHint('plothint', 'plot', hasFrames ? '' : plotHint(d));
    showHint('jitterhint', 'jitter', hasTiming ? '' : 'No loop timing yet: it comes with a robot\'s telemetry frames.');
    if (s) {
      if (!selected) { selected = s.id; }
      $('selname').textContent = s.id;
      fillChannels(s.channels);
      if (hasFrames) { plot(s); }
      if (hasTiming) { histogram(s); }
    }
    const ev = $('events');
    ev.replaceChildren();
    for (const e of d.events) {
      ev.append(text('div', new Date(e.unixMillis).toLocaleTimeString() + '  ' + e.robot + '  ' + e.kind + '  ' + e.message,
        /estop|trip|refused|malformed|offline/i.test(e.kind) ? 'bad' : ''));
    }
    if (d.events.length === 0) { ev.append(text('p', 'No events yet.', 'hint')); }
    $('arm').disabled = !d.canSign;
    $('arm').title = d.canSign ? '' : 'Arming needs a signed command: start the monitor with --key PREFIX';
    followCommand(d.commands || []);
  }

  // Shows what became of the last command: sent, then the robot's answer (robot stopped, accepted, refused).
  function followCommand(commands) {
    if (!pending) { return; }
    const c = commands.find((x) => x.id === pending.id);
    if (!c) { return; }
    const line = $('cmdresult');
    line.dataset.state = c.state;
    line.textContent = c.kind + ' ' + c.state + (c.message && c.state !== 'sent' ? ' (' + c.message + ')' : '');
    line.className = c.state === 'refused' ? 'bad' : c.state === 'sent' ? '' : 'ok';
  }

  // What an empty plot waits for, so a newcomer is not left with a black panel.
  function plotHint(d) {
    if (d.selected) {
      return 'Waiting for telemetry frames from ' + d.selected.id + (d.connected ? '…' : ' (the broker is not connected)…');
    }
    if (!d.connected) {
      return 'Waiting for the broker: not connected yet. Is it running (sim2pi broker), or is --broker right?';
    }
    return 'Waiting for telemetry: no robot has published to this broker yet. '
      + 'A running controller sends frames (or try sim2pi bench telemetry).';
  }

  function showHint(hintId, canvasId, hint) {
    $(hintId).hidden = hint === '';
    $(hintId).textContent = hint;
    $(canvasId).hidden = hint !== '';
  }

  // Round steps (1, 2 or 5 times a power of ten) giving about five ticks over [lo, hi].
  function ticks(lo, hi) {
    const raw = (hi - lo) / 5;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * pow).find((v) => v >= raw);
    const decimals = Math.max(0, -Math.floor(Math.log10(step)));
    const out = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
      out.push({ value: v, label: String(Number(v.toFixed(decimals))) });
    }
    return out;
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
    // Plot area inside margins for the value labels (left) and the time axis (bottom).
    const left = 56, right = 10, top = 22, bottom = 34;
    const w = c.width - left - right, h = c.height - top - bottom;
    const t0 = t[0], t1 = t[t.length - 1] > t0 ? t[t.length - 1] : t0 + 1;
    const xOf = (time) => left + (time - t0) / (t1 - t0) * w;
    g.strokeStyle = '#555';
    g.beginPath();
    g.moveTo(left, top); g.lineTo(left, top + h); g.lineTo(left + w, top + h);
    g.stroke();
    g.fillStyle = '#aaa';
    g.textAlign = 'center';
    const xTicks = ticks(t0, t1);
    for (const tick of xTicks) {
      const x = xOf(tick.value);
      g.fillRect(x, top + h, 1, 4);
      g.fillText(tick.label + ' s', x, top + h + 14);
    }
    const xLabel = 'time since the session\'s first frame (s)';
    g.fillText(xLabel, left + w / 2, c.height - 4);
    picks.forEach((ch, k) => {
      const v = s.values[ch] || [];
      let lo = Math.min(...v), hi = Math.max(...v);
      if (!(hi > lo)) { lo -= 1; hi += 1; }
      g.strokeStyle = colors[k];
      g.beginPath();
      v.forEach((y, i) => {
        const px = xOf(t[i]);
        const py = top + h - (y - lo) / (hi - lo) * h;
        if (i === 0) { g.moveTo(px, py); } else { g.lineTo(px, py); }
      });
      g.stroke();
      g.fillStyle = colors[k];
      g.textAlign = 'left';
      g.fillText(s.channels[ch] + '  [' + lo.toPrecision(3) + ', ' + hi.toPrecision(3) + ']', left + 4 + 300 * k, 12);
      if (k === 0) {
        // The value axis belongs to the first channel; the second has its own range in its legend.
        g.textAlign = 'right';
        g.fillText(hi.toPrecision(3), left - 4, top + 8);
        g.fillText(lo.toPrecision(3), left - 4, top + h);
      }
    });
    c.dataset.xTicks = xTicks.map((tick) => tick.label + ' s').join('|');
    c.dataset.xLabel = xLabel;
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
    const line = $('cmdresult');
    if (!selected) { line.textContent = 'no robot selected'; return; }
    pending = null;
    line.dataset.state = 'sending';
    fetch('cmd?robot=' + encodeURIComponent(selected) + '&kind=' + kind, { method: 'POST' })
      .then((r) => r.text().then((b) => {
        if (r.ok) {
          pending = { id: JSON.parse(b).commandId, kind: kind };
          line.dataset.state = 'sent';
          line.className = '';
          line.textContent = kind + ' sent';
          if (last) { followCommand(last.commands || []); }
        } else {
          line.dataset.state = 'failed';
          line.className = 'bad';
          line.textContent = b;
        }
      }))
      .catch((e) => { line.dataset.state = 'failed'; line.textContent = 'failed: ' + e; });
  }

  $('arm').onclick = () => command('ARM');
  $('stop').onclick = () => command('STOP');
  $('estop').onclick = () => command('ESTOP');
  connect();
}());
