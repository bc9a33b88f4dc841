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
    var meta = figure.layout.meta || {};
    if (meta.narrowest && container.closest(".chart").clientWidth < meta.narrowest) {
      // Too narrow for this drawing (a phone): its table, read as cards, says it all.
      container.closest(".chart").classList.add("chart--no-graph");
      return;
    }
    // Static charts: no zoom, no pan, no toolbar (its eight buttons were eight Tab stops each,
    // in English); the data table beside each chart is the way to the numbers.
    var config = { displayModeBar: false, responsive: true, scrollZoom: false, doubleClick: false };
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
