// The live page: polls /actuator/pools, keeps a few minutes of history per pool in
// memory and draws it on canvases. Plain JS, no build step, no dependencies.
(function () {
  'use strict';

  var REFRESH_MS = 1000;
  var HISTORY_MS = 3 * 60 * 1000;
  var MIN_SPAN_MS = 60 * 1000;
  var COLORS = { busy: '#2f6fdf', queued: '#c77700', rate: '#1f8a4c' };

  var poolsSection = document.getElementById('pools');
  var template = document.getElementById('pool-template');
  var errorBox = document.getElementById('error');
  var cards = {}; // pool name -> { element, samples: [{t, busy, queued, completed, rate}] }

  function field(root, name) {
    return root.querySelector('[data-field="' + name + '"]');
  }

  function setText(root, name, value) {
    var element = field(root, name);
    var text = String(value);
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  function cardFor(pool) {
    var card = cards[pool.name];
    if (card) {
      return card;
    }
    var element = template.content.firstElementChild.cloneNode(true);
    element.dataset.pool = pool.name;
    element.querySelectorAll('button').forEach(function (button) {
      button.addEventListener('click', function () { applyLoad(pool.name, button); });
    });
    card = { element: element, samples: [] };
    cards[pool.name] = card;
    insertSorted(element, pool.name);
    return card;
  }

  function insertSorted(element, name) {
    var next = Array.prototype.find.call(poolsSection.children, function (child) {
      return child.dataset.pool > name;
    });
    poolsSection.insertBefore(element, next || null);
  }

  function sum(values) {
    return Object.keys(values).reduce(function (total, key) { return total + values[key]; }, 0);
  }

  function describeCounts(counts) {
    return Object.keys(counts).filter(function (key) { return counts[key] > 0; })
      .map(function (key) { return key + ' ' + counts[key]; }).join(' · ');
  }

  function update(pool, now) {
    var card = cardFor(pool);
    var root = card.element;
    setText(root, 'name', pool.name);
    setText(root, 'kind', pool.kind);
    setText(root, 'taskType', pool.taskType ? 'type ' + pool.taskType : 'any task type');
    var state = field(root, 'state');
    setText(root, 'state', pool.lifecycle === pool.state ? pool.state : pool.state + ' (' + pool.lifecycle + ')');
    state.className = 'badge ' + pool.state;
    field(root, 'saturated').hidden = !pool.saturated;
    setText(root, 'busy', pool.workers.busy);
    setText(root, 'current', pool.workers.current);
    setText(root, 'max', pool.workers.max);
    setText(root, 'queued', pool.queue.size);
    setText(root, 'capacity', pool.queue.capacity);
    setText(root, 'completed', pool.completed);
    setText(root, 'failed', pool.failed);
    setText(root, 'rejected', sum(pool.rejected));
    var reasons = describeCounts(pool.rejected);
    setText(root, 'reasons', reasons ? 'rejected by reason: ' + reasons : '');

    var processes = pool.processes;
    field(root, 'processes').hidden = !processes;
    if (processes) {
      ['starts', 'restarts', 'crashes', 'timeouts', 'startFailures'].forEach(function (name) {
        setText(root, name, processes[name]);
      });
      setText(root, 'pids', processes.pids.length ? processes.pids.join('  ') : 'none alive');
    }

    var cluster = pool.cluster;
    field(root, 'cluster').hidden = !cluster;
    if (cluster) {
      setText(root, 'memberCount', cluster.members.length);
      setText(root, 'pending', cluster.pending);
      setText(root, 'submitted', cluster.submitted);
      setText(root, 'durable', cluster.durable ? 'yes: tasks of a lost member run again' : 'no');
      setText(root, 'members', cluster.members.length ? cluster.members.join('  ') : 'none reachable');
    }

    var samples = card.samples;
    var previous = samples[samples.length - 1];
    var rate = 0;
    if (previous && now > previous.t) {
      rate = Math.max(0, (pool.completed - previous.completed) * 1000 / (now - previous.t));
    }
    samples.push({ t: now, busy: pool.workers.busy, queued: pool.queue.size, completed: pool.completed, rate: rate });
    while (samples.length && samples[0].t < now - HISTORY_MS) {
      samples.shift();
    }
    draw(root.querySelector('[data-chart="busy"]'), samples, 'busy', pool.workers.max, now);
    draw(root.querySelector('[data-chart="queued"]'), samples, 'queued', 0, now);
    draw(root.querySelector('[data-chart="rate"]'), samples, 'rate', 0, now);
  }

  function niceCeiling(value) {
    if (value <= 1) {
      return 1;
    }
    var magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * magnitude >= value) {
        return steps[i] * magnitude;
      }
    }
    return 10 * magnitude;
  }

  function draw(canvas, samples, key, floorMax, now) {
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth;
    var height = canvas.clientHeight;
    if (!width || !height) {
      return;
    }
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    var context = canvas.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);

    var peak = samples.reduce(function (max, sample) { return Math.max(max, sample[key]); }, 0);
    var top = niceCeiling(Math.max(peak, floorMax));
    // The time axis grows with the history, from one minute up to HISTORY_MS, then scrolls.
    var first = samples.length ? samples[0].t : now;
    var span = Math.min(HISTORY_MS, Math.max(MIN_SPAN_MS, now - first));
    var pad = { left: 4, right: 4, top: 14, bottom: 12 };
    var plotWidth = width - pad.left - pad.right;
    var plotHeight = height - pad.top - pad.bottom;
    function x(t) { return pad.left + plotWidth * (1 - (now - t) / span); }
    function y(v) { return pad.top + plotHeight * (1 - v / top); }

    context.strokeStyle = '#e3e6eb';
    context.lineWidth = 1;
    [0, 0.5, 1].forEach(function (fraction) {
      var gy = Math.round(pad.top + plotHeight * fraction) + 0.5;
      context.beginPath();
      context.moveTo(pad.left, gy);
      context.lineTo(width - pad.right, gy);
      context.stroke();
    });
    context.fillStyle = '#6b7382';
    context.font = '10px system-ui, sans-serif';
    context.textBaseline = 'top';
    context.fillText(String(Math.round(top * 10) / 10), pad.left + 2, 1);
    var current = samples.length ? samples[samples.length - 1][key] : 0;
    var label = 'now ' + (Math.round(current * 10) / 10);
    context.fillText(label, width - pad.right - context.measureText(label).width - 2, 1);
    context.textBaseline = 'bottom';
    context.fillText('\u2212' + Math.round(span / 1000) + ' s', pad.left + 2, height);
    context.fillText('now', width - pad.right - context.measureText('now').width - 2, height);

    if (samples.length < 2) {
      return;
    }
    var color = COLORS[key];
    context.beginPath();
    samples.forEach(function (sample, index) {
      var px = x(sample.t);
      var py = y(sample[key]);
      if (index === 0) {
        context.moveTo(px, py);
      }
      else {
        context.lineTo(px, py);
      }
    });
    context.strokeStyle = color;
    context.lineWidth = 1.6;
    context.stroke();
    context.lineTo(x(samples[samples.length - 1].t), y(0));
    context.lineTo(x(samples[0].t), y(0));
    context.closePath();
    context.globalAlpha = 0.14;
    context.fillStyle = color;
    context.fill();
    context.globalAlpha = 1;
  }

  function log(message, kind) {
    var list = document.getElementById('log');
    var item = document.createElement('li');
    item.textContent = new Date().toLocaleTimeString() + '  ' + message;
    if (kind) {
      item.className = kind;
    }
    list.insertBefore(item, list.firstChild);
    while (list.children.length > 50) {
      list.removeChild(list.lastChild);
    }
  }

  function applyLoad(pool, button) {
    var params = new URLSearchParams({ pool: pool, tasks: button.dataset.tasks, millis: button.dataset.millis });
    if (button.dataset.action === 'wrong-type') {
      params.set('type', 'wrong-type');
    }
    button.disabled = true;
    fetch('load?' + params.toString(), { method: 'POST' })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        var body = result.body;
        if (!result.ok) {
          log(pool + ': ' + (body.message || body.detail || body.error), 'failed');
          return;
        }
        var refused = describeCounts(body.rejected);
        log(pool + ': ' + body.accepted + ' of ' + body.requested + ' tasks of type \'' + body.taskType
            + '\' accepted' + (refused ? ', refused: ' + refused : ''), refused ? 'refused' : '');
      })
      .catch(function (error) { log(pool + ': ' + error, 'failed'); })
      .then(function () { button.disabled = false; });
  }

  function runRender(button) {
    var path = button.dataset.render;
    var caption = document.getElementById('render-result');
    var image = document.getElementById('rendered');
    button.disabled = true;
    caption.textContent = path + ': waiting for a worker…';
    var started = performance.now();
    fetch(path)
      .then(function (response) {
        var millis = Math.round(performance.now() - started);
        if (response.ok && (response.headers.get('Content-Type') || '').indexOf('image/png') === 0) {
          return response.blob().then(function (blob) {
            image.src = URL.createObjectURL(blob);
            image.hidden = false;
            caption.textContent = 'rendered by worker pid ' + response.headers.get('X-Worker-Pid') + ' in '
              + response.headers.get('X-Render-Millis') + ' ms (' + millis + ' ms round trip)';
            log('render: image from worker pid ' + response.headers.get('X-Worker-Pid'), 'ok');
          });
        }
        return response.json().then(function (problem) {
          caption.textContent = response.status + ' ' + (problem.title || '') + ': ' + (problem.detail || '');
          log(path + ': ' + response.status + ' ' + (problem.title || '') + ', the application is still up', 'failed');
        });
      })
      .catch(function (error) { caption.textContent = path + ': ' + error; })
      .then(function () { button.disabled = false; });
  }

  document.querySelectorAll('[data-render]').forEach(function (button) {
    button.addEventListener('click', function () { runRender(button); });
  });

  function refreshPools() {
    return fetch('actuator/pools', { headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('/actuator/pools answered ' + response.status);
        }
        return response.json();
      })
      .then(function (body) {
        var now = Date.now();
        var seen = {};
        Object.keys(body.pools).forEach(function (name) {
          var pool = body.pools[name];
          pool.name = name;
          seen[name] = true;
          update(pool, now);
        });
        Object.keys(cards).forEach(function (name) {
          if (!seen[name]) {
            cards[name].element.remove();
            delete cards[name];
          }
        });
        document.getElementById('updated').textContent = new Date(now).toLocaleTimeString();
        errorBox.hidden = true;
      });
  }

  function refreshHealth() {
    return fetch('actuator/health/pools', { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        var badge = document.getElementById('health');
        badge.textContent = body.status;
        badge.className = 'badge ' + body.status;
      });
  }

  function refreshLatency() {
    var started = performance.now();
    return fetch('hello?name=page').then(function (response) {
      var text = response.ok ? Math.round(performance.now() - started) + ' ms' : 'HTTP ' + response.status;
      document.getElementById('hello-latency').textContent = text;
    });
  }

  function tick() {
    Promise.all([refreshPools(), refreshHealth().catch(function () {}), refreshLatency().catch(function () {})])
      .catch(function (error) {
        errorBox.textContent = 'Cannot read the pools: ' + error.message;
        errorBox.hidden = false;
      })
      .then(function () { setTimeout(tick, REFRESH_MS); });
  }

  tick();
}());
