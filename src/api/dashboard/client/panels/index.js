// @ts-check
// Every panel of the page, one file each. A new panel: a file that calls registerPanel, imported here.
import './kpis.js';
import './traffic.js';
import './latency.js';
import './overhead.js';
import './latency-tables.js';
import './cost.js';
import './guards.js';
import './routes.js';
import './keys.js';
import './traces.js';
import './label.js';
