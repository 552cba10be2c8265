import { describe, expect, it } from "vitest";
import { parseScenarioOrThrow } from "../../sim/scenario.ts";
import { elementAttributes } from "../../share/elementCode.ts";
import { embedUrl } from "../../share/embedCode.ts";
import { readEmbedParams } from "../../share/embedParams.ts";
import { sharedProfiles } from "./BuilderProfiles.tsx";

describe("the builder's profile picker", () => {
  const plain = parseScenarioOrThrow({ publishQos: 2, subscriber: { qos: 2 } });

  it("shares the set-up as it is until a profile is chosen", () => {
    expect(sharedProfiles(plain, { broker: null, clients: null })).toBe(plain);
  });

  it("puts the chosen profiles in the copied tag and iframe, which read them back", () => {
    const shared = sharedProfiles(plain, { broker: "emqx-5", clients: null });
    expect(shared.profiles).toEqual({ broker: "emqx-5", publisher: "spec", subscriber: "spec" });
    expect(elementAttributes(shared).profiles).toBe("emqx-5");
    const url = new URL(
      embedUrl(shared, "https://lab.example/", {
        controls: "playback",
        theme: "auto",
        autoplay: false,
        loop: false,
      }),
    );
    expect(url.searchParams.get("profiles")).toBe("emqx-5");
    expect(readEmbedParams(url.search).scenario).toEqual(shared);
    const own = parseScenarioOrThrow({
      publishQos: 1,
      profiles: { broker: "aedes-1", publisher: "paho-go-1" },
    });
    expect(sharedProfiles(own, { broker: null, clients: "mqttjs-5" }).profiles).toEqual({
      broker: "aedes-1",
      publisher: "mqttjs-5",
      subscriber: "mqttjs-5",
    });
  });
});
