import guardBytes from '../../../models/guard.bin';
import routerBytes from '../../../models/router.bin';
import { registerModelSource } from '.';

// The Worker's models: bundled as data modules (wrangler.toml `Data` rule), parsed on first use.
registerModelSource({ guard: () => new Uint8Array(guardBytes), router: () => new Uint8Array(routerBytes) });
