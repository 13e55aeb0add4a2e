// Tells a wall chart the screen's height now and whenever it changes, so that its text sizes
// follow the screen (a 4K wall shows the same picture as a full-HD one), and keeps the chart as
// large as its box when the box changes without the window changing (a scene's rows settling).
export function observe(chart, box) {
  let timer = null;
  const onResize = () => {
    clearTimeout(timer);
    timer = setTimeout(() => chart.invokeMethodAsync("OnViewportResized", window.innerHeight), 200);
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
    height: () => window.innerHeight,
    stop: () => {
      clearTimeout(timer);
      window.removeEventListener("resize", onResize);
      boxWatcher.disconnect();
    },
  };
}
