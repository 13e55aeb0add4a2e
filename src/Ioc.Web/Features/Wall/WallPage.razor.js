// A dead wall must look dead. The server cannot say so (a lost circuit renders nothing), so the
// browser decides: the wall is dead while Blazor's connection is down, or when the live stamp's
// data-updated-at (refreshed by updates and heartbeats, at most once a second) has not changed for deadAfterMs.
// Then it dims, says since when in large letters, and keeps its own clock going; it comes back
// by itself when the connection and the data return.
// The wall's clock is always the browser's to tick (WallClock.razor): from the server's time in data-now, re-read
// each time the server renders it (once a minute), by the browser's monotonic clock in between.
const downStates = new Set(["show", "retrying", "failed", "rejected", "resume-failed", "paused"]);

export function watch(wall) {
  // Its settings and words are attributes of the wall (WallPage.razor), not interop arguments:
  // every type sent through JS interop is described once per circuit (System.Text.Json metadata),
  // and a room of walls is hundreds of circuits.
  const data = wall.dataset;
  const options = {
    deadAfterMs: Number(data.deadAfterMs),
    offsetMinutes: Number(data.offsetMinutes),
    lastUpdate: data.textLastUpdate,
    noData: data.textNoData,
    since: data.textSince,
  };
  const banner = document.getElementById("components-reconnect-modal");
  const message = wall.querySelector("[data-wall-dead-message]");
  let seenStamp = null;
  let seenStampAt = Date.now();
  const clockElement = wall.querySelector("[data-wall-clock]");
  const localClock = wall.querySelector("[data-wall-clock-local]");
  // The server's time at its last render of the clock, and performance.now() when the browser got it: noticed at
  // once (a MutationObserver), not at the next second's poll, so the seconds shown do not jump back at a re-sync.
  let serverNow = null;
  let serverNowSeenAt = performance.now();
  const syncClock = () => {
    const rendered = clockElement ? Number(clockElement.getAttribute("data-now")) : NaN;
    if (!Number.isNaN(rendered) && rendered !== serverNow) {
      serverNow = rendered;
      serverNowSeenAt = performance.now();
    }
  };
  const wallNow = () => serverNow === null ? Date.now() : serverNow + (performance.now() - serverNowSeenAt);
  let deadSince = null;
  // From the event itself: the reconnect banner's own listener may not have run yet.
  let circuitState = banner ? banner.dataset.state : undefined;

  const pad = (n) => String(n).padStart(2, "0");
  // Milliseconds since 1970 as HH:mm:ss in the province's time.
  const clock = (ms) => {
    const d = new Date(ms + options.offsetMinutes * 60000);
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };

  const update = () => {
    // The page left the wall (a navigation in the app): nothing left to watch. The server does not
    // stop this watcher itself, because it also disposes the page when it shuts down, which is just
    // when the wall must go dark.
    if (!wall.isConnected) {
      stop();
      return;
    }
    const now = Date.now();
    const stamp = wall.querySelector("[data-live-stamp]");
    const updatedAt = stamp ? stamp.getAttribute("data-updated-at") || "" : "";
    if (updatedAt !== seenStamp) {
      seenStamp = updatedAt;
      seenStampAt = now;
    }
    const circuitDown = downStates.has(circuitState);
    const silent = now - seenStampAt > options.deadAfterMs;
    const dead = circuitDown || silent;
    if (dead && deadSince === null) {
      deadSince = circuitDown ? wallNow() : wallNow() - (now - seenStampAt);
    } else if (!dead) {
      deadSince = null;
    }
    wall.toggleAttribute("data-wall-dead", dead);
    if (dead) {
      message.textContent = seenStamp
        ? options.lastUpdate.replace("{0}", clock(Number(seenStamp)))
        : options.noData;
      const outage = wall.querySelector("[data-wall-clock-outage]");
      if (outage) { outage.textContent = options.since.replace("{0}", clock(deadSince)); }
    }
  };

  // The seconds turn when the wall's second turns, not at whatever moment a one-second interval happens to fire.
  let clockTimer;
  const tickClock = () => {
    if (!wall.isConnected) {
      return;
    }
    const now = wallNow();
    if (localClock) { localClock.textContent = clock(now); }
    clockTimer = setTimeout(tickClock, 1000 - (now % 1000) + 5);
  };
  const clockObserver = new MutationObserver(syncClock);
  if (clockElement) {
    clockObserver.observe(clockElement, { attributes: true, attributeFilter: ["data-now"] });
  }

  const onState = (event) => {
    circuitState = event.detail.state;
    update();
  };
  const stop = () => {
    clearInterval(timer);
    clearTimeout(clockTimer);
    clockObserver.disconnect();
    banner?.removeEventListener("components-reconnect-state-changed", onState);
  };
  banner?.addEventListener("components-reconnect-state-changed", onState);
  const timer = setInterval(update, 1000);
  syncClock();
  tickClock();
  // Says the watch is on: from here the wall dims by itself, whatever happens to the server, and shows the clock
  // the browser keeps (wall.css).
  wall.setAttribute("data-wall-watch", "");
  update();
}
