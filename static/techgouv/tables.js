/* Phones read each table row as a card: every cell carries its column's name (data-label),
   copied once from the table's header row. Without JavaScript the table scrolls in its box. */
(function () {
  "use strict";
  document.querySelectorAll("main .fr-table__content table").forEach(function (table) {
    var headers = Array.prototype.map.call(
      table.querySelectorAll("thead tr:last-child th"),
      function (th) {
        var clone = th.cloneNode(true);
        clone.querySelectorAll(".fr-sr-only").forEach(function (hidden) { hidden.remove(); });
        return clone.textContent.replace(/\s+/g, " ").trim();
      }
    );
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var label = headers[column];
        if (cell.tagName === "TD" && label && !cell.hasAttribute("data-label") && cell.colSpan === 1) {
          cell.setAttribute("data-label", label);
        }
        column += cell.colSpan || 1;
      });
    });
  });
  document.documentElement.classList.add("tables-js");
})();
