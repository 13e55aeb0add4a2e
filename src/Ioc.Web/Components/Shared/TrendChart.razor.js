// Tells a wall chart the screen's shorter side now and whenever it changes, so that its text sizes
// follow the screen (a 4K wall shows the same picture as a full-HD one, a portrait 1080×1920 screen the
// same text as a landscape 1920×1080: the height of a landscape screen is the width of a portrait one), and keeps the chart as
// large as its box when the box changes without the window changing (a scene's rows settling).
const readingSide = () => Math.min(window.innerWidth, window.innerHeight);

export function observe(chart, box) {
  let timer = null;
  const onResize = () => {
    clearTimeout(timer);
    timer = setTimeout(() => chart.invokeMethodAsync("OnViewportResized", readingSide()), 200);
  };
  window.addEventListener("resize", onResize);
  const boxWatcher = new ResizeObserver(() => {
    const plot = box.querySelector(".js-plotly-plot");
    if (plot && window.Plotly) {
      window.Plotly.Plots.resize(plot);
    }
  });
  boxWatcher.observe(box);
  return {
    height: readingSide,
    stop: () => {
      clearTimeout(timer);
      window.removeEventListener("resize", onResize);
      boxWatcher.disconnect();
    },
  };
}
