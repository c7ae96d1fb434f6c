// Progressive enhancement only: every form works without this file.
import { initAll } from '/lib/nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
