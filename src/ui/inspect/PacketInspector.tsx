import { memo, lazy, Suspense, useId } from "react";
import type { PacketEvent, Protocol } from "../../sim/types.ts";
import "./inspector.css";

// The decoder and its tables load when the first packet is shown: the diagram does not need them.
const Inspection = lazy(() => import("./Inspection.tsx"));

export interface PacketInspectorProps {
  /** The packet to show, or null for a hint. */
  packet: PacketEvent | null;
  /** The trace's protocol version: it decides how the bytes are read. */
  protocol: Protocol;
}

/** The inspector shows a packet's bytes only: a replay's new event object with the same bytes is the same. */
function samePacket(a: PacketInspectorProps, b: PacketInspectorProps): boolean {
  return a.protocol === b.protocol && a.packet?.hex === b.packet?.hex && !a.packet === !b.packet;
}

/**
 * One packet's bytes, field by field, with what each means and the spec behind it. Hovering or
 * focusing a field highlights its bytes and the other way round. Presentation only: the decoding
 * is decodePacket's.
 */
export const PacketInspector = memo(function PacketInspector({ packet, protocol }: PacketInspectorProps) {
  const headingId = useId();
  return (
    <section className="packet-inspector" aria-labelledby={headingId} data-testid="inspector">
      <h2 id={headingId} className="inspector-heading">
        Packet inspector
      </h2>
      {packet ? (
        <Suspense fallback={<p className="inspector-hint">Decoding the packet…</p>}>
          {/* Keyed so that highlight state starts afresh for every packet. */}
          <Inspection key={`${protocol} ${packet.hex}`} hex={packet.hex} protocol={protocol} />
        </Suspense>
      ) : (
        <p className="inspector-hint">Focus or hover a packet in the diagram to see its bytes.</p>
      )}
    </section>
  );
}, samePacket);
