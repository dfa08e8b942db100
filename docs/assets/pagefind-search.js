/* Search with Pagefind, whatever engine built the pages (loaded unless extra.pagefind is off: the offline edition).
 *
 * Runs the search box of overrides/partials/pagefind-search.html the way Material runs its own: the
 * same header toggle and overlay, `/`, `s` or `f` to open, Esc (or Tab) to close, arrow keys through
 * the results, Enter for the first one, and Material's result markup and classes. Pagefind's files are
 * fetched only when the search box is first opened, and only the first results' data is loaded; more
 * on demand. Result text comes from contributors: it is built with textContent, and of an excerpt
 * only Pagefind's <mark> elements are kept.
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-pagefind-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;

  const PAGE_SIZE = 10;
  const DEBOUNCE_MS = 120;
  const PRELOAD_FROM = 3;
  // this script lives in <site>/assets/, so the site's root is one level up, at any page depth and sub-path;
  // each language's site is a folder of the whole site (data-root: "../"), and one Pagefind index at the top
  // of it serves every language, loading only the part for the page's <html lang>
  const base = new URL(root.dataset.root || "", new URL("..", document.currentScript.src));
  const form = root.querySelector("form");
  const input = root.querySelector(".md-search__input");
  const output = root.querySelector(".md-search__scrollwrap");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");

  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const translations = config.translations || {};
  const t = (key, fallback) => translations[key] || fallback;

  let engine = null; // the promise of Pagefind's API, made on first use
  let shown = null; // {query, results, next, more} of the search on screen
  let generation = 0; // newer searches make older answers stale
  let timer = 0;

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", base).href).then(async (api) => {
        // noWorker: search runs in the page (milliseconds here), sparing readers the 41 KB worker script
        await api.options({ baseUrl: base.pathname, excerptLength: 24, noWorker: true });
        await api.init();
        return api;
      });
      engine.catch(() => {
        engine = null;
      });
    }
    return engine;
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click(); // a click, as Material does: its listeners see the change
  }

  function count(n) {
    // Material's way of writing large counts: 1k, 1.2k
    if (n > 999) return `${((n + 0.000001) / 1000).toFixed(+((n - 950) % 1000 > 99))}k`;
    return String(n);
  }

  function describe(n, query) {
    if (n === 0) return query ? t("search.result.none", "No matching documents") : t("search.result.placeholder", "Type to start searching");
    if (n === 1) return t("search.result.one", "1 matching document");
    return t("search.result.other", "# matching documents").replace("#", count(n));
  }

  /* Pagefind's excerpt is HTML: escaped text with <mark> around matches. Parse it inertly and keep the
   * text and the marks, nothing else. */
  function excerpt(html) {
    const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    const paragraph = document.createElement("p");
    for (const node of doc.body.firstChild ? doc.body.firstChild.childNodes : []) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.append(mark);
      } else {
        paragraph.append(document.createTextNode(node.textContent));
      }
    }
    return paragraph;
  }

  function safeHref(url) {
    const target = new URL(url, base);
    return target.origin === base.origin ? target.href : base.href;
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = safeHref(data.url);
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    const teaser = excerpt(data.excerpt || "");
    teaser.className = "md-search-result__teaser";
    article.append(icon, title, teaser);
    link.append(article);
    li.append(link);
    return li;
  }

  async function showMore() {
    const current = shown;
    if (!current || current.next >= current.results.length) return;
    const batch = current.results.slice(current.next, current.next + PAGE_SIZE);
    current.next += batch.length;
    const data = await Promise.all(batch.map((result) => result.data()));
    if (current !== shown) return;
    const focusWasOnMore = document.activeElement === current.more;
    current.more?.parentElement.remove();
    list.append(...data.map(item));
    current.more = null;
    if (current.next < current.results.length) {
      const li = document.createElement("li");
      li.className = "md-search-result__item pagefind-search__more";
      const button = document.createElement("button");
      button.type = "button";
      button.tabIndex = -1;
      const left = current.results.length - current.next;
      // the page's language (data-more on the search box, from the message catalogues; English without)
      button.textContent = (root.dataset.more || "Show %(n)s more of %(total)s")
        .replace("%(n)s", count(Math.min(left, PAGE_SIZE)))
        .replace("%(total)s", count(left));
      button.addEventListener("click", showMore);
      li.append(button);
      list.append(li);
      current.more = button;
      if (focusWasOnMore) button.focus();
      watcher.observe(button);
    }
  }

  // like Material, the next results come when the reader scrolls to the end of the list
  const watcher = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          watcher.unobserve(entry.target);
          showMore();
        }
      }
    },
    { root: output },
  );

  async function run(query) {
    const mine = ++generation;
    if (!query) {
      shown = null;
      list.replaceChildren();
      meta.textContent = describe(0, "");
      return;
    }
    let search;
    try {
      search = await (await pagefind()).search(query);
    } catch (error) {
      if (mine === generation) meta.textContent = root.dataset.failed || "Search could not be loaded.";
      throw error;
    }
    if (mine !== generation || search === null) return; // a newer query is on its way
    watcher.disconnect();
    shown = { query, results: search.results, next: 0, more: null };
    list.replaceChildren();
    output.scrollTop = 0;
    meta.textContent = describe(search.results.length, query);
    await showMore();
  }

  function schedule() {
    clearTimeout(timer);
    const query = input.value.trim();
    // preload the index for what is typed, once it is specific enough: the chunks for a one- or two-letter
    // prefix cover a large part of the index (at 10,000 case studies, 100 KB that the full word never needs)
    if (query.length >= PRELOAD_FROM) pagefind().then((api) => api.preload(query)).catch(() => {});
    else if (query) pagefind().catch(() => {});
    timer = setTimeout(() => run(query), query ? DEBOUNCE_MS : 0);
  }

  function links() {
    return [input, ...list.querySelectorAll(".md-search-result__link, .pagefind-search__more button")];
  }

  async function openFirst() {
    const query = input.value.trim();
    if (query && shown?.query !== query) {
      clearTimeout(timer); // Enter came before the pause that starts a search: search now
      await run(query);
    }
    list.querySelector(".md-search-result__link")?.click();
  }

  function typing(element, key) {
    // as Material: no shortcut while the reader writes in a field
    if (!(element instanceof HTMLElement)) return false;
    if (element.isContentEditable) return true;
    if (element instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit", "reset"].includes(element.type) || key === "Enter";
    return element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement;
  }

  window.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    const active = document.activeElement;
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(event.key) && !typing(active, event.key)) {
        event.preventDefault();
        input.focus();
        input.select();
      }
      return;
    }
    switch (event.key) {
      case "Enter":
        if (active === input) {
          event.preventDefault();
          openFirst();
        }
        break;
      case "Escape":
      case "Tab":
        setOpen(false);
        input.blur();
        break;
      case "ArrowUp":
      case "ArrowDown": {
        event.preventDefault();
        const targets = links();
        const at = Math.max(0, targets.indexOf(active));
        targets[(at + targets.length + (event.key === "ArrowUp" ? -1 : 1)) % targets.length].focus();
        break;
      }
      default:
        if (active !== input && event.key.length === 1) input.focus();
    }
  });

  input.addEventListener("focus", () => {
    setOpen(true);
    pagefind().catch(() => {}); // start fetching while the reader types
  });
  input.addEventListener("input", schedule);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => {
      schedule();
      input.focus();
    });
  });
  list.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  });
  // the header's magnifier and the overlay are labels of the toggle: follow it
  toggle.addEventListener("change", () => {
    list.setAttribute("role", toggle.checked ? "list" : "presentation");
    list.hidden = !toggle.checked;
    if (toggle.checked && document.activeElement !== input) input.focus();
    if (!toggle.checked && document.activeElement === input) input.blur();
  });
  list.hidden = !toggle.checked;
})();
