// mqtt-packet's encoder alone (its generate.js): the package's index also loads the stream parser
// (bl, readable streams), which nothing here uses; the inspector decodes bytes itself.
declare module "mqtt-packet/generate.js" {
  import type { generate } from "mqtt-packet";

  const generateOnly: typeof generate;
  export default generateOnly;
}
