/**
 * The scenario as JSON, editable by hand. The problems of what was typed here are shown right
 * under the text (not at the top of the page), and the text says it is invalid: aria-invalid, a
 * red border, and aria-describedby pointing at the list, so a screen reader reads them with it.
 */
import { memo, useDeferredValue, useId, useState } from "react";
import "./JsonEditor.css";

interface JsonEditorProps {
  /**
   * The editor's text, asked for only while the editor is open (a long scenario is a long text). A
   * new function when the text may have changed.
   */
  text(): string;
  onType(text: string): void;
  /** The problems to show next to the editor; null when they are shown elsewhere (the set-up's). */
  problems: readonly string[] | null;
  /** Open or closed, told to App: it shows the problems here only while the editor is open. */
  onOpenChange?(open: boolean): void;
}

export const JsonEditor = memo(function JsonEditor({
  text,
  onType,
  problems,
  onOpenChange,
}: JsonEditorProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  // Typing: the text follows every key. Anything else (a click on a packet, a preset) reaches it
  // one render later, after the diagram's frame: setting and laying out a long text below the
  // diagram would otherwise be part of every click.
  const [typing, setTyping] = useState(false);
  const later = useDeferredValue(text);
  const shown = typing ? text : later;
  const invalid = problems !== null && problems.length > 0;
  return (
    <details
      className="json-details"
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
        onOpenChange?.(e.currentTarget.open);
      }}
    >
      <summary>Scenario JSON (edit by hand)</summary>
      <div className="json-editor">
        <label htmlFor={id}>Scenario JSON</label>
        <textarea
          id={id}
          data-testid="setup.json"
          className={invalid ? "is-invalid" : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-problems` : undefined}
          value={open ? shown() : ""}
          onFocus={() => setTyping(true)}
          onBlur={() => setTyping(false)}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          rows={16}
          onChange={(event) => onType(event.target.value)}
        />
        {problems !== null && <EditorProblems problems={problems} id={`${id}-problems`} />}
      </div>
    </details>
  );
});

/** "faults[0].packet: expected …" → the field and the message (formatProblem's shape). */
export function splitProblem(problem: string): { field: string | null; message: string } {
  const match = /^([\w$.[\]-]+): ([\s\S]*)$/.exec(problem);
  if (!match) return { field: null, message: problem };
  const [, field = "", message = ""] = match;
  // The root path is written "scenario": the problem is with the whole text, not one field.
  return { field: field === "scenario" ? "the scenario as a whole" : field, message };
}

/**
 * The editor's problems, each with the field it is about first. The same alert region as the
 * page's ProblemList (only one of the two is on the page at a time), kept mounted so that screen
 * readers hear changes.
 */
function EditorProblems({ problems, id }: { problems: readonly string[]; id: string }) {
  return (
    <div
      role="alert"
      id={id}
      className={problems.length ? "problems" : "problems empty"}
      data-testid="problems.alert"
    >
      {problems.length > 0 ? (
        <>
          <p className="problems-title">This scenario cannot run; showing the last valid trace.</p>
          <ul>
            {problems.map((problem, index) => {
              const { field, message } = splitProblem(problem);
              return (
                <li key={index} data-field={field ?? undefined}>
                  {field !== null && (
                    <>
                      <code className="problem-field">{field}</code>:{" "}
                    </>
                  )}
                  <code>{message}</code>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
}
