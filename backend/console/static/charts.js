// Draws the dashboards' charts with Plotly.js (the strict build from npm, shipped in the package).
// Each chart container names the <script type="application/json"> holding its figure,
// which the server built from the same rows as the table below it.
(() => {
  const font = getComputedStyle(document.documentElement).fontFamily || "system-ui, sans-serif";
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  /** @param {Record<string, any>} layout */
  function withDefaults(layout) {
    return {
      font: { family: font, size: 13, color: "#18203a" },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      legend: { orientation: "h", y: -0.2 },
      autosize: true,
      transition: reducedMotion ? { duration: 0 } : { duration: 250 },
      ...layout,
      margin: { t: 24, r: 16, b: 48, l: 56, ...(layout.margin || {}) },
    };
  }

  function draw(container) {
    const source = document.getElementById(container.dataset.figure);
    if (!source || !window.Plotly) return;
    const figure = JSON.parse(source.textContent);
    // A figure that sizes itself (bars by count) sets the container's height too.
    if (figure.layout && figure.layout.height) container.style.minHeight = `${figure.layout.height}px`;
    const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"] };
    window.Plotly.newPlot(container, figure.data, withDefaults(figure.layout || {}), config).then(() => {
      for (const note of container.querySelectorAll("[data-loading]")) note.remove();
      container.setAttribute("aria-busy", "false");
      container.dataset.drawn = "true";
    });
  }

  for (const container of document.querySelectorAll(".chart[data-figure]")) draw(container);
})();
