/* The page's language for the scripts that write text (catalogue.js, fits.js): loaded before them on the pages
 * that use them (overrides/main.html).
 *
 * Their strings are English in the scripts; in another language's site the data script a page loads brings
 * their translations (`i18n`, from generator/locale/<lang>.po: generator/pages/i18n.py script_strings) with the
 * order of the language's plural forms, which Intl.PluralRules chooses between. Numbers and sorting follow the
 * page's <html lang>. A text of a case study not translated into the page's language is marked as English.
 */
window.ccpI18n = (function () {
  "use strict";

  var lang = document.documentElement.lang || "en";
  var strings = {};
  var pluralTags = ["one", "other"];
  var numberFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 6 });
  var plurals = new Intl.PluralRules(lang);

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s|%%/g, function (all, name) { return name ? String(values[name]) : "%"; });
  }

  function number(value) {
    return numberFormat.format(value);
  }

  return {
    lang: lang,
    collator: new Intl.Collator(lang, { sensitivity: "base", numeric: true }),
    number: number,
    /* the translations a data script brought (none in English) */
    use: function (i18n) {
      if (!i18n) return;
      strings = i18n.strings || {};
      pluralTags = i18n.plurals || pluralTags;
    },
    gettext: function (message, values) {
      var found = strings[message];
      return fill(typeof found === "string" ? found : message, values || {});
    },
    /* %(num)s is n, in the language's number format */
    ngettext: function (singular, plural, n, values) {
      var forms = strings[singular];
      var all = Object.assign({ num: number(n) }, values || {});
      if (Array.isArray(forms)) {
        var at = pluralTags.indexOf(plurals.select(n));
        return fill(forms[at >= 0 ? Math.min(at, forms.length - 1) : forms.length - 1], all);
      }
      return fill(n === 1 ? singular : plural, all);
    },
    /* a node showing the text of a case study that is not translated into the page's language */
    english: function (node, practice) {
      if (practice && practice.english) {
        node.setAttribute("lang", "en");
        node.setAttribute("dir", "ltr");
        if (node.tagName === "A") node.setAttribute("hreflang", "en");
      }
      return node;
    },
  };
})();
