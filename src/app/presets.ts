/**
 * Every preset: the plant examples (presets.plant.ts, which the first diagram opens on), then the
 * real-world cases (presets.realWorld.ts, loaded with the preset menu). For tests and tools; the
 * page imports the two files itself so that the real-world cases stay out of its first paint.
 */
import { PLANT_PRESETS, type Preset } from "./presets.plant.ts";
import { REAL_WORLD_PRESETS } from "./presets.realWorld.ts";

export { OPENING_PRESET, PLANT_PRESETS, presetScenario, type Preset } from "./presets.plant.ts";

export const PRESETS: readonly Preset[] = [...PLANT_PRESETS, ...REAL_WORLD_PRESETS];
