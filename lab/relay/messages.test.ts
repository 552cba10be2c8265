import { describe, expect, it } from "vitest";
import { MessageIds } from "./messages.ts";

const spec = (payload: string) => ({ topic: "plant/t", payload, retain: false });

describe("MessageIds", () => {
  it("names a PUBLISH by its content, and its acks by the packet id it carried", () => {
    const ids = new MessageIds([spec("a"), spec("b")]);
    expect(ids.publish("plant/t", "b", 1, false, 7)).toBe(2);
    expect(ids.ack(7)).toBe(2);
    expect(ids.ack(8)).toBeUndefined();
  });

  it("takes equal messages in order, and a second copy of a delivered one as a duplicate", () => {
    const ids = new MessageIds([spec("same"), spec("same")]);
    expect(ids.publish("plant/t", "same", 0, false, undefined)).toBe(1);
    expect(ids.publish("plant/t", "same", 0, false, undefined)).toBe(2);
    expect(ids.publish("plant/t", "same", 0, false, undefined)).toBe(2);
  });

  it("follows a resend (DUP=1) by its id, and a DUP=0 PUBLISH on a used id as a new flow", () => {
    const ids = new MessageIds([spec("same"), spec("same")]);
    expect(ids.publish("plant/t", "same", 2, false, 1)).toBe(1);
    expect(ids.publish("plant/t", "same", 2, true, 1)).toBe(1);
    expect(ids.publish("plant/t", "same", 2, false, 1)).toBe(2);
    expect(ids.ack(1)).toBe(2);
  });

  it("names a resend (DUP=1) under an id another message had by its content", () => {
    const ids = new MessageIds([spec("a"), spec("b")]);
    expect(ids.publish("plant/t", "a", 1, false, 1)).toBe(1);
    expect(ids.publish("plant/t", "b", 1, false, 2)).toBe(2);
    // RabbitMQ 3 resends "b" after a reconnect with the first free id of the new connection.
    expect(ids.publish("plant/t", "b", 1, true, 1)).toBe(2);
    expect(ids.ack(1)).toBe(2);
  });

  it("numbers a PUBLISH the scenario does not hold after those met", () => {
    const ids = new MessageIds([spec("a")]);
    expect(ids.publish("plant/t", "a", 0, false, undefined)).toBe(1);
    expect(ids.publish("other", "x", 0, false, undefined)).toBe(2);
  });
});
