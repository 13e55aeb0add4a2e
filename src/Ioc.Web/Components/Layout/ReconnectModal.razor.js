// Reacts to Blazor's reconnection states without asking anyone to click anything.
const banner = document.getElementById("components-reconnect-modal");
let reloadTimer = null;

banner.addEventListener("components-reconnect-state-changed", (event) => {
  const state = event.detail.state;
  banner.dataset.state = state;
  if (state === "show" || state === "retrying") {
    banner.classList.add("visible");
  } else if (state === "hide") {
    banner.classList.remove("visible");
  } else if (state === "rejected") {
    // The server is back but no longer knows this circuit (restart, deployment): start afresh on the same URL.
    location.reload();
  } else if (state === "failed" || state === "resume-failed") {
    banner.classList.add("visible");
    scheduleReload();
  } else if (state === "paused") {
    Blazor.resumeCircuit().then((ok) => { if (!ok) { location.reload(); } }).catch(scheduleReload);
  }
});

function scheduleReload() {
  if (reloadTimer) {
    return;
  }
  // Reload only once the server answers, so that a wall does not show the browser's error page.
  reloadTimer = setInterval(async () => {
    try {
      const response = await fetch("/health", { cache: "no-store" });
      if (response.ok) {
        location.reload();
      }
    } catch {
      // Still down: keep waiting.
    }
  }, 5000);
}
