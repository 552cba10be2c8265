import { describe, expect, it } from "vitest";
import { parseScenario } from "../sim/scenario.ts";
import { readEmbedParams } from "./embedParams.ts";

const qos = (publishQos: number) => {
  const parsed = parseScenario({ publishQos });
  if (!parsed.ok) throw new Error("bad test scenario");
  return parsed.scenario;
};

describe("readEmbedParams", () => {
  it("has defaults and passes the scenario parameters to readUrl", () => {
    const p = readEmbedParams("?publishQos=2&t=100");
    expect(p).toMatchObject({
      theme: "auto",
      controls: "playback",
      autoplay: false,
      loop: false,
      notices: [],
    });
    expect(p.scenario).toEqual(qos(2));
    expect(p.t).toBe(100);
    expect(p.steps).toBeUndefined();
  });

  it("reads the embed's own parameters", () => {
    const p = readEmbedParams("?theme=dark&controls=none&autoplay=1&loop=true&steps=3-9");
    expect(p).toMatchObject({ theme: "dark", controls: "none", autoplay: true, loop: true, notices: [] });
    expect(p.steps).toEqual({ from: 3, to: 9 });
  });

  it("names every bad parameter and keeps the defaults", () => {
    const p = readEmbedParams("?theme=purple&controls=all&autoplay=yes&steps=9-3&publishQos=7&x=1");
    expect(p).toMatchObject({ theme: "auto", controls: "playback", autoplay: false });
    expect(p.steps).toBeUndefined();
    const named = p.notices.map((n) => n.split(":")[0]);
    expect(named).toEqual(
      expect.arrayContaining(["theme", "controls", "autoplay", "steps", "publishQos", "x"]),
    );
    expect(p.scenario).toEqual(qos(1));
  });
});
