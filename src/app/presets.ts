/**
 * Every preset: the plant examples (presets.plant.ts), then the real-world cases
 * (presets.realWorld.ts). For tests and tools: the page opens on presets.opening.ts alone and loads
 * the two lists with the preset menu, so that they stay out of its first paint.
 */
import type { Preset } from "./presets.opening.ts";
import { PLANT_PRESETS } from "./presets.plant.ts";
import { REAL_WORLD_PRESETS } from "./presets.realWorld.ts";

export { PLANT_PRESETS } from "./presets.plant.ts";
export { OPENING_PRESET, presetScenario, type Preset } from "./presets.opening.ts";

export const PRESETS: readonly Preset[] = [...PLANT_PRESETS, ...REAL_WORLD_PRESETS];
