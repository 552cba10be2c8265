// Tests read links of every kind at once: load what leaves out a link's bad parameters
// (src/share/url.ts loads it on demand in the page, before the first read of such a link).
import { loadLinkRepair } from "../src/share/url.ts";

await loadLinkRepair();
