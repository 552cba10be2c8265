/**
 * framer-motion's animation features, in a module of their own so that src/main.tsx can load them
 * after first paint (LazyMotion's async `features`): the diagram draws without them, and its
 * marks start animating once they arrive.
 */
import { domAnimation } from "framer-motion";

export default domAnimation;
