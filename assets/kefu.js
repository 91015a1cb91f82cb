// kefu's own script: small additions to pages that work without it.
"use strict";
