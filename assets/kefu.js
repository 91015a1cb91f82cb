// kefu's own script: small additions to pages that work without it.
"use strict";

// A refused form comes back as the form again with why (422, 409) or as an
// error page (403, 404 …): htmx shows those answers too, not only 2xx.
if (window.htmx) {
  window.htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[2345]..", swap: true },
  ];
}
