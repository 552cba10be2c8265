/**
 * One packet's bytes as PacketInspector shows them: byte cells, the fields as stacked rows and the
 * bits of each flags byte, linked by hover and focus. Loaded lazily by PacketInspector.tsx.
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
      {/* Stacked rows, not a five-column table: each field reads top to bottom in a side panel. */}
      <h3 className="inspector-subheading">Fields, in byte order</h3>
      <ol
        className="inspector-fields"
        aria-label="Fields, in byte order"
        onMouseLeave={() => setHovered(null)}
      >
        {fields.map((f, i) => (
          <li
            key={i}
            tabIndex={0}
            className={i === active ? "inspector-field is-active" : "inspector-field"}
            data-testid="inspector.field"
            data-field={f.name}
            onMouseEnter={() => setHovered(i)}
            onFocus={() => setFocused(i)}
            onBlur={() => setFocused(null)}
          >
            <p className="inspector-field-head">
              <strong className="inspector-field-name">{f.name}</strong>{" "}
              <span className="inspector-range">{range(f)}</span>
              {f.length ? (
                <code className="inspector-field-bytes">{f.bytesHex}</code>
              ) : (
                <span className="inspector-none">no bytes</span>
              )}
            </p>
            <dl className="inspector-facts">
              <div>
                <dt>Value</dt>
                <dd className="inspector-value">{f.value}</dd>
              </div>
              <div>
                <dt>Meaning</dt>
                <dd className="inspector-meaning">{f.explanation}</dd>
              </div>
              <div>
                <dt>Spec</dt>
                <dd className="inspector-spec">
                  <Spec text={f.spec} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ol>
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

/** The bits of a flags byte: a strip of digits grouped by sub-field, then what each means. */
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
      <h3 className="inspector-subheading">
        Bits of {field.name.toLowerCase()} (byte {field.offset}, {field.bytesHex})
      </h3>
      <ul className="inspector-bit-list">
        {bits.map((b) => (
          <li key={b.bits} className={b.ok ? "inspector-bit" : "inspector-bit is-wrong"} data-bit={b.name}>
            <p className="inspector-field-head">
              <strong className="inspector-field-name">{b.name}</strong>{" "}
              <span className="inspector-range">
                {b.bits.includes("-") ? `bits ${b.bits}` : `bit ${b.bits}`}
              </span>{" "}
              <code className="inspector-field-bytes">{b.value}</code>
            </p>
            <p className="inspector-meaning">
              {b.meaning}
              {b.ok ? null : <strong> (breaks the rule)</strong>}
            </p>
            <p className="inspector-spec">
              <Spec text={b.spec} />
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
