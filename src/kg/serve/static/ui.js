// The query page: YASGUI on this server's /sparql, the shipped queries in the side list, and
// links to the dataset's IRIs kept on this server (its pages answer them).
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-config").textContent);
  var Yasgui = window.Yasgui;
  // Nothing leaves this server: no prefix.cc or LOV autocompletion, no endpoint catalogue.
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: "/sparql", method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return []; } },
    yasr: { prefixes: config.prefixes },
  });
  var byName = {};
  config.queries.forEach(function (q) { byName[q.name] = q; });

  function load(name) {
    var q = byName[name];
    if (!q) { return; }
    var tab = yasgui.getTab();
    tab.setQuery(q.text);
    document.querySelectorAll("button.query").forEach(function (b) {
      b.classList.toggle("active", b.dataset.name === name);
    });
  }
  document.querySelectorAll("button.query").forEach(function (button) {
    button.addEventListener("click", function () { load(button.dataset.name); });
  });
  if (config.queries.length) { load(config.queries[0].name); }

  // Result tables link IRIs to themselves; the dataset's IRIs are answered here.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) { return; }
    var href = link.getAttribute("href");
    if (href && href.indexOf(config.base) === 0) {
      event.preventDefault();
      window.location.href = "/" + href.slice(config.base.length);
    }
  }, true);
  window.kgYasgui = yasgui;
})();
