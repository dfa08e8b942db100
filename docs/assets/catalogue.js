/*
 * The catalogue's filters (catalogue page) and the side-by-side view (compare page).
 *
 * Plain JavaScript: no framework, no build step, no third-party request. Each page's data is a
 * script beside the open data, written by generator/pages/catalogue.py and added with <script src>, so it
 * works from a folder (file://) as well as from a server, is cached, and the page stays small with
 * thousands of case studies: data/catalogue-data.js (what the filters and sorts need), the summaries in
 * pieces (data/catalogue-text/<n>.js), and the compare page's records in pieces (data/compare/<n>.js,
 * found from data/compare-data.js). Their addresses carry a version (?v=...) that changes with the data, so
 * a cached old file is never read with a new one. The data comes from contributors: every text reaches
 * the page through textContent or createElement, never innerHTML.
 *
 * Faceted search, the usual way (as in library catalogues and shops):
 * - choices within one group (fieldset) are ORed: Energy + Waste shows either sector;
 * - groups are ANDed with each other and with the search words;
 * - the count next to a choice is the number of case studies that have that value and match the
 *   search words and the choices of every OTHER group (its own group's choices are left out).
 *   For a group with nothing ticked, that is exactly how many results ticking it would give; in a
 *   group with ticks, it is how many that value brings. Counts never depend on the group's own
 *   ticks, so they do not all drop to 0 as soon as one value of the group is ticked.
 * The whole state lives in the query string (?sector=energy&sector=waste&text=bus&sort=newest&...;
 * not "q", which Material's own search reads and opens itself with):
 * ticks and the sort push a history entry (Back undoes them), typing replaces the current one.
 */
