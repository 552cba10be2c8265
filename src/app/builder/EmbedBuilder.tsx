/**
 * The embed builder (lazily loaded from Copy embed code's place): choose controls, theme,
 * autoplay and loop, a step range and a width; see the live embed (an iframe of embed.html) and
 * the <mqtt-qos-handshake> element side by side; copy either code. The last choices are kept.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import "../../element/defineElement.ts";
import { DEFAULT_DISPLAY, embedCode, embedUrl, type EmbedDisplay } from "../../share/embedCode.ts";
import { displayAttributes, elementAttributes, elementSnippet } from "../../share/elementCode.ts";
import { ELEMENT_NAME } from "../../share/attributes.ts";
import { runScenario } from "../../sim/runScenario.ts";
import { stepsOf } from "../../sim/steps.ts";
import type { Scenario } from "../../sim/types.ts";
import { BuilderProfiles, sharedProfiles, type ProfileChoice } from "./BuilderProfiles.tsx";
import { CopyButton } from "../CopyButton.tsx";
import { BuilderFields } from "./BuilderFields.tsx";
import { checkForm, loadForm, saveForm, type BuilderForm } from "./builderForm.ts";
import { ElementPreview } from "./ElementPreview.tsx";
import { EmbedPreview } from "./EmbedPreview.tsx";
import "./builder.css";

interface EmbedBuilderProps {
  scenario: Scenario;
  onClose(): void;
}

export default function EmbedBuilder({ scenario: onScreen, onClose }: EmbedBuilderProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  // Which implementations the shared diagram behaves like: the set-up's own, or chosen here.
  const [choice, setChoice] = useState<ProfileChoice>({ broker: null, clients: null });
  const scenario = useMemo(() => sharedProfiles(onScreen, choice), [onScreen, choice]);
  const headingId = useId();
  const stepCount = useMemo(() => stepsOf(runScenario(scenario)).length, [scenario]);
  const [form, setForm] = useState<BuilderForm>(loadForm);
  const checked = checkForm(form, stepCount);
  // A bad field keeps the previews at the last good choices, and the copy buttons wait.
  const [lastGood, setLastGood] = useState<EmbedDisplay>(() =>
    checked.ok ? checked.display : DEFAULT_DISPLAY,
  );
  const onChange = (next: BuilderForm) => {
    setForm(next);
    const result = checkForm(next, stepCount);
    if (result.ok) setLastGood(result.display);
  };
  const display = checked.ok ? checked.display : lastGood;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  useEffect(() => saveForm(form), [form]);

  const base = window.location.href;
  const src = embedUrl(scenario, base, display);
  const attributes = { ...elementAttributes(scenario), ...displayAttributes(display) };
  return (
    <dialog
      ref={dialogRef}
      className="embed-builder"
      aria-labelledby={headingId}
      onClose={onClose}
      data-testid="builder"
    >
      <div className="builder-head">
        <h2 id={headingId}>Embed builder</h2>
        <button type="button" onClick={() => dialogRef.current?.close()} data-testid="builder.close">
          Close
        </button>
      </div>
      <p className="muted builder-intro">
        Choose how the diagram shows on another page; both previews follow. The iframe needs the lab hosted;
        the element needs only its script.
      </p>
      <BuilderFields
        form={form}
        stepCount={stepCount}
        problems={checked.ok ? [] : checked.problems}
        onChange={onChange}
      />
      <BuilderProfiles scenario={onScreen} choice={choice} onChange={setChoice} />
      <div className="builder-previews">
        <section className="builder-preview" aria-label="Embed (iframe) preview and code">
          {/* Not a heading: the embed's own <h1> in the iframe would break the heading order. */}
          <p className="builder-preview-title">Embed (iframe)</p>
          <EmbedPreview src={src} width={display.width} />
          <pre className="builder-code" tabIndex={0} aria-label="Embed code" data-testid="builder.embed-code">
            <code>{embedCode(scenario, base, display)}</code>
          </pre>
          <CopyButton
            label="Copy embed code"
            done="Embed code copied"
            testId="builder.copy-embed"
            disabled={!checked.ok}
            text={() => embedCode(scenario, base, display)}
          />
        </section>
        <section className="builder-preview" aria-label="Element preview and code">
          <p className="builder-preview-title">
            Element <code>&lt;{ELEMENT_NAME}&gt;</code>
          </p>
          <ElementPreview attributes={attributes} theme={display.theme} />
          <pre
            className="builder-code"
            tabIndex={0}
            aria-label="Element code"
            data-testid="builder.element-code"
          >
            <code>{elementSnippet(scenario, display)}</code>
          </pre>
          <CopyButton
            label="Copy element code"
            done="Element code copied"
            testId="builder.copy-element"
            disabled={!checked.ok}
            text={() => elementSnippet(scenario, display)}
          />
        </section>
      </div>
    </dialog>
  );
}
