/*
 * What fits my city (fits/): ranks the case studies by how well their needs match what a reader says of
 * her city. Loaded only on that page (front matter `fits: true`, overrides/main.html).
 *
 * Plain JavaScript: no framework, no build step, no third-party request. The data is a script beside the
 * open data (data/fits-data.js, written by generator/pages/fits.py), added with <script src>, so that the
 * page works from a folder (file://) as well as from a server. Every text from the data reaches the page
 * through textContent or createElement, never innerHTML.
 *
 * The form is in the page (hidden without JavaScript, where it could do nothing); its answers live in the
 * address (?power=a&power=b&context=c&size=over-500k), so a ranking can be bookmarked or shared and Back
 * undoes the last answer. The ranking, as the page explains under "How the ranking works":
 *   1. case studies whose needs are recorded before those whose needs are not;
 *   2. fewer needs missing first (a need is met when its box is ticked; size is met when the city is at
 *      least as large as the case study needs, and unknown when the size is not answered), then fewer
 *      unknown (a case study that fits "if your city is large enough" after those that fit outright);
 *   3. more needs met first;
 *   4. stronger evidence first (verified, measured, estimated, projected, no figure);
 *   5. title.
 */
(function () {
  "use strict";

  var SHOW = 50;
  var SIZE_RANK = { "under-100k": 0, "over-100k": 1, "over-500k": 2, "over-1m": 3 };
  var SCALE_RANK = { any: 0, "over-100k": 1, "over-500k": 2, "over-1m": 3 };
  var i18n = window.ccpI18n; /* assets/i18n.js */
  var gettext = i18n.gettext;
  var ngettext = i18n.ngettext;
  var number = i18n.number;
  var english = i18n.english;
  var useLanguage = i18n.use;
  var collator = i18n.collator;

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value === undefined || value === null || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  var scriptUrl = document.currentScript && document.currentScript.src;

  function loadData(callback) {
    var marker = document.getElementById("fits-data");
    if (!marker || !scriptUrl) return;
    var script = document.createElement("script");
    script.src = new URL("../data/" + marker.getAttribute("data-script"), scriptUrl).href;
    script.onload = function () {
      if (window.cncaFits) callback(window.cncaFits);
    };
    document.body.appendChild(script);
  }

  /* What a reader without JavaScript sees: from the marker up to the next heading. */
  function staticContent() {
    var found = [];
    var start = document.getElementById("fits-data");
    for (var node = start.nextElementSibling; node && !/^H[1-6]$/.test(node.tagName); node = node.nextElementSibling) {
      found.push(node);
    }
    return found;
  }

  /* MkDocs writes "../practices/x/" or, in the offline edition, "../practices/x.html": one link it wrote
   * (in the static list) gives the ending, so that the results link the same way. */
  function linkEnding() {
    var link = document.querySelector("#fits-data ~ * a[href*='practices/']");
    var match = link && /(\/index\.html|\.html|\/)$/.exec(link.getAttribute("href"));
    return match ? match[1] : "/";
  }

  function readAnswers(form) {
    var params = new URLSearchParams(location.search);
    var powers = params.getAll("power");
    var context = params.getAll("context");
    var size = params.get("size") || "";
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.name === "power") input.checked = powers.indexOf(input.value) >= 0;
      else if (input.name === "context") input.checked = context.indexOf(input.value) >= 0;
      else if (input.name === "size") input.checked = input.value === (Object.prototype.hasOwnProperty.call(SIZE_RANK, size) ? size : "");
    });
  }

  function answers(form) {
    var result = { power: {}, context: {}, size: "" };
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.checked) return;
      if (input.name === "size") result.size = input.value;
      else if (input.name in result) result[input.name][input.value] = true;
    });
    return result;
  }

  /* push: a new history entry (an answer changed); otherwise the current one is replaced (the address is
   * rewritten from the form on load, so values the form does not know are dropped). */
  function writeAddress(form, push) {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.checked && input.value && (input.name === "power" || input.name === "context" || input.name === "size")) {
        params.append(input.name, input.value);
      }
    });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    try {
      history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (error) {
      /* some browsers refuse history entries for file:// pages: the ranking still works */
    }
  }

  /* Each need of a case study, met, missing or unknown (size not answered). */
  function assess(p, given, words) {
    var needs = [];
    p.powers.forEach(function (value) {
      needs.push({ text: words.yours[value], state: given.power[value] ? "met" : "missing", power: true });
    });
    p.context.forEach(function (value) {
      needs.push({ text: capital(words.context[value]), state: given.context[value] ? "met" : "missing" });
    });
    if (p.scale !== "any") {
      var state = given.size === "" ? "unknown" : SIZE_RANK[given.size] >= SCALE_RANK[p.scale] ? "met" : "missing";
      needs.push({ text: capital(words.scales[p.scale]), state: state, size: true });
    }
    var missing = needs.filter(function (n) { return n.state === "missing"; }).length;
    var met = needs.filter(function (n) { return n.state === "met"; }).length;
    var unknown = needs.filter(function (n) { return n.state === "unknown"; }).length;
    /* what can be asked of others: a power or a condition around the city, not the city's size */
    var askable = needs.some(function (n) { return n.state === "missing" && !n.size; });
    return { practice: p, needs: needs, missing: missing, met: met, unknown: unknown, askable: askable };
  }

  function rank(a, b) {
    var pa = a.practice;
    var pb = b.practice;
    return (
      (pb.recorded - pa.recorded) ||
      (a.missing - b.missing) ||
      (a.unknown - b.unknown) ||
      (b.met - a.met) ||
      (pb.evidence - pa.evidence) ||
      collator.compare(pa.title, pb.title) ||
      (pa.id < pb.id ? -1 : pa.id > pb.id ? 1 : 0)
    );
  }

  function verdict(result) {
    if (!result.practice.recorded) return ["unknown", gettext("What it needs is not recorded yet")];
    if (result.missing === 0 && result.unknown > 0) {
      return ["maybe", gettext("Fits if your city is large enough: it has all the rest it needs")];
    }
    if (result.missing === 0) return ["fits", gettext("Fits: your city has all it needs")];
    return ["missing", ngettext("Missing %(num)s need", "Missing %(num)s needs", result.missing)];
  }

  function mark(state) {
    return { met: gettext("Has:"), missing: gettext("Lacks:"), unknown: gettext("Not answered:") }[state] + " ";
  }

  function item(result, ending) {
    var p = result.practice;
    var v = verdict(result);
    var needs = el("ul", { className: "fits-needs" }, result.needs.map(function (n) {
      return el("li", { className: "fits-need fits-need--" + n.state }, [
        el("span", { className: "fits-need__mark", text: mark(n.state) }),
        n.text,
      ]);
    }));
    var ask = null;
    if (result.askable) {
      ask = el("p", { className: "fits-ask" }, p.ask
        ? [el("strong", { text: gettext("What the city asked of others:") + " " }), english(el("span", { text: p.ask }), p),
           " " + gettext("(lever held by: %(holder)s)", { holder: p.holder })]
        : [el("strong", { text: gettext("Lever held by:") + " " }),
           gettext("%(holder)s. The case study records no request to others.", { holder: p.holder })]);
    }
    var url = p.url.replace(/\/$/, ending);
    return el("li", { className: "fits-result fits-result--" + v[0] }, [
      el("h3", { className: "fits-result__title" }, [english(el("a", { href: url, text: p.title }), p)]),
      el("p", { className: "fits-result__meta", text: p.city + " · " + p.sector + " · " + p.status }),
      el("p", { className: "fits-verdict fits-verdict--" + v[0], text: v[1] }),
      p.headline ? el("p", { className: "fits-headline" }, [el("strong", { text: gettext("Headline figure:") + " " }), p.headline + ": ",
        english(el("span", { text: p.headline_metric }), p)]) : null,
      result.needs.length ? needs : null,
      ask,
    ]);
  }

  function start(data) {
    var form = document.getElementById("fits-form");
    var out = document.getElementById("fits-results");
    if (!form || !out) return;
    useLanguage(data.i18n);
    var words = { powers: {}, yours: {}, context: {}, scales: {} };
    data.powers.forEach(function (pair) { words.powers[pair[0]] = pair[1]; words.yours[pair[0]] = pair[2]; });
    data.context.forEach(function (pair) { words.context[pair[0]] = pair[1]; });
    data.scales.forEach(function (pair) { words.scales[pair[0]] = pair[1]; });
    var ending = linkEnding();
    staticContent().forEach(function (node) {
      node.hidden = true;
      node.classList.add("fits-static");
    });
    form.hidden = false;

    var status = el("p", { className: "fits-status", role: "status", "aria-live": "polite" });
    var list = el("ol", { className: "fits-list", "aria-label": gettext("Case studies, best fit first") });
    var more = el("button", { type: "button", className: "md-button fits-more" });
    out.appendChild(el("h2", { id: "fits-ranking", text: gettext("Case studies for your city, best fit first") }));
    out.appendChild(status);
    out.appendChild(list);
    out.appendChild(more);
    var shown = SHOW;
    var ranked = [];
    /* On a phone the ranking is far below the questions: a bar at the foot of the form says how many fit
     * and leads to it (not a live region: the status above the ranking is the one announced). */
    var jump = el("a", { href: "#fits-ranking", className: "fits-jump" });
    var actions = form.querySelector(".fits-actions");
    actions.insertBefore(jump, actions.firstChild);

    function draw() {
      list.textContent = "";
      ranked.slice(0, shown).forEach(function (result) { list.appendChild(item(result, ending)); });
      var rest = ranked.length - Math.min(shown, ranked.length);
      more.hidden = rest <= 0;
      more.textContent = ngettext("Show %(num)s more (%(rest)s not shown)", "Show %(num)s more (%(rest)s not shown)",
        Math.min(SHOW, rest), { rest: number(rest) });
    }

    function update() {
      var given = answers(form);
      ranked = data.practices.map(function (p) { return assess(p, given, words); }).sort(rank);
      var fits = ranked.filter(function (r) { return r.practice.recorded && r.missing === 0 && r.unknown === 0; }).length;
      var maybe = ranked.filter(function (r) { return r.practice.recorded && r.missing === 0 && r.unknown > 0; }).length;
      var one = ranked.filter(function (r) { return r.practice.recorded && r.missing === 1; }).length;
      var summary = ngettext("%(num)s fits your city as you describe it,", "%(num)s fit your city as you describe it,", fits) + " " +
        (maybe ? ngettext("%(num)s may fit (if your city is large enough),", "%(num)s may fit (if your city is large enough),", maybe) + " " : "") +
        ngettext("%(num)s lacks one need.", "%(num)s lack one need.", one);
      status.textContent = ngettext("%(num)s case study: %(summary)s", "%(num)s case studies: %(summary)s", ranked.length, { summary: summary });
      jump.textContent = gettext("See the ranking: %(summary)s", { summary: summary });
      shown = SHOW;
      draw();
    }

    more.addEventListener("click", function () {
      var first = shown;
      shown += SHOW;
      draw();
      var next = list.children[first];
      var link = next && next.querySelector("a");
      if (link) link.focus();
    });
    form.addEventListener("change", function () {
      writeAddress(form, true);
      update();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        writeAddress(form, true);
        update();
      }, 0);
    });
    window.addEventListener("popstate", function () {
      readAnswers(form);
      update();
    });
    readAnswers(form);
    writeAddress(form, false);
    update();
  }

  loadData(start);
})();
