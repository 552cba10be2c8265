import { describe, expect, it } from "vitest";
import { checkBatteryClaim, radioEnergy } from "./energy.ts";
import { claimsCsv, csvField, energyCsv, lossCurveCsv, plantCsv, statisticsCsv, toCsv } from "./export.ts";
import { plantTable } from "./plant.ts";
import { compareQos, lossCurve } from "./randomLoss.ts";

/** A strict RFC 4180 reader, to check that what we write reads back field for field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === "") {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  expect(field).toBe("");
  return rows;
}

describe("CSV", () => {
  it("quotes per RFC 4180 only where needed", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField(null)).toBe("");
    expect(csvField(NaN)).toBe("");
    expect(csvField(0.1 + 0.2)).toBe("0.3");
    expect(csvField(1_440_000)).toBe("1440000");
    expect(csvField(true)).toBe("true");
  });

  it("ends every line with CRLF and refuses ragged rows", () => {
    expect(toCsv(["a", "b"], [[1, "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
    expect(() => toCsv(["a", "b"], [[1]])).toThrow(/row 1/);
  });

  it("writes every table so that it reads back with one field per header column", () => {
    const comparison = compareQos({ probability: 0.1, messages: 50, seed: 1 });
    const curve = lossCurve({ messages: 20, seed: 1 }, [0, 0.2]);
    const plant = plantTable({
      devices: 1000,
      intervalS: 10,
      payloadBytes: 50,
      topic: "a,b",
      protocol: "5.0",
    });
    const energy = radioEnergy({ intervalS: 60, payloadBytes: 50, topic: "t", protocol: "5.0" });
    const claims = checkBatteryClaim({ payloadBytes: 50, topic: 'quote " and, comma', protocol: "5.0" }).rows;
    for (const [csv, rows] of [
      [statisticsCsv(comparison.results), 3],
      [lossCurveCsv(curve.points), 6],
      [plantCsv(plant), 3],
      [energyCsv(energy), 3],
      [claimsCsv(claims), 2],
    ] as const) {
      const table = parseCsv(csv);
      expect(table).toHaveLength(rows + 1);
      for (const row of table) expect(row).toHaveLength(table[0]!.length);
    }
    const plantRows = parseCsv(plantCsv(plant));
    expect(plantRows[0]).toContain("payload per hour (MB, 10^6 B)");
    expect(plantRows[1]![plantRows[0]!.indexOf("payload per hour (MB, 10^6 B)")]).toBe("18");
    expect(parseCsv(claimsCsv(claims))[1]![8]).toContain('topic "quote " and, comma"');
  });
});
