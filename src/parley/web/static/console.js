/* The live negotiation console: dialogue, typing delay, clock, pause, board, coaching. */
"use strict";

(() => {
  const root = document.getElementById("console");
  if (!root) return;
  const { api, el, coaching, showState, elapsed, label } = Parley;
  const id = root.dataset.session;
  const subject = root.dataset.subject;
  const typingMs = Number(root.dataset.typingMs) || 35;
  const pollMs = Number(root.dataset.pollMs) || 2000;
  const started = Date.parse(root.dataset.started);
  const dialogue = document.getElementById("dialogue");
  const typing = document.getElementById("typing");
  const say = document.getElementById("say");
  const sayError = document.getElementById("say-error");
  const buttons = ["send", "pause", "end"].map((b) => document.getElementById(b));
  const toggle = document.getElementById("coach-toggle");
  const boardForm = document.getElementById("board");
  const boardStatus = document.getElementById("board-status");
  let seq = Number(root.dataset.seq) || 0;
  let busy = false;
  let finished = false;
  const shownNotices = new Set();
  const noticeTexts = [];  // told already: not narrated again when the subject reacts

  // -- dialogue -----------------------------------------------------------------------
  function scrollDown() { dialogue.scrollTop = dialogue.scrollHeight; }

  function line(kind, who, text) {
    const item = el("li", "line line-" + kind);
    item.appendChild(el("span", "who", who));
    item.appendChild(el("span", "text", text));
    dialogue.appendChild(item);
    scrollDown();
    return item;
  }

  function narration(text) {
    const item = el("li", "line line-event");
    item.appendChild(el("span", "text", "\u00bb " + text));
    dialogue.appendChild(item);
    scrollDown();
  }

  function traineeLine(turn) {
    const item = line("trainee", "You", turn.pause ? "(effective pause)" : turn.trainee);
    if (turn.coaching && turn.coaching.length) item.appendChild(coaching(turn.coaching));
    return item;
  }

  function subjectTurn(turn) {
    for (const text of turn.narration) {
      const told = noticeTexts.indexOf(text);
      if (told >= 0) noticeTexts.splice(told, 1);
      else narration(text);
    }
    line("subject", subject, turn.reply);
  }

  function notice(n) {
    if (shownNotices.has(n.seq)) return;
    shownNotices.add(n.seq);
    noticeTexts.push(n.text);
    narration(n.text);
  }

  function finish(outcome) {
    finished = true;
    document.getElementById("finished-outcome").textContent = label(outcome);
    document.getElementById("finished").hidden = false;
    document.getElementById("say-form").hidden = true;
  }

  // -- coaching toggle ------------------------------------------------------------------
  function applyCoaching() {
    root.classList.toggle("coaching-off", !toggle.checked);
    try { localStorage.setItem("parley.coach", toggle.checked ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  try { toggle.checked = localStorage.getItem("parley.coach") !== "0"; } catch (e) { /* ignore */ }
  toggle.addEventListener("change", applyCoaching);
  applyCoaching();

  // -- turns --------------------------------------------------------------------------
  function setBusy(value) {
    busy = value;
    for (const b of buttons) b.disabled = value;
  }

  async function send(text) {
    if (busy || finished) return;
    sayError.textContent = "";
    setBusy(true);
    const pending = line("trainee", "You", text === "..." ? "(effective pause)" : text);
    try {
      const result = await api("POST", "/api/sessions/" + id + "/turns", { text });
      seq = result.seq;
      if (result.turn.coaching.length) pending.appendChild(coaching(result.turn.coaching));
      typing.hidden = false;
      scrollDown();
      const delay = Math.min(4000, 500 + typingMs * result.reply.length);
      await new Promise((resolve) => setTimeout(resolve, delay));
      typing.hidden = true;
      subjectTurn(result.turn);
      showState(result.state);
      if (result.finished) finish(result.outcome);
    } catch (error) {
      pending.remove();
      sayError.textContent = error.message;
      if (text !== "...") say.value = text;
    } finally {
      typing.hidden = true;
      setBusy(false);
      if (!finished) say.focus();
    }
  }

  document.getElementById("say-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = say.value.trim();
    if (!text) return;
    say.value = "";
    send(text);
  });
  say.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      document.getElementById("send").click();
    }
  });
  document.getElementById("pause").addEventListener("click", () => send("..."));
  document.getElementById("end").addEventListener("click", async () => {
    if (!window.confirm("End the session and read the debrief?")) return;
    setBusy(true);
    try {
      await saveBoard();
      await api("POST", "/api/sessions/" + id + "/end");
      window.location.assign("/sessions/" + id + "/debrief");
    } catch (error) {
      sayError.textContent = error.message;
      setBusy(false);
    }
  });

  // -- situation board ------------------------------------------------------------------
  let boardTimer = null;
  let boardDirty = false;

  function boardValue() {
    const value = {};
    for (const field of boardForm.querySelectorAll("textarea")) value[field.name] = field.value;
    return value;
  }

  /** A board field as tall as its text (nothing hidden behind a scrollbar). */
  function fit(field) {
    field.style.height = "auto";
    field.style.height = (field.scrollHeight + field.offsetHeight - field.clientHeight) + "px";
  }

  function fillBoard(board) {
    for (const field of boardForm.querySelectorAll("textarea")) {
      if (board[field.name] !== undefined) field.value = board[field.name];
      fit(field);
    }
  }

  async function saveBoard() {
    if (!boardDirty) return;
    clearTimeout(boardTimer);
    boardStatus.textContent = "saving\u2026";
    try {
      await api("PUT", "/api/sessions/" + id + "/board", boardValue());
      boardDirty = false;
      seq += 1;
      boardStatus.textContent = "saved " + new Date().toLocaleTimeString();
    } catch (error) {
      boardStatus.textContent = "not saved: " + error.message;
    }
  }

  boardForm.addEventListener("input", (event) => {
    if (event.target.tagName === "TEXTAREA") fit(event.target);
    boardDirty = true;
    boardStatus.textContent = "editing\u2026";
    clearTimeout(boardTimer);
    boardTimer = setTimeout(saveBoard, 1500);
  });
  window.addEventListener("resize", () => {
    for (const field of boardForm.querySelectorAll("textarea")) fit(field);
  });
  boardForm.addEventListener("submit", (event) => {
    event.preventDefault();
    boardDirty = true;
    saveBoard();
  });

  // -- clocks and polling -----------------------------------------------------------------
  const wall = document.getElementById("wall-clock");
  const tick = () => { wall.textContent = elapsed((Date.now() - started) / 1000); };
  tick();
  setInterval(tick, 1000);

  async function poll() {
    if (busy || finished) return;
    try {
      const feed = await api("GET", "/api/sessions/" + id + "/feed?after=" + seq);
      if (!feed.changed || busy) return;
      seq = feed.seq;
      for (const n of feed.session.notices) notice(n);
      if (feed.session.finished) finish(feed.session.outcome);
    } catch (error) { /* the next poll tries again */ }
  }

  // -- first render ---------------------------------------------------------------------
  async function load() {
    const view = await api("GET", "/api/sessions/" + id);
    seq = view.seq;
    line("subject", subject, view.opening);
    let index = 0;
    const notices = view.notices.slice();
    for (const turn of view.turns) {
      while (notices.length && notices[0].after_turn <= index) notice(notices.shift());
      traineeLine(turn);
      subjectTurn(turn);
      index += 1;
    }
    for (const n of notices) notice(n);
    showState(view.state);
    const defaults = JSON.parse(document.getElementById("board-defaults").textContent);
    fillBoard(view.board || defaults);
    if (!view.board) boardStatus.textContent = "not saved yet";
    if (view.finished) finish(view.outcome);
    setInterval(poll, pollMs);
    say.focus();
  }

  load().catch((error) => { sayError.textContent = error.message; });
})();
