/** A lesson's Text in one locale. Pure. */
import type { Text } from "./lessonSchema.ts";

/**
 * The text for `locale`: the exact locale, else its language ("de" for "de-AT"), else English
 * (every Text has "en"; the validator makes sure).
 */
export function textOf(text: Text, locale = "en"): string {
  if (typeof text === "string") return text;
  const language = locale.split("-")[0] ?? locale;
  for (const key of [locale, language, "en"]) {
    if (Object.hasOwn(text, key)) return text[key] as string;
  }
  return Object.values(text)[0] ?? "";
}

/** The locales a Text is written in ("en" first). */
export function localesOf(text: Text): string[] {
  if (typeof text === "string") return ["en"];
  return ["en", ...Object.keys(text).filter((key) => key !== "en")];
}
