/** The cross-field rules of offline periods, session expiry and message expiry (queueRules.ts). */
import { describe, expect, it } from "vitest";
import { formatProblem, parseScenario } from "./scenario.ts";

function lines(input: unknown): string[] {
  const parsed = parseScenario(input);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
}

const away = [{ atMs: 500, forMs: 1000, end: "cut" }];

describe("offline periods", () => {
  it("accepts periods in order, one starting where the last ended", () => {
    const offline = [
      { atMs: 0, forMs: 500 },
      { atMs: 500, forMs: 10 },
    ];
    expect(lines({ publishQos: 1, subscriber: { qos: 1, offline } })).toEqual([]);
  });

  it("refuses a period that starts before the previous one ended", () => {
    const offline = [
      { atMs: 100, forMs: 500 },
      { atMs: 599, forMs: 10 },
    ];
    expect(lines({ publishQos: 1, subscriber: { qos: 1, offline } })).toEqual([
      "subscriber.offline[1].atMs: expected at least 600, the end of the previous offline period; got 599",
    ]);
  });

  it("refuses a period that starts before a late subscriber joins: it has no connection to lose yet", () => {
    const offline = [
      { atMs: 0, forMs: 1, end: "disconnect" },
      { atMs: 1307, forMs: 1, end: "cut" },
    ];
    const scenario = { protocol: "3.1.1", publishQos: 1, subscriber: { qos: 1, joinAtMs: 1307, offline } };
    expect(lines(scenario)).toEqual([
      "subscriber.offline[0].atMs: expected a time >= subscriber.joinAtMs (1307): a subscriber that has not joined yet cannot go offline; got 0",
    ]);
    expect(lines({ ...scenario, subscriber: { ...scenario.subscriber, offline: offline.slice(1) } })).toEqual(
      [],
    );
  });

  it('refuses offline periods with "on-timeout", whose timer would resend into a closed connection', () => {
    expect(
      lines({
        protocol: "3.1.1",
        retransmit: "on-timeout",
        publishQos: 1,
        subscriber: { qos: 1, offline: away },
      }),
    ).toEqual([
      'subscriber.offline: offline periods need "retransmit": "on-reconnect": the "on-timeout" model resends on a timer, which a subscriber that is away cannot receive',
    ]);
  });
});

describe("session and message expiry", () => {
  it("are MQTT 5.0 only: 3.1.1 has no such properties", () => {
    expect(
      lines({
        protocol: "3.1.1",
        publishQos: 1,
        subscriber: { qos: 1 },
        sessionExpiryS: { subscriber: 60 },
        messages: [{}, { expiryS: 5 }],
      }),
    ).toEqual([
      'messages[1].expiryS: the Message Expiry Interval is MQTT 5.0 only: 3.1.1 messages do not expire; use "protocol": "5.0" or leave it out',
      'sessionExpiryS: the Session Expiry Interval is MQTT 5.0 only: a 3.1.1 persistent session lasts until a clean connect; use "protocol": "5.0" or leave it out',
    ]);
  });

  it("a Session Expiry Interval needs a persistent session and, for the subscriber, two hops", () => {
    expect(
      lines({
        publishQos: 1,
        session: { publisher: "clean" },
        sessionExpiryS: { publisher: 5, subscriber: 5 },
      }),
    ).toEqual([
      "sessionExpiryS.publisher: a Session Expiry Interval needs a persistent session; the publisher's is clean (it keeps nothing, Session Expiry 0)",
      'sessionExpiryS.subscriber: the subscriber exists only with two hops, which need "subscriber": { "qos": … }',
    ]);
  });

  it("accepts both on 5.0 with persistent sessions, and leaves them out of the scenario when absent", () => {
    const parsed = parseScenario({ publishQos: 1, subscriber: { qos: 1 } });
    expect(parsed.ok && "sessionExpiryS" in parsed.scenario).toBe(false);
    expect(
      lines({
        publishQos: 1,
        subscriber: { qos: 1, offline: away },
        sessionExpiryS: { subscriber: 0 },
        messages: [{ expiryS: 0 }],
      }),
    ).toEqual([]);
  });
});
