/* Draws every chart of the page from the figure JSON the server embedded next to it.
   No inline script: the figure travels in <script type="application/json">. */
(function () {
  "use strict";
  document.documentElement.classList.add("charts-js");

  function draw(container) {
    var source = document.getElementById(container.dataset.figure);
    if (!source || typeof Plotly === "undefined") {
      container.closest(".chart").classList.add("chart--no-graph");
      return;
    }
    var figure = JSON.parse(source.textContent);
    var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["lasso2d", "select2d"] };
    Plotly.newPlot(container, figure.data, figure.layout, config).then(function () {
      // The drawing is one image for assistive technologies: its title and summary;
      // the data table beside it is the full alternative.
      container.querySelectorAll("svg.main-svg").forEach(function (svg, index) {
        if (index === 0) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", container.dataset.label);
        } else {
          svg.setAttribute("aria-hidden", "true");
        }
      });
      container.closest(".chart").classList.add("chart--drawn");
    });
  }

  document.querySelectorAll(".chart__graph[data-figure]").forEach(draw);
})();
