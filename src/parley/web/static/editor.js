/* Scenario editor: validate as you type; dry-run a trainee script. */
"use strict";

(() => {
  const yaml = document.getElementById("yaml");
  if (!yaml) return;
  const { api, el, label } = Parley;
  const validity = document.getElementById("validity");
  const validation = document.getElementById("validation");
  let timer = null;
  let generation = 0;

  function goToLine(number) {
    const lines = yaml.value.split("\n");
    const start = lines.slice(0, number - 1).join("\n").length + (number > 1 ? 1 : 0);
    yaml.focus();
    yaml.setSelectionRange(start, start + (lines[number - 1] || "").length);
  }

  async function validate() {
    const mine = ++generation;
    try {
      const result = await api("POST", "/api/scenarios/validate", { yaml: yaml.value });
      if (mine !== generation) return;
      validity.textContent = result.ok ? "valid" : "invalid";
      validity.className = "status " + (result.ok ? "status-finished" : "status-error");
      validation.replaceChildren(el("span", result.ok ? "" : "error-text", result.message));
      if (!result.ok && result.line) {
        const jump = el("button", "btn btn-small", "go to line " + result.line);
        jump.type = "button";
        jump.addEventListener("click", () => goToLine(result.line));
        validation.appendChild(document.createTextNode(" "));
        validation.appendChild(jump);
      }
    } catch (error) {
      validity.textContent = "?";
      validation.textContent = error.message;
    }
  }

  yaml.addEventListener("input", () => {
    validity.textContent = "\u2026";
    clearTimeout(timer);
    timer = setTimeout(validate, 400);
  });
  yaml.addEventListener("keydown", (event) => {
    if (event.key === "Tab") {  // two spaces, as YAML wants
      event.preventDefault();
      yaml.setRangeText("  ", yaml.selectionStart, yaml.selectionEnd, "end");
    }
  });
  validate();

  document.getElementById("run").addEventListener("click", async () => {
    const status = document.getElementById("run-status");
    const out = document.getElementById("run-result");
    status.textContent = "Replaying\u2026";
    out.replaceChildren();
    try {
      const result = await api("POST", "/api/scenarios/dry-run", {
        yaml: yaml.value, script: document.getElementById("script").value,
        seed: Number(document.getElementById("seed").value) || 0,
      });
      status.textContent = "Outcome " + label(result.outcome) + ", score " +
        Math.round(result.score) + ", " + result.turns.length + " turn(s)" +
        (result.unused.length ? ", lines left unused: " + result.unused.join(", ") : "");
      const list = el("ol", "dialogue static");
      for (const turn of result.turns) {
        const mine = el("li", "line line-trainee");
        mine.appendChild(el("span", "who", "Trainee"));
        mine.appendChild(el("span", "text", turn.trainee === "..." ? "(effective pause)" : turn.trainee));
        const chips = el("div", "chips");
        for (const t of turn.techniques) chips.appendChild(Parley.chip(t));
        if (!turn.techniques.length) chips.appendChild(el("span", "muted", "no clear technique"));
        mine.appendChild(chips);
        list.appendChild(mine);
        const reply = el("li", "line line-subject");
        reply.appendChild(el("span", "who", "Subject"));
        reply.appendChild(el("span", "text", turn.subject));
        reply.appendChild(el("span", "state-note", "arousal " + Math.round(turn.state.arousal) +
          " \u00b7 trust " + Math.round(turn.state.trust) + " \u00b7 " + turn.state.stairway));
        list.appendChild(reply);
      }
      out.appendChild(list);
    } catch (error) {
      status.textContent = "Dry run failed: " + error.message;
    }
  });
})();
