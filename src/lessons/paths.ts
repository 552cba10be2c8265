/**
 * A printed field path (`faults[0].packet`, `timing[""]`, as sim/scenarioErrors.ts's formatPath
 * writes it) back to its segments, so that a scenario's problems can be placed inside a lesson.
 */
import type { PathSegments } from "../sim/scenarioErrors.ts";

const SEGMENT = /^(?:\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;

export function parsePath(text: string): PathSegments {
  const segments: (string | number)[] = [];
  let rest = text;
  while (rest !== "") {
    const match = SEGMENT.exec(rest);
    if (match === null) return [...segments, rest]; // not a path formatPath writes: keep it whole
    const [whole, name, index, quoted] = match;
    if (name !== undefined) segments.push(name);
    else if (index !== undefined) segments.push(Number(index));
    else segments.push(JSON.parse(quoted as string) as string);
    rest = rest.slice(whole.length);
  }
  return segments;
}
