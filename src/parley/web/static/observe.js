/* Live observation: poll the session every few seconds; inject events into it. */
"use strict";

(() => {
  const root = document.getElementById("observe");
  if (!root) return;
  const { api, el, coaching, showState, elapsed, label } = Parley;
  const id = root.dataset.session;
  const subject = root.dataset.subject;
  const pollMs = Number(root.dataset.pollMs) || 2000;
  const started = Date.parse(root.dataset.started);
  const dialogue = document.getElementById("dialogue");
  const board = document.getElementById("board");
  const status = document.getElementById("status");
  const live = document.getElementById("live");
  let seq = 0;
  let ended = false;

  function line(kind, who, text) {
    const item = el("li", "line line-" + kind);
    if (who) item.appendChild(el("span", "who", who));
    item.appendChild(el("span", "text", text));
    dialogue.appendChild(item);
    return item;
  }

  function render(view) {
    const atBottom = dialogue.scrollHeight - dialogue.scrollTop - dialogue.clientHeight < 40;
    dialogue.replaceChildren();
    line("subject", subject, view.opening);
    const notices = view.notices.slice();
    view.turns.forEach((turn, index) => {
      while (notices.length && notices[0].after_turn <= index) {
        line("event injected", "", "\u00bb " + notices.shift().text + " (injected)");
      }
      const mine = line("trainee", "Turn " + turn.index, turn.pause ? "(effective pause)" : turn.trainee);
      mine.appendChild(coaching(turn.coaching));
      for (const text of turn.narration) line("event", "", "\u00bb " + text);
      const reply = line("subject", subject, turn.reply);
      reply.appendChild(el("span", "state-note", "arousal " + Math.round(turn.state.arousal) +
        " \u00b7 trust " + Math.round(turn.state.trust) + " \u00b7 " + turn.state.stairway));
    });
    for (const n of notices) line("event injected", "", "\u00bb " + n.text + " (injected, pending)");
    if (atBottom) dialogue.scrollTop = dialogue.scrollHeight;
    showState(view.state);
    status.textContent = view.finished ? "finished: " + label(view.outcome) : view.status;
    status.className = "status status-" + (view.finished ? "finished" : view.status);
    board.replaceChildren();
    if (view.board) {
      for (const [key, value] of Object.entries(view.board)) {
        if (!value) continue;
        board.appendChild(el("dt", "", label(key)));
        board.appendChild(el("dd", "", value));
      }
    } else {
      board.appendChild(el("dd", "muted", "Not saved yet."));
    }
    if (view.finished) {
      ended = true;
      live.textContent = "session over";
      document.querySelector("#inject button").disabled = true;
    }
  }

  async function poll() {
    if (ended) return;
    try {
      const feed = await api("GET", "/api/sessions/" + id + "/feed?after=" + seq);
      if (feed.changed) { seq = feed.seq; render(feed.session); }
      live.classList.remove("stale");
    } catch (error) {
      live.classList.add("stale");
    }
  }

  document.getElementById("inject").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const out = document.getElementById("inject-status");
    const body = {
      kind: form.kind.value, text: form.text.value.trim(), line: form.line.value.trim(),
      arousal: Number(form.arousal.value) || 0, trust: Number(form.trust.value) || 0,
    };
    try {
      const view = await api("POST", "/api/sessions/" + id + "/events", body);
      seq = view.seq;
      render(view);
      out.textContent = "Injected: the trainee sees it now; the subject reacts on the next turn.";
      form.text.value = "";
      form.line.value = "";
    } catch (error) {
      out.textContent = "Not injected: " + error.message;
    }
  });

  const wall = document.getElementById("wall-clock");
  const tick = () => { wall.textContent = elapsed((Date.now() - started) / 1000); };
  tick();
  setInterval(tick, 1000);
  poll();
  setInterval(poll, pollMs);
})();
