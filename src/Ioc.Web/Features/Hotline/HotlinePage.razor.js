// Keyboard shortcuts of the triage page, and keeping the operator's row in place when rows arrive.
const anchors = new WeakMap();


function isTyping(target) {
  if (!(target instanceof Element)) {
    return false;
  }
  if (target.isContentEditable) {
    return true;
  }
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") {
    return true;
  }
  if (tag === "INPUT") {
    const type = (target.getAttribute("type") || "text").toLowerCase();
    return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
  }
  return false;
}

// A dialog (its own keys: Enter, Esc, 1/2/3) or an open drop-down owns the keyboard.
function somethingElseOwnsKeys() {
  return document.querySelector(".mud-dialog-container, .mud-popover-open") !== null;
}

// Keys of the triage dialogs, wherever the focus is inside them: Enter or Ctrl+Enter confirms,
// 1/2/3 pick an urgency or a rating at once.
function dialogKey(e) {
  const form = document.querySelector(".mud-dialog-container form[data-triage-form], .mud-dialog-container form[data-record-call]");
  if (!form || e.altKey || e.metaKey) {
    return false;
  }
  const target = e.target instanceof Element ? e.target : null;
  const tag = target ? target.tagName : "";
  if (e.key === "Enter" && (e.ctrlKey || (!e.shiftKey && tag !== "TEXTAREA" && tag !== "SELECT" && tag !== "BUTTON" && tag !== "A"))) {
    e.preventDefault();
    form.requestSubmit();
    return true;
  }
  if (!e.ctrlKey && /^[1-3]$/.test(e.key) && tag !== "INPUT" && tag !== "TEXTAREA" && tag !== "SELECT") {
    const choices = form.querySelectorAll("[data-urgency-choice], [data-rate]");
    const choice = choices[Number(e.key) - 1];
    if (choice) {
      e.preventDefault();
      choice.click();
      return true;
    }
  }
  return false;
}

// MudBlazor's focus trap takes the focus when a dialog opens, at a moment of its choosing; keep
// putting it where the operator's next key belongs until they act (a key, a click, typing or
// pasting, or moving into another of the dialog's fields: then they decide), or for three seconds.
// Such a field already focused counts too: this call may arrive after the operator got there first,
// and taking the focus then would send the rest of their text into the wrong field.
const fields = ".mud-dialog-container :is(input, textarea, select, [contenteditable])";
export function focusSoon(selector) {
  const started = performance.now();
  let acted = false;
  const act = () => { acted = true; };
  const elsewhere = (e) => {
    if (e.target instanceof Element && e.target.matches(fields) && !e.target.matches(selector)) {
      acted = true;
    }
  };
  const events = [["keydown", act], ["mousedown", act], ["input", act], ["focusin", elsewhere]];
  events.forEach(([name, handler]) => document.addEventListener(name, handler, true));
  if (document.activeElement) {
    elsewhere({ target: document.activeElement });
  }
  const attempt = () => {
    if (acted || performance.now() - started > 3000) {
      events.forEach(([name, handler]) => document.removeEventListener(name, handler, true));
      return;
    }
    const element = document.querySelector(selector);
    if (element && document.activeElement !== element) {
      element.focus();
    }
    setTimeout(attempt, 25);
  };
  attempt();
}

// keys: KeyboardEvent.key → command, from HotlineShortcuts (the one table the help and the buttons also show).
export function attachShortcuts(dotnet, keys) {
  const onKeyDown = (e) => {
    if (e.defaultPrevented || dialogKey(e) || e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    if (e.key === "Escape" && e.target instanceof HTMLElement && e.target.id === "hotline-search") {
      e.target.blur();
      return;
    }
    if (isTyping(e.target) || somethingElseOwnsKeys()) {
      return;
    }
    if (e.key === "/") {
      e.preventDefault();
      const box = document.getElementById("hotline-search");
      box?.focus();
      box?.select();
      return;
    }
    const shortcut = Object.hasOwn(keys, e.key) ? keys[e.key] : null;
    if (!shortcut) {
      return;
    }
    e.preventDefault();
    dotnet.invokeMethodAsync("OnShortcut", shortcut);
  };
  document.addEventListener("keydown", onKeyDown);
  // Tests (and the curious) can tell when the keyboard is live.
  document.querySelector("[data-hotline]")?.setAttribute("data-shortcuts", "ready");
  return {
    dispose: () => document.removeEventListener("keydown", onKeyDown),
  };
}

function rowOf(container, code) {
  return code ? container.querySelector(`tr[data-code="${CSS.escape(code)}"]`) : null;
}

// Before new rows render: where is the operator's row (or the first row in view) on screen?
export function captureAnchor(container, code) {
  if (!container) {
    return;
  }
  let row = rowOf(container, code);
  if (!row || row.offsetTop + row.offsetHeight < container.scrollTop || row.offsetTop > container.scrollTop + container.clientHeight) {
    row = [...container.querySelectorAll("tbody tr[data-code]")].find((r) => r.offsetTop + r.offsetHeight > container.scrollTop) || null;
  }
  anchors.set(container, row ? { code: row.getAttribute("data-code"), offset: row.offsetTop - container.scrollTop } : null);
}

// After they rendered: scroll so that the same row is where it was.
export function restoreAnchor(container) {
  const anchor = container ? anchors.get(container) : null;
  if (!anchor) {
    return;
  }
  anchors.delete(container);
  const row = rowOf(container, anchor.code);
  if (row) {
    container.scrollTop = row.offsetTop - anchor.offset;
  }
}

export function revealRow(container, code) {
  const row = container ? rowOf(container, code) : null;
  if (!row) {
    return;
  }
  const head = container.querySelector("thead");
  const top = row.offsetTop - (head ? head.offsetHeight : 0);
  if (top < container.scrollTop) {
    container.scrollTop = top;
  } else if (row.offsetTop + row.offsetHeight > container.scrollTop + container.clientHeight) {
    container.scrollTop = row.offsetTop + row.offsetHeight - container.clientHeight;
  }
}

const soundKey = "ioc.hotline.sound";

export function soundRemembered() {
  try {
    return localStorage.getItem(soundKey) === "on";
  } catch {
    return false;
  }
}

export function rememberSound(on) {
  try {
    localStorage.setItem(soundKey, on ? "on" : "off");
  } catch {
    // Private mode: the choice lasts as long as the page.
  }
}

// Two short tones made in the page (Web Audio): nothing to download, works on a closed network.
let audio = null;
export function chime() {
  try {
    audio = audio || new AudioContext();
    const at = audio.currentTime;
    [880, 1320].forEach((hz, i) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, at + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.2, at + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(at + i * 0.18);
      osc.stop(at + i * 0.18 + 0.17);
    });
    document.querySelector("[data-hotline]")?.setAttribute("data-chimed", String(Date.now()));
  } catch {
    // No audio device: the highlighted row and the bar still tell.
  }
}
