/*
 * Tables as cards on narrow screens. Each data cell gets its column's heading (data-label), which
 * site.css shows before the value when the screen is too narrow for the table (a 390-px phone), so
 * that a row reads as a card instead of a table that scrolls sideways. Wide screens keep the table.
 * Without JavaScript, narrow screens keep Material's table, which scrolls inside its own box.
 * Headings come from the page (textContent), never from markup.
 */
(function () {
  "use strict";

  function label(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head || head.cells.length < 3 || table.hasAttribute("data-cards")) return;
    var names = Array.prototype.map.call(head.cells, function (cell) {
      return cell.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          if (names[index]) cell.setAttribute("data-label", names[index]);
        });
      });
    });
    table.setAttribute("data-cards", "");
  }

  Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table"), label);
})();
