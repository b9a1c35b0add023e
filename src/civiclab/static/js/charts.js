// Draws each chart of the page from the Vega-Lite specification the server wrote beside it
// (templates/includes/chart.html). The figures are also in a table under the chart, so
// nothing is lost without JavaScript.
"use strict";

(function () {
  // Numbers the French way on French pages: 0,42 and 42 %.
  const FRENCH = {
    decimal: ",",
    thousands: "\u202f",
    grouping: [3],
    currency: ["", "\u00a0€"],
    percent: "\u202f%",
  };

  function draw(holder) {
    const source = document.getElementById(holder.dataset.chart);
    if (!source || typeof vegaEmbed !== "function") return;
    const spec = JSON.parse(source.textContent);
    // On a narrow screen the plot shrinks to fit, leaving room for the axis labels.
    const room = holder.clientWidth - 170;
    if (typeof spec.width === "number" && room >= 120 && spec.width > room) spec.width = room;
    const options = { actions: false, renderer: "svg" };
    if (document.documentElement.lang.startsWith("fr")) options.formatLocale = FRENCH;
    vegaEmbed(holder, spec, options).catch(function () {
      holder.hidden = true; // the table below still gives the figures
    });
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
  // Charts that arrive later in an htmx swap.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    event.target.querySelectorAll("[data-chart]").forEach(draw);
  });
})();
