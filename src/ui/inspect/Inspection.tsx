/**
 * One packet's bytes as PacketInspector shows them: byte cells, a table of fields and the bits of
 * each flags byte, linked by hover and focus. Loaded lazily by PacketInspector.tsx.
 */
import { Fragment, useMemo, useState, type KeyboardEvent } from "react";
import type { Protocol } from "../../sim/types.ts";
import { decodePacket, type DecodedField } from "../../inspect/decode.ts";

export default function Inspection({ hex, protocol }: { hex: string; protocol: Protocol }) {
  const decoded = useMemo(() => decodePacket(hex, protocol), [hex, protocol]);
  const { fields } = decoded;
  const [hovered, setHovered] = useState<number | null>(null);
  const [focused, setFocused] = useState<number | null>(null);
  const active = hovered ?? focused;

  // The bytes, and which field each belongs to: fields tile the bytes, zero-length ones own none.
  const { bytes, owner } = useMemo(() => {
    const bytes: string[] = [];
    const owner: number[] = [];
    fields.forEach((f, i) => {
      for (const b of f.bytesHex.split(" ").filter(Boolean)) {
        bytes.push(b);
        owner.push(i);
      }
    });
    return { bytes, owner };
  }, [fields]);

  return (
    <>
      <p className="inspector-summary" data-testid="inspector.summary">
        {decoded.summary}
      </p>
      {decoded.error ? <p className="inspector-error">{decoded.error}</p> : null}
      {bytes.length ? (
        <ByteRow
          bytes={bytes}
          owner={owner}
          fields={fields}
          active={active}
          onHover={setHovered}
          onFocusField={setFocused}
        />
      ) : null}
      <div className="inspector-table-wrap" role="region" aria-label="Packet fields" tabIndex={0}>
        <table className="inspector-fields">
          <caption>Fields, in byte order</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Bytes</th>
              <th scope="col">Value</th>
              <th scope="col">Meaning</th>
              <th scope="col">Spec</th>
            </tr>
          </thead>
          <tbody onMouseLeave={() => setHovered(null)}>
            {fields.map((f, i) => (
              <tr
                key={i}
                tabIndex={0}
                className={i === active ? "is-active" : undefined}
                data-testid="inspector.field"
                data-field={f.name}
                onMouseEnter={() => setHovered(i)}
                onFocus={() => setFocused(i)}
                onBlur={() => setFocused(null)}
              >
                <th scope="row">{f.name}</th>
                <td className="inspector-bytes-cell">
                  <span className="inspector-range">{range(f)}</span>
                  {f.length ? <code>{f.bytesHex}</code> : <span className="inspector-none">none</span>}
                </td>
                <td className="inspector-value">{f.value}</td>
                <td className="inspector-meaning">{f.explanation}</td>
                <td className="inspector-spec">
                  <Spec text={f.spec} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fields.map((f, i) =>
        f.bits ? <BitBreakdown key={i} field={f} onHover={(on) => setHovered(on ? i : null)} /> : null,
      )}
    </>
  );
}

/** A spec reference, with each statement id kept on one line. */
function Spec({ text }: { text: string }) {
  // The space stays outside the no-wrap spans: it is where the line may break.
  return text.split(/ (?=\[MQTT-)/).map((part, i) =>
    i ? (
      <Fragment key={i}>
        {" "}
        <span className="inspector-nowrap">{part}</span>
      </Fragment>
    ) : (
      part
    ),
  );
}

/** "byte 4", "bytes 4-14", "at 15, absent": where a field sits. */
function range(f: DecodedField): string {
  if (f.length === 0) return `at ${f.offset}, absent`;
  if (f.length === 1) return `byte ${f.offset}`;
  return `bytes ${f.offset}–${f.offset + f.length - 1}`;
}

interface ByteRowProps {
  bytes: string[];
  owner: number[];
  fields: DecodedField[];
  active: number | null;
  onHover: (field: number | null) => void;
  onFocusField: (field: number | null) => void;
}

/** The bytes as cells, one tab stop for the row; arrow keys move between bytes (roving tabindex). */
function ByteRow({ bytes, owner, fields, active, onHover, onFocusField }: ByteRowProps) {
  const [current, setCurrent] = useState(0);

  function onKeyDown(e: KeyboardEvent<HTMLLIElement>, i: number) {
    const next =
      e.key === "ArrowRight"
        ? Math.min(i + 1, bytes.length - 1)
        : e.key === "ArrowLeft"
          ? Math.max(i - 1, 0)
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? bytes.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    setCurrent(next);
    (e.currentTarget.parentElement?.children[next] as HTMLElement | undefined)?.focus();
  }

  return (
    <ol
      className="inspector-bytes"
      aria-label="Bytes; use the arrow keys to move"
      onMouseLeave={() => onHover(null)}
    >
      {bytes.map((b, i) => {
        const f = owner[i] as number;
        const classes = [
          f % 2 ? "is-odd" : "is-even",
          i > 0 && owner[i - 1] !== f ? "is-start" : "",
          f === active ? "is-active" : "",
        ];
        return (
          <li
            key={i}
            tabIndex={i === current ? 0 : -1}
            className={classes.filter(Boolean).join(" ")}
            aria-label={`byte ${i}: ${b}, ${fields[f]?.name ?? ""}`}
            title={`byte ${i}: ${fields[f]?.name ?? ""}`}
            data-testid="inspector.byte"
            onMouseEnter={() => onHover(f)}
            onFocus={() => {
              setCurrent(i);
              onFocusField(f);
            }}
            onBlur={() => onFocusField(null)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {b}
          </li>
        );
      })}
    </ol>
  );
}

/** The bits of a flags byte: a strip of digits grouped by sub-field, then a table saying what they mean. */
function BitBreakdown({ field, onHover }: { field: DecodedField; onHover: (on: boolean) => void }) {
  const bits = field.bits ?? [];
  return (
    <div
      className="inspector-bits"
      data-testid="inspector.bits"
      onMouseEnter={() => onHover(true)}
      onMouseLeave={() => onHover(false)}
    >
      <div className="inspector-bitstrip" aria-hidden="true">
        {bits.map((b) => (
          <span key={b.bits} className={b.ok ? "bit-group" : "bit-group is-wrong"}>
            <span className="bit-digits">{b.value}</span>
            <span className="bit-name">{b.name}</span>
          </span>
        ))}
      </div>
      {/* Small enough to wrap rather than scroll, so it needs no scroll container of its own. */}
      <table className="inspector-bit-table">
        <caption>
          Bits of {field.name.toLowerCase()} (byte {field.offset}, {field.bytesHex})
        </caption>
        <thead>
          <tr>
            <th scope="col">Bits</th>
            <th scope="col">Value</th>
            <th scope="col">Meaning</th>
            <th scope="col">Spec</th>
          </tr>
        </thead>
        <tbody>
          {bits.map((b) => (
            <tr key={b.bits} className={b.ok ? undefined : "is-wrong"}>
              <th scope="row">
                {b.name}
                <span className="inspector-range">
                  {b.bits.includes("-") ? `bits ${b.bits}` : `bit ${b.bits}`}
                </span>
              </th>
              <td className="inspector-value">
                <code>{b.value}</code>
              </td>
              <td>
                {b.meaning}
                {b.ok ? null : <strong> (breaks the rule)</strong>}
              </td>
              <td className="inspector-spec">
                <Spec text={b.spec} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
