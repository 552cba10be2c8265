import { describe, expect, it } from "vitest";
import { lessonSearch, readLessonLink } from "./lessonLink.ts";

const COURSE = [
  { id: "pump-duplicate", steps: 5 },
  { id: "batch-qos2", steps: 3 },
];

describe("lessons link", () => {
  it("opens the course page, a lesson or a step (1-based in the address)", () => {
    expect(readLessonLink("?view=lessons", COURSE)).toMatchObject({ lesson: null, notices: [] });
    expect(readLessonLink("?view=lessons&lesson=batch-qos2", COURSE)).toMatchObject({
      lesson: "batch-qos2",
      step: 0,
      stepGiven: false,
    });
    expect(readLessonLink("?view=lessons&lesson=pump-duplicate&step=5&present=1", COURSE)).toEqual({
      lesson: "pump-duplicate",
      step: 4,
      present: true,
      notices: [],
      stepGiven: true,
    });
  });

  it("names a lesson the course does not have, with what it has, and shows the course page", () => {
    const link = readLessonLink("?view=lessons&lesson=pump&step=2", COURSE);
    expect(link.lesson).toBeNull();
    expect(link.notices).toEqual(['lesson: expected one of pump-duplicate, batch-qos2; got "pump"']);
  });

  it("names a step outside the lesson, with its range, and shows the course page", () => {
    for (const bad of ["0", "4", "two", "1.5", ""]) {
      const link = readLessonLink(`?view=lessons&lesson=batch-qos2&step=${bad}`, COURSE);
      expect(link.lesson).toBeNull();
      expect(link.notices).toEqual([
        `step: expected a step from 1 to 3 of lesson batch-qos2; got ${JSON.stringify(bad)}`,
      ]);
    }
  });

  it("writes what it reads back", () => {
    const place = { lesson: "batch-qos2", step: 2, present: true };
    expect(lessonSearch(place)).toBe("?view=lessons&lesson=batch-qos2&step=3&present=1");
    expect(readLessonLink(lessonSearch(place), COURSE)).toMatchObject(place);
    expect(lessonSearch({ lesson: null, step: 0, present: false })).toBe("?view=lessons");
  });
});
