/* `make preview` only (never in the published book): when the last saved change could not be
 * built, every page shows why, above the last good version of the page.
 *
 * The build writes _static/welcome-course-preview.json at every attempt (site/extension.py):
 * {"ok": true} or {"ok": false, "heading": "...", "message": "..."}, the message being the one
 * `check` prints. Its text is shown with textContent, never as markup.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var status = new URL("welcome-course-preview.json", script ? script.src : document.baseURI);

  function show(report) {
    var old = document.getElementById("wc-preview-status");
    if (old) { old.remove(); }
    if (!report || report.ok) { return; }
    var box = document.createElement("section");
    box.id = "wc-preview-status";
    box.className = "wc-preview-status";
    box.setAttribute("role", "alert");
    var heading = document.createElement("h2");
    heading.textContent = report.heading;
    var message = document.createElement("pre");
    message.textContent = report.message;
    box.appendChild(heading);
    box.appendChild(message);
    document.body.insertBefore(box, document.body.firstChild);
  }

  fetch(status, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(show)
    .catch(function () { /* no status yet: nothing to show */ });
})();
