/* Parley: shared helpers for the pages. No framework, no external code. */
"use strict";

const Parley = (() => {
  const csrf = () => {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  };

  /** Call the JSON API with the browser's login cookie and the CSRF header. */
  async function api(method, url, body) {
    const options = {
      method,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf() },
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      let detail = data && data.detail ? data.detail : response.statusText;
      if (Array.isArray(detail)) {
        detail = detail.map((d) => d.msg || String(d)).join("; ");
      }
      const error = new Error(String(detail));
      error.status = response.status;
      throw error;
    }
    return data;
  }

  /** Create an element with a class and text (text only: never HTML). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function pad(n) { return String(Math.floor(n)).padStart(2, "0"); }

  /** Minutes as T+HH:MM (the incident clock). */
  function incidentClock(minutes) {
    const total = Math.max(0, Math.round(minutes));
    return "T+" + pad(total / 60) + ":" + pad(total % 60);
  }

  /** Seconds as MM:SS, or H:MM:SS past an hour. */
  function elapsed(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const rest = pad((s % 3600) / 60) + ":" + pad(s % 60);
    return h ? h + ":" + rest : rest;
  }

  function label(name) { return String(name || "").replace(/_/g, " "); }

  /** Render one technique chip. */
  function chip(name, family, confidence) {
    const node = el("span", "chip chip-" + (family || "other_move"), label(name));
    if (confidence !== undefined) node.title = "confidence " + Math.round(confidence * 100) + "%";
    return node;
  }

  /** Coaching notes of a turn as a list (techniques, an error or a missed moment with a better line, warnings). */
  function coaching(notes) {
    const box = el("div", "coach");
    const chips = el("div", "chips");
    for (const n of notes) {
      if (n.kind === "technique") chips.appendChild(chip(n.technique, n.family, n.confidence));
    }
    if (chips.childElementCount) box.appendChild(chips);
    for (const n of notes) {
      if (n.kind === "error") {
        const p = el("p", "coach-error");
        p.appendChild(el("strong", "", label(n.technique) + ": "));
        p.appendChild(document.createTextNode(n.text));
        box.appendChild(p);
        if (n.better) box.appendChild(el("p", "coach-better", "Try instead: \u201c" + n.better + "\u201d"));
      } else if (n.kind === "missed") {
        const p = el("p", "coach-missed");
        p.appendChild(el("strong", "", (n.title || "missed moment") + ": "));
        p.appendChild(document.createTextNode(n.text));
        box.appendChild(p);
        if (n.better) box.appendChild(el("p", "coach-better", "Try: \u201c" + n.better + "\u201d"));
      } else if (n.kind === "warning") {
        box.appendChild(el("p", "coach-warning", n.text));
      }
    }
    return box;
  }

  /** Set the subject-state gauges from a state summary. */
  function showState(state, root) {
    const scope = root || document;
    const set = (id, value) => {
      const node = scope.querySelector("#" + id);
      if (node) node.textContent = value;
    };
    const meter = (id, value) => {
      const node = scope.querySelector("#" + id);
      if (node) node.value = value;
    };
    meter("g-arousal", state.arousal); set("v-arousal", Math.round(state.arousal));
    meter("g-trust", state.trust); set("v-trust", Math.round(state.trust));
    meter("g-risk", state.risk); set("v-risk", Math.round(state.risk));
    set("v-stairway", state.stairway);
    set("v-stage", state.stage_of_change);
    set("v-hostages", state.hostages_held + " held, " + state.hostages_released + " released");
    set("incident-clock", incidentClock(state.minute));
  }

  return { api, el, chip, coaching, showState, incidentClock, elapsed, label };
})();
