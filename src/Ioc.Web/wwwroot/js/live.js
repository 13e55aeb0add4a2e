// Starts Blazor for pages that stay open for days, and watches data freshness in the browser.
(() => {
  "use strict";

  // Retry forever with a capped back-off: a wall display has nobody to press "retry".
  const maxDelayMs = 15000;
  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: 1000000000,
        retryIntervalMilliseconds: (previousAttempts) => Math.min(maxDelayMs, 500 * Math.pow(2, Math.min(previousAttempts, 10))),
      },
      configureSignalR: (builder) => builder.withServerTimeout(60000).withKeepAliveInterval(15000),
    },
  });

  // The server refreshes data-updated-at with the updates and heartbeats, at most once a second. If
  // the circuit itself is gone, the server cannot say the data is stale any more, so the browser says
  // it: it notes when the attribute last changed, by its own clock, and marks the stamp stale after
  // data-stale-after ms.
  setInterval(() => {
    const now = Date.now();
    for (const stamp of document.querySelectorAll("[data-live-stamp]")) {
      const value = stamp.getAttribute("data-updated-at") || "";
      if (stamp.dataset.seenValue !== value) {
        stamp.dataset.seenValue = value;
        stamp.dataset.seenAt = String(now);
      }
      const staleAfter = Number(stamp.getAttribute("data-stale-after") || "30000");
      stamp.classList.toggle("stale-client", now - Number(stamp.dataset.seenAt) > staleAfter);
    }
  }, 1000);
})();