(function () {
  "use strict";

  var COMPARE_MAX = 3;
  var SHOW = 100; /* results drawn at first, and each time "Show more" is pressed */

  var i18n = window.ccpI18n; /* assets/i18n.js */
  var gettext = i18n.gettext;
  var ngettext = i18n.ngettext;
  var number = i18n.number;
  var english = i18n.english;
  var useLanguage = i18n.use;
  var collator = i18n.collator;

  function sorts() {
    return [
      ["title", gettext("Title (A to Z)")],
      ["newest", gettext("Newest first (year started)")],
      ["reduction", gettext("Largest annual tonnes figure (tCO2e/yr)")],
    ];
  }

  /* --- small helpers ------------------------------------------------------------------------ */

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === undefined || value === null || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "className") node.className = value;
        else if (key in node && typeof value !== "string") node[key] = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* This script's own address: the data scripts are in ../data/ from it, whatever the page's depth. */
  var scriptUrl = document.currentScript && document.currentScript.src;

  /* The data's version (?v=... of the marker's data-script), added to the address of every piece. */
  var version = "";

  /* The address of data/<path>, whatever the page's depth, with the data's version. */
  function dataUrl(path) {
    return new URL("../data/" + path + version, scriptUrl).href;
  }

  /* Adds data/<file> (named by the marker element's data-script) and calls back with what it sets;
   * if it cannot load, the page keeps what a reader without JavaScript sees. */
  function loadData(markerId, globalName, callback) {
    var marker = document.getElementById(markerId);
    if (!marker || !scriptUrl) return;
    var named = marker.getAttribute("data-script");
    version = named.indexOf("?") >= 0 ? named.slice(named.indexOf("?")) : "";
    var script = document.createElement("script");
    script.src = new URL("../data/" + marker.getAttribute("data-script"), scriptUrl).href;
    script.onload = function () {
      if (window[globalName]) callback(window[globalName]);
    };
    document.body.appendChild(script);
  }

  /* Folds case and accents, so that "amager" finds "Amagerværket" and "mexico" finds "México". */
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* The elements after `start`, up to the next heading: the no-JavaScript content to hide. */
  function followingUntilHeading(start) {
    var found = [];
    for (var node = start.nextElementSibling; node && !/^H[1-6]$/.test(node.tagName); node = node.nextElementSibling) {
      found.push(node);
    }
    return found;
  }

  /* `hidden` alone loses to Material's `display` on tables: the class hides with !important */
  function hide(nodes) {
    nodes.forEach(function (node) {
      node.hidden = true;
      node.classList.add("catalogue__static");
    });
  }

  /*
   * Links: MkDocs writes "../compare/" (directory addresses) or "compare.html" (the offline edition).
   * One link it wrote gives the prefix and the ending, so that every other address is written the
   * same way: prefix + "practices/energy/x" + ending.
   */
  function linkStyle(container, page) {
    var pattern = new RegExp("^((?:\\.\\.?/)*)" + page + "(/index\\.html|/|\\.html)$");
    var links = container.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var match = pattern.exec(links[i].getAttribute("href"));
      if (match) return { prefix: match[1], ending: match[2] };
    }
    return { prefix: "../", ending: "/" };
  }

  function address(style, path) {
    return style.prefix + path + style.ending;
  }

  /* A case study's page: in this language's site, or, for one not translated into it, in English (one level up:
   * the English site holds the other languages' folders), which english() marks on the link */
  function practiceUrl(style, p) {
    return address(style, (p.english ? "../" : "") + "practices/" + p.sector + "/" + p.id);
  }

  function setUrl(params, push) {
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    try {
      history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (error) {
      /* some browsers refuse history entries for file:// pages: the filters still work */
    }
  }

  /* --- the catalogue -------------------------------------------------------------------------- */

  function catalogue(app, data) {
    useLanguage(data.i18n);
    var facets = data.facets;
    var practices = data.practices;
    var labels = {};
    facets.forEach(function (facet) {
      labels[facet.param] = {};
      facet.values.forEach(function (pair) { labels[facet.param][pair[0]] = pair[1]; });
    });
    function labelOf(param, value) {
      return (labels[param] && labels[param][value]) || value;
    }
    var byId = {};
    function haystack(p) {
      var words = [p.title, p.summary || "", p.city_name].concat(p.tags, p.tags.map(function (t) { return t.replace(/-/g, " "); }));
      return fold(words.join(" \n "));
    }
    var pieces = 0;
    var cityNames = {};
    facets.forEach(function (facet) {
      if (facet.param === "city") facet.values.forEach(function (pair) { cityNames[pair[0]] = pair[1]; });
    });
    practices.forEach(function (p) {
      byId[p.id] = p;
      p.city_name = cityNames[p.city] || p.city;
      p.haystack = null; /* folded the first time words are searched for */
      pieces = Math.max(pieces, p.text + 1);
    });

    /*
     * The summaries come in pieces (data/catalogue-text/<n>.js, in title order, named by each record's
     * "text"): those of the results on screen when they are drawn, and all of them once the reader searches
     * for words, since the words are looked for in the summaries too. Until a piece arrives, its results
     * show without their summary. A search is drawn again once no piece is on its way (not at each piece:
     * that would move the reader's focus and make the status chatter). A piece that cannot load is asked
     * for again at the next change, and the status says the results may be incomplete.
     */
    var textLoaded = {};
    var textAsked = {};
    var textFailed = {};
    var textWaiting = 0;
    function loadText(n) {
      if (textAsked[n] || !scriptUrl) return;
      textAsked[n] = true;
      textWaiting += 1;
      var script = document.createElement("script");
      script.src = dataUrl("catalogue-text/" + n + ".js");
      script.onerror = function () {
        textWaiting -= 1;
        textFailed[n] = true;
        if (!textWaiting) render(true);
      };
      script.onload = function () {
        textWaiting -= 1;
        textLoaded[n] = true;
        delete textFailed[n];
        var texts = (window.cncaCatalogueText || {})[n] || {};
        Object.keys(texts).forEach(function (id) {
          var p = byId[id];
          if (!p) return;
          p.summary = texts[id][0];
          p.largest_reduction_figure = texts[id][1];
          p.haystack = null;
          if (summaryNodes[id]) summaryNodes[id].textContent = p.summary;
          if (figures[id]) fillFigure(p, figures[id]);
        });
        if (state.q.trim() && !textWaiting) render(true);
      };
      document.body.appendChild(script);
    }
    function allTextLoaded() {
      for (var n = 0; n < pieces; n++) if (!textLoaded[n]) return false;
      return true;
    }
    var links = linkStyle(app.parentNode, "compare");
    var staticContent = followingUntilHeading(document.getElementById("catalogue-data"));
    var helpHeading = staticContent.length ? staticContent[staticContent.length - 1].nextElementSibling : null;

    function valuesOf(p, facet) {
      var v = p[facet.field];
      if (Array.isArray(v)) return v;
      if (typeof v === "boolean") return v ? ["yes"] : [];
      return [String(v)];
    }

    /* State <-> query string */
    function readState() {
      var params = new URLSearchParams(location.search);
      var state = { selected: {}, q: params.get("text") || "", sort: "title", compare: [] };
      facets.forEach(function (facet) {
        var known = facet.values.map(function (v) { return v[0]; });
        state.selected[facet.param] = params.getAll(facet.param).filter(function (v) { return known.indexOf(v) >= 0; });
      });
      var sort = params.get("sort");
      if (sorts().some(function (s) { return s[0] === sort; })) state.sort = sort;
      (params.get("compare") || "").split(",").forEach(function (id) {
        if (byId[id] && state.compare.indexOf(id) < 0 && state.compare.length < COMPARE_MAX) state.compare.push(id);
      });
      return state;
    }

    function stateParams() {
      var params = new URLSearchParams();
      facets.forEach(function (facet) {
        state.selected[facet.param].forEach(function (v) { params.append(facet.param, v); });
      });
      if (state.q.trim()) params.set("text", state.q);
      if (state.sort !== "title") params.set("sort", state.sort);
      if (state.compare.length) params.set("compare", state.compare.join(","));
      return params;
    }

    /* Matching */
    function matchesText(p, terms) {
      if (!terms.length) return true;
      if (p.haystack === null) p.haystack = haystack(p);
      return terms.every(function (term) { return p.haystack.indexOf(term) >= 0; });
    }

    function matchesFacet(p, facet) {
      var chosen = state.selected[facet.param];
      if (!chosen.length) return true;
      return valuesOf(p, facet).some(function (v) { return chosen.indexOf(v) >= 0; });
    }

    function matchesAllBut(p, except) {
      return facets.every(function (facet) { return facet === except || matchesFacet(p, facet); });
    }

    function compareBy(sort) {
      if (sort === "newest") {
        return function (a, b) {
          return a.started < b.started ? 1 : a.started > b.started ? -1 : collator.compare(a.title, b.title);
        };
      }
      if (sort === "reduction") {
        return function (a, b) {
          var x = a.largest_reduction, y = b.largest_reduction;
          if (x !== y) {
            if (x === null) return 1;
            if (y === null) return -1;
            return y - x;
          }
          return collator.compare(a.title, b.title);
        };
      }
      return function (a, b) { return collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1); };
    }

    /* The form: real controls, so that they work from the keyboard and with assistive technology */
    var controls = {};
    var countNodes = {};
    var form = el("form", { className: "catalogue__form", role: "search", "aria-label": gettext("Filter the catalogue"), autocomplete: "off" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var search = el("input", { type: "search", id: "catalogue-text", name: "text", className: "catalogue__input", autocomplete: "off", spellcheck: "false" });
    var sort = el("select", { id: "catalogue-sort", name: "sort", className: "catalogue__select" },
      sorts().map(function (s) { return el("option", { value: s[0], text: s[1] }); }));
    var query = el("div", { className: "catalogue__query" }, [
      el("div", { className: "catalogue__field" }, [
        el("label", { for: "catalogue-text", text: gettext("Search title, summary, city and tags") }), search,
      ]),
      el("div", { className: "catalogue__field" }, [el("label", { for: "catalogue-sort", text: gettext("Sort by") }), sort]),
    ]);

    var fieldsets = facets.map(function (facet) {
      controls[facet.param] = {};
      countNodes[facet.param] = {};
      var items = facet.values.map(function (pair) {
        var id = "facet-" + facet.param + "-" + pair[0].replace(/[^a-z0-9-]/gi, "_");
        var box = el("input", { type: "checkbox", id: id, name: facet.param, value: pair[0], className: "catalogue__check" });
        var count = el("span", { className: "catalogue__count" });
        controls[facet.param][pair[0]] = box;
        countNodes[facet.param][pair[0]] = count;
        return el("li", null, [box, el("label", { for: id }, [el("span", { className: "catalogue__value", text: pair[1] }), " ", count])]);
      });
      return el("fieldset", { className: "catalogue__facet" + (facet.values.length > 8 ? " catalogue__facet--long" : "") }, [
        el("legend", { text: facet.legend }),
        el("ul", null, items),
      ]);
    });
    var activeCount = el("span", { className: "catalogue__active" });
    var filters = el("details", { className: "catalogue__filters", open: !window.matchMedia("(max-width: 59.9375em)").matches }, [
      el("summary", null, [gettext("Filters"), activeCount]),
    ].concat(fieldsets));

    var status = el("p", { className: "catalogue__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    var clear = el("button", { type: "button", className: "md-button catalogue__clear", text: gettext("Clear filters") });
    var list = el("ol", { className: "catalogue__results", "aria-label": gettext("Case studies") });
    var more = el("button", { type: "button", className: "md-button catalogue__more", hidden: true });
    var empty = el("p", { className: "catalogue__empty", hidden: true, text: gettext("No case study matches these choices. Remove one, or clear the filters.") });
    var compareLive = el("p", { className: "catalogue__sr", "aria-live": "polite" });
    var compareChosen = el("ul", { className: "catalogue__chosen" });
    var compareLink = el("a", { className: "md-button md-button--primary catalogue__go" });
    var compareNote = el("p", { className: "catalogue__compare-note" });
    var compareBar = el("div", { className: "catalogue__compare", hidden: true, role: "region", "aria-label": gettext("Compare") }, [
      compareNote, compareChosen, compareLink,
    ]);
    var results = el("div", { className: "catalogue__main" }, [
      el("div", { className: "catalogue__bar" }, [status, clear]),
      el("p", { className: "catalogue__hint" }, [
        gettext("Tick Compare on two or three case studies to see them side by side.") + " ",
        helpHeading && helpHeading.id ? el("a", { href: "#" + helpHeading.id, text: gettext("How the counts and the sorting work") }) : null,
      ]),
      list, more, empty, compareLive, compareBar,
    ]);
    form.appendChild(query);
    form.appendChild(filters);
    form.appendChild(results);

    /* One element per case study, made the first time it is shown; filtering only chooses and orders them */
    var items = {};
    var figures = {};
    var compareBoxes = {};
    var summaryNodes = {};
    /* The figure the "largest annual tonnes" sort ranks by (it comes with the summaries) */
    function fillFigure(p, figure) {
      var f = p.largest_reduction_figure;
      figure.textContent = "";
      if (f) {
        figure.appendChild(document.createTextNode(gettext("Largest figure in tonnes a year:") + " "));
        figure.appendChild(el("strong", { text: number(f.value) + " " + (f.unit_label || f.unit) }));
        if (f.unit !== "tCO2e/yr") figure.appendChild(document.createTextNode(" (" + number(p.largest_reduction) + " tCO2e/yr)"));
        figure.appendChild(document.createTextNode(", " + (f.type_label || f.type) + ", " + f.year + ": "));
        figure.appendChild(english(el("span", { text: f.metric }), p));
      } else {
        figure.textContent = gettext("No figure in tonnes of CO2e a year.");
        figure.classList.add("catalogue__figure--none");
      }
    }

    function itemFor(p) {
      if (items[p.id]) return items[p.id];
      var boxId = "compare-" + p.id;
      var box = el("input", { type: "checkbox", id: boxId, className: "catalogue__check", "data-compare": p.id });
      compareBoxes[p.id] = box;
      var meta = [p.city_name, labelOf("sector", p.sector), labelOf("status", p.status), gettext("started %(year)s", { year: p.started })];
      var badges = [];
      if (p.measured) badges.push(gettext("Measured or verified impact"));
      if (p.cnca_funded) badges.push(gettext("CNCA fund"));
      var figure = el("p", { className: "catalogue__figure", hidden: true });
      if (p.summary !== undefined) fillFigure(p, figure); /* else when its piece arrives */
      figures[p.id] = figure;
      items[p.id] = el("li", { className: "catalogue__item", "data-id": p.id }, [
        el("h2", { className: "catalogue__title" }, [english(el("a", { href: practiceUrl(links, p), text: p.title }), p)]),
        el("p", { className: "catalogue__meta", text: meta.join(" · ") }),
        (summaryNodes[p.id] = english(el("p", { className: "catalogue__summary", text: p.summary || "" }), p)),
        figure,
        badges.length || p.tags.length
          ? el("p", { className: "catalogue__badges" },
              badges.map(function (b) { return el("span", { className: "catalogue__badge", text: b }); })
                .concat(p.tags.length ? [el("span", { className: "catalogue__tags", text: gettext("Tags: %(tags)s", { tags: p.tags.join(", ") }) })] : []))
          : null,
        el("div", { className: "catalogue__pick" }, [
          box, el("label", { for: boxId }, [gettext("Compare"), el("span", { className: "catalogue__sr", text: ": " + p.title })]),
        ]),
      ]);
      box.checked = state.compare.indexOf(p.id) >= 0;
      box.disabled = state.compare.length >= COMPARE_MAX && !box.checked;
      figure.hidden = state.sort !== "reduction";
      return items[p.id];
    }

    /* Rendering */
    var state = readState();
    var shownIds = "";

    function syncControls() {
      facets.forEach(function (facet) {
        Object.keys(controls[facet.param]).forEach(function (v) {
          controls[facet.param][v].checked = state.selected[facet.param].indexOf(v) >= 0;
        });
      });
      if (search.value !== state.q) search.value = state.q;
      sort.value = state.sort;
    }

    var shown = SHOW;
    /* How many results were drawn for this address, so that Back from a case study finds the reader's place
     * (kept for the tab only; nothing leaves the browser) */
    var memoryKey = "catalogue-shown:" + location.pathname;
    function remember() {
      try {
        var kept = JSON.parse(sessionStorage.getItem(memoryKey) || "{}");
        if (kept.search !== location.search || kept.shown !== shown) {
          sessionStorage.setItem(memoryKey, JSON.stringify({ search: location.search, shown: shown }));
        }
      } catch (error) {
        /* storage refused (a private window, file://): Back shows the first results */
      }
    }
    function recalled() {
      try {
        var kept = JSON.parse(sessionStorage.getItem(memoryKey) || "{}");
        return kept.search === location.search && kept.shown > SHOW ? kept.shown : SHOW;
      } catch (error) {
        return SHOW;
      }
    }

    /* keep: the same view drawn again (more results, or summaries arrived), so the reader's "Show more" stays */
    function render(keep) {
      if (!keep) {
        shown = SHOW;
        Object.keys(textFailed).forEach(function (n) { delete textAsked[n]; }); /* try them again */
      }
      var terms = fold(state.q).split(/\s+/).filter(Boolean);
      if (terms.length) for (var n = 0; n < pieces; n++) loadText(n);
      var textual = practices.filter(function (p) { return matchesText(p, terms); });
      var found = textual.filter(function (p) { return matchesAllBut(p, null); }).sort(compareBy(state.sort));

      facets.forEach(function (facet) {
        var tally = {};
        textual.forEach(function (p) {
          if (!matchesAllBut(p, facet)) return;
          valuesOf(p, facet).forEach(function (v) { tally[v] = (tally[v] || 0) + 1; });
        });
        Object.keys(countNodes[facet.param]).forEach(function (v) {
          var n = tally[v] || 0;
          countNodes[facet.param][v].textContent = String(n);
          controls[facet.param][v].parentNode.classList.toggle("catalogue__none", n === 0);
        });
      });

      var visible = found.slice(0, shown);
      var ids = visible.map(function (p) { return p.id; }).join(",") + "|" + state.sort;
      if (ids !== shownIds) {
        shownIds = ids;
        var active = document.activeElement;
        var within = list.contains(active);
        list.replaceChildren.apply(list, visible.map(itemFor));
        if (within && list.contains(active)) active.focus(); /* still shown: the reader keeps her place */
      }
      remember();
      visible.forEach(function (p) { if (p.summary === undefined) loadText(p.text); });
      Object.keys(figures).forEach(function (id) { figures[id].hidden = state.sort !== "reduction"; });
      var rest = found.length - visible.length;
      more.hidden = rest <= 0;
      more.textContent = ngettext("Show %(num)s more (%(rest)s not shown yet)", "Show %(num)s more (%(rest)s not shown yet)",
        Math.min(SHOW, rest), { rest: number(rest) });
      var active = facets.reduce(function (n, facet) { return n + state.selected[facet.param].length; }, 0);
      activeCount.textContent = active ? " " + ngettext("(%(num)s ticked)", "(%(num)s ticked)", active) : "";
      status.textContent = (found.length === practices.length
        ? ngettext("All %(num)s case study", "All %(num)s case studies", practices.length)
        : ngettext("%(found)s of %(num)s case study", "%(found)s of %(num)s case studies", practices.length, { found: number(found.length) })) +
        (terms.length && Object.keys(textFailed).length
          ? " " + gettext("(some summaries could not be loaded: more may match)")
          : terms.length && !allTextLoaded() ? " " + gettext("(reading the summaries: more may match)") : "");
      empty.hidden = found.length > 0;
      clear.disabled = !active && !state.q.trim();
      renderCompare();
    }

    function renderCompare() {
      var full = state.compare.length >= COMPARE_MAX;
      Object.keys(compareBoxes).forEach(function (id) {
        var box = compareBoxes[id];
        box.checked = state.compare.indexOf(id) >= 0;
        box.disabled = full && !box.checked;
      });
      compareBar.hidden = !state.compare.length;
      compareChosen.replaceChildren.apply(compareChosen, state.compare.map(function (id) {
        var title = byId[id].title;
        var remove = el("button", { type: "button", className: "catalogue__remove", "aria-label": gettext("Remove %(title)s from the comparison", { title: title }), title: gettext("Remove") }, ["×"]);
        remove.addEventListener("click", function () {
          state.compare = state.compare.filter(function (x) { return x !== id; });
          setUrl(stateParams(), false);
          renderCompare();
          /* the link while two remain; else the last one's remove button; else the box, if it is drawn */
          var next = state.compare.length >= 2 ? compareLink
            : state.compare.length ? compareChosen.querySelector("button") : compareBoxes[id];
          (next || search).focus();
        });
        return el("li", null, [el("span", { text: title }), " ", remove]);
      }));
      var n = state.compare.length;
      compareNote.textContent = n < 2
        ? gettext("Chosen to compare: %(n)s. Tick one or two more.", { n: number(n) })
        : full ? gettext("Chosen to compare: %(n)s (the most there can be).", { n: number(n) })
          : gettext("Chosen to compare: %(n)s. You can add one more.", { n: number(n) });
      compareLink.hidden = n < 2;
      compareLink.textContent = gettext("Compare %(n)s side by side", { n: number(n) });
      compareLink.setAttribute("href", address(links, "compare") + "?ids=" + state.compare.map(encodeURIComponent).join(","));
      var said = n ? gettext("%(n)s of %(max)s chosen to compare", { n: number(n), max: number(COMPARE_MAX) }) : gettext("None chosen to compare");
      if (compareLive.textContent !== said) compareLive.textContent = said;
    }

    /* Events */
    more.addEventListener("click", function () {
      var first = shown;
      shown += SHOW;
      render(true);
      var next = list.children[first];
      var link = next && next.querySelector("a");
      if (link) link.focus();
    });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target === search) return;
      if (target.hasAttribute("data-compare")) {
        var id = target.getAttribute("data-compare");
        state.compare = state.compare.filter(function (x) { return x !== id; });
        if (target.checked && state.compare.length < COMPARE_MAX) state.compare.push(id);
        setUrl(stateParams(), false);
        renderCompare();
        return;
      }
      if (target === sort) {
        state.sort = sort.value;
      } else if (target.type === "checkbox") {
        var chosen = state.selected[target.name].filter(function (v) { return v !== target.value; });
        state.selected[target.name] = target.checked ? chosen.concat([target.value]) : chosen;
        /* keep the address in the order the values are listed, whatever order they were ticked in */
        var order = Object.keys(controls[target.name]);
        state.selected[target.name].sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
      }
      setUrl(stateParams(), true);
      render();
    });
    search.addEventListener("input", function () {
      state.q = search.value;
      setUrl(stateParams(), false);
      render();
    });
    clear.addEventListener("click", function () {
      facets.forEach(function (facet) { state.selected[facet.param] = []; });
      state.q = "";
      syncControls();
      setUrl(stateParams(), true);
      render();
      search.focus();
    });
    window.addEventListener("popstate", function () {
      state = readState();
      syncControls();
      render();
    });
    /* Back from another page may restore the page from the cache with stale controls */
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      state = readState();
      syncControls();
      render(true);
    });

    facets.forEach(function (facet) {
      var order = Object.keys(controls[facet.param]);
      state.selected[facet.param].sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    });
    syncControls();
    shown = recalled();
    render(true);
    setUrl(stateParams(), false); /* drops what the address held that the data does not know */
    app.appendChild(form);
    hide(staticContent);
  }

  /* --- the compare page ----------------------------------------------------------------------- */

  /* The piece of the compare data that holds a case study: FNV-1a (32 bits) of its id (ids are ASCII), modulo
   * the number of pieces, as generator/pages/catalogue.py computes it. */
  function pieceOf(id, count) {
    var h = 0x811c9dc5;
    for (var i = 0; i < id.length; i++) {
      h ^= id.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0) % count;
  }

  var ASKED_MAX = 10;

  /* The ids the address names, each once, at most ASKED_MAX of them. */
  function askedIds() {
    var asked = [];
    (new URLSearchParams(location.search).get("ids") || "").split(",").forEach(function (id) {
      if (id && asked.indexOf(id) < 0 && asked.length < ASKED_MAX) asked.push(id);
    });
    return asked;
  }

  /* Loads the pieces (data/compare/<n>.js) of the case studies the address names, then draws them. */
  function compareParts(index, app) {
    useLanguage(index.i18n);
    var count = Math.max(1, Number(index.pieces) || 1);
    var asked = askedIds();
    var wanted = {};
    asked.forEach(function (id) { wanted[pieceOf(id, count)] = true; });
    var pieces = Object.keys(wanted);
    var waiting = pieces.length;
    var failed = {};
    function done() {
      var parts = window.cncaCompareParts || {};
      var practices = [];
      pieces.forEach(function (n) {
        var part = parts[n] || {};
        Object.keys(part).forEach(function (id) { practices.push(part[id]); });
      });
      var missing = asked.filter(function (id) { return failed[pieceOf(id, count)]; });
      compare(app, { practices: practices, unloaded: missing });
    }
    if (!waiting) return done();
    pieces.forEach(function (n) {
      var script = document.createElement("script");
      script.src = dataUrl("compare/" + n + ".js");
      script.onload = script.onerror = function (event) {
        if (event.type === "error") failed[n] = true;
        waiting -= 1;
        if (!waiting) done();
      };
      document.body.appendChild(script);
    });
  }

  function compare(app, data) {
    var byId = {};
    data.practices.forEach(function (p) { byId[p.id] = p; });
    var links = linkStyle(app.parentNode, "catalogue");
    var staticContent = followingUntilHeading(document.getElementById("compare-data"));
    var asked = askedIds();
    var unloaded = data.unloaded || [];
    var chosen = [];
    var unknown = [];
    asked.forEach(function (id) {
      if (unloaded.indexOf(id) >= 0) return;
      if (!byId[id]) unknown.push(id);
      else if (chosen.indexOf(byId[id]) < 0) chosen.push(byId[id]);
    });
    var extra = chosen.slice(COMPARE_MAX);
    chosen = chosen.slice(0, COMPARE_MAX);
    var kept = chosen.map(function (p) { return p.id; }).concat(unloaded); /* an id that did not load stays chosen */
    var back = address(links, "catalogue") + (kept.length ? "?compare=" + kept.map(encodeURIComponent).join(",") : "");

    var children = [];
    if (unknown.length) {
      children.push(el("p", { className: "compare__note", text: gettext("No case study has the id %(ids)s; it may have been renamed or removed.", { ids: unknown.join(", ") }) }));
    }
    if (unloaded.length) {
      children.push(el("p", { className: "compare__note", text: gettext("Could not load %(ids)s (is the connection down?); reload the page to try again.", { ids: unloaded.join(", ") }) }));
    }
    if (extra.length) {
      children.push(el("p", { className: "compare__note", text: gettext("Only the first %(max)s are shown; left out: %(titles)s.", { max: number(COMPARE_MAX), titles: extra.map(function (p) { return p.title; }).join(", ") }) }));
    }
    if (chosen.length < 2) {
      children.push(el("p", null, [
        (chosen.length ? gettext("Choose one or two more case studies to compare with %(title)s:", { title: chosen[0].title })
          : gettext("Choose two or three case studies to compare:")) + " ",
        el("a", { href: back, text: gettext("tick Compare next to them in the catalogue") }), ".",
      ]));
    }
    if (chosen.length) {
      var caption = el("caption", { text: ngettext("%(num)s case study", "%(num)s case studies side by side", chosen.length) });
      var head = el("tr", null, [el("td", null, [])].concat(chosen.map(function (p) {
        return el("th", { scope: "col" }, [
          english(el("a", { href: practiceUrl(links, p), text: p.title }), p),
        ]);
      })));
      var rows = [
        [gettext("Summary"), function (p) { return english(el("span", { text: p.summary }), p); }],
        [gettext("City"), function (p) { return p.city_name; }],
        [gettext("Sector"), function (p) { return p.sector_label; }],
        [gettext("Status"), function (p) { return p.status_label || p.status; }],
        [gettext("Started"), function (p) { return p.ended ? gettext("%(started)s (ended %(ended)s)", { started: p.started, ended: p.ended }) : p.started; }],
        [gettext("Lever held by"), function (p) { return p.lever_owner; }],
        [gettext("City's power"), function (p) { return p.city_power; }],
        [gettext("Instruments"), function (p) { return p.instruments.join(", "); }],
        [gettext("Impacts"), impacts],
        [gettext("Capital cost"), function (p) {
          return p.capex ? gettext("%(amount)s %(currency)s (%(year)s prices)", { amount: number(p.capex.amount), currency: p.capex.currency, year: p.capex.year })
            : el("span", { className: "compare__none", text: gettext("Not stated") });
        }],
        [gettext("What the city needs from others"), function (p) {
          return p.advocacy_ask ? english(el("span", { text: p.advocacy_ask }), p) : el("span", { className: "compare__none", text: gettext("Not stated") });
        }],
        [gettext("Case study"), function (p) {
          return el("a", { href: practiceUrl(links, p), text: gettext("Read %(title)s", { title: p.title }) });
        }],
      ];
      var body = rows.map(function (row) {
        return el("tr", null, [el("th", { scope: "row", text: row[0] })].concat(chosen.map(function (p) {
          var value = row[1](p);
          return el("td", null, [value]);
        })));
      });
      var table = el("table", { className: "compare__table" }, [caption, el("thead", null, [head]), el("tbody", null, body)]);
      table.style.setProperty("--compare-columns", String(chosen.length));
      children.push(el("div", { className: "compare__scroll", tabindex: "0", role: "region", "aria-label": gettext("Comparison table") }, [table]));
      if (chosen.length >= 2) {
        children.push(el("p", null, [el("a", { href: back, text: gettext("Change the selection in the catalogue") })]));
      }
    }
    children.forEach(function (child) { app.appendChild(child); });
    hide(staticContent);
  }

  function impacts(p) {
    if (!p.impacts.length) return el("span", { className: "compare__none", text: gettext("None stated") });
    return el("ul", { className: "compare__impacts" }, p.impacts.map(function (i) {
      return el("li", null, [
        english(el("span", { className: "compare__metric", text: i.metric }), p), ": ",
        el("strong", { text: number(i.value) + " " + (i.unit_label || i.unit) }),
        " (" + i.year + ", " + (i.type_label || i.type) + ")",
      ]);
    }));
  }

  /* --- start ---------------------------------------------------------------------------------- */

  var catalogueApp = document.getElementById("catalogue-app");
  if (catalogueApp) loadData("catalogue-data", "cncaCatalogue", function (data) { catalogue(catalogueApp, data); });
  var compareApp = document.getElementById("compare-app");
  if (compareApp) loadData("compare-data", "cncaCompare", function (index) { compareParts(index, compareApp); });
})();
