/**
 * The Live view's form: broker (the server's, or a URL checked as typed), client, fault mode,
 * seeded random loss, credentials and TLS for a URL broker; Run and Cancel. The password field is
 * the form's state only: never written to storage, the address or a trace.
 */
import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { LiveRequest } from "../../live/index.ts";
import type { Scenario } from "../../sim/types.ts";
import {
  formRequest,
  INITIAL_FORM,
  isTlsUrl,
  URL_BROKER,
  urlProblem,
  type FormField,
  scenarioWarnings,
  type LiveForm,
} from "./liveForm.ts";
import type { Hello } from "./liveState.ts";

const CLIENT_LABEL: Record<string, string> = {
  own: "This project's clients",
  mqttjs: "MQTT.js",
};

function Field({
  id,
  label,
  problem,
  hint,
  children,
}: {
  id: string;
  label: string;
  problem?: string | undefined;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="live-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="muted live-hint">
          {hint}
        </p>
      )}
      {problem !== undefined && (
        <p id={`${id}-problem`} className="live-problem" data-testid={`live.problem.${id.split("-").pop()}`}>
          {problem}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, problem: string | undefined, hint: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : "", problem !== undefined ? `${id}-problem` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function RunForm({
  hello,
  running,
  scenario,
  describedBy: statusId,
  onRun,
  onCancel,
}: {
  hello: Hello | null;
  running: boolean;
  scenario: Scenario;
  describedBy: string;
  onRun(request: LiveRequest): void;
  onCancel(): void;
}) {
  const base = useId().replace(/:/g, "");
  const ids = {
    broker: `${base}-broker`,
    url: `${base}-url`,
    client: `${base}-client`,
    mode: `${base}-mode`,
    rate: `${base}-lossRate`,
    seed: `${base}-lossSeed`,
    user: `${base}-username`,
    password: `${base}-password`,
  };
  const [form, setForm] = useState<LiveForm>(INITIAL_FORM);
  // Problems are shown once Run was pressed, and the URL's also while it is typed.
  const [problems, setProblems] = useState<Partial<Record<FormField, string>>>({});
  const set = (patch: Partial<LiveForm>) => setForm((f) => ({ ...f, ...patch }));
  const byUrl = form.broker === URL_BROKER;
  const urlError = byUrl
    ? (problems.url ?? (form.url.trim() === "" ? undefined : (urlProblem(form.url) ?? undefined)))
    : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    const result = formRequest(form, scenario);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems({});
    onRun(result.request);
  };

  const brokers = hello?.brokers ?? [];
  const clients = hello?.clients ?? ["own"];
  const warnings = scenarioWarnings(
    scenario,
    brokers.find((b) => b.id === form.broker),
  );
  return (
    <form
      className="live-form"
      onSubmit={submit}
      aria-describedby={statusId}
      data-testid="live.form"
      noValidate
    >
      <Field id={ids.broker} label="Broker">
        <select
          id={ids.broker}
          value={form.broker}
          onChange={(e) => set({ broker: e.target.value })}
          data-testid="live.broker"
        >
          {brokers.map((b) => (
            <option key={b.id} value={b.id} disabled={!b.available}>
              {b.label} · MQTT {b.protocols.join(", ")}
              {b.available ? "" : ` — ${b.reason ?? "not available"}`}
            </option>
          ))}
          <option value={URL_BROKER}>Another broker, by URL</option>
        </select>
        {warnings.map((w) => (
          <p key={w} className="live-problem" data-testid="live.warning">
            {w}
          </p>
        ))}
      </Field>
      {byUrl && (
        <Field
          id={ids.url}
          label="Broker URL"
          problem={urlError}
          hint="mqtt://host:port, mqtts://…, ws://host:port/path or wss://…; no credentials in the URL"
        >
          <input
            id={ids.url}
            type="url"
            value={form.url}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={urlError !== undefined}
            aria-describedby={describedBy(ids.url, urlError, true)}
            onChange={(e) => {
              set({ url: e.target.value });
              setProblems(({ url: _url, ...rest }) => rest);
            }}
            data-testid="live.url"
          />
        </Field>
      )}
      {byUrl && (
        <fieldset className="live-credentials">
          <legend>Credentials (for this run only, never stored)</legend>
          <Field id={ids.user} label="Username">
            <input
              id={ids.user}
              value={form.username}
              autoComplete="off"
              onChange={(e) => set({ username: e.target.value })}
              data-testid="live.username"
            />
          </Field>
          <Field id={ids.password} label="Password">
            <input
              id={ids.password}
              type="password"
              value={form.password}
              autoComplete="off"
              onChange={(e) => set({ password: e.target.value })}
              data-testid="live.password"
            />
          </Field>
          {hello?.credentialsFromEnv && (
            <p className="muted">The lab server has MQTT_USERNAME set: leave these empty to use it.</p>
          )}
          {isTlsUrl(form.url) && (
            <label className="live-check">
              <input
                type="checkbox"
                checked={form.tlsInsecure}
                onChange={(e) => set({ tlsInsecure: e.target.checked })}
                data-testid="live.tls-insecure"
              />{" "}
              Accept any certificate (a test broker's self-signed one)
            </label>
          )}
        </fieldset>
      )}
      <Field id={ids.client} label="Client">
        <select
          id={ids.client}
          value={form.client}
          onChange={(e) => set({ client: e.target.value as LiveForm["client"] })}
          data-testid="live.client"
        >
          {clients.map((c) => (
            <option key={c} value={c}>
              {CLIENT_LABEL[c] ?? c}
            </option>
          ))}
        </select>
      </Field>
      <Field id={ids.mode} label="A planned loss">
        <select
          id={ids.mode}
          value={form.faultMode}
          onChange={(e) => set({ faultMode: e.target.value as LiveForm["faultMode"] })}
          data-testid="live.mode"
        >
          <option value="cut">cut: the connection breaks</option>
          <option value="hold">hold: half-open until keep-alive</option>
        </select>
      </Field>
      <fieldset className="live-loss">
        <legend>Random loss</legend>
        <label className="live-check">
          <input
            type="checkbox"
            checked={form.loss}
            onChange={(e) => set({ loss: e.target.checked })}
            data-testid="live.loss"
          />{" "}
          Also lose packets at random, by a seed (each loss breaks its connection)
        </label>
        {form.loss && (
          <div className="live-loss-fields">
            <Field id={ids.rate} label="Rate (0 to 0.5)" problem={problems.lossRate}>
              <input
                id={ids.rate}
                inputMode="decimal"
                value={form.lossRate}
                aria-invalid={problems.lossRate !== undefined}
                aria-describedby={describedBy(ids.rate, problems.lossRate, false)}
                onChange={(e) => set({ lossRate: e.target.value })}
                data-testid="live.loss-rate"
              />
            </Field>
            <Field id={ids.seed} label="Seed" problem={problems.lossSeed}>
              <input
                id={ids.seed}
                inputMode="numeric"
                value={form.lossSeed}
                aria-invalid={problems.lossSeed !== undefined}
                aria-describedby={describedBy(ids.seed, problems.lossSeed, false)}
                onChange={(e) => set({ lossSeed: e.target.value })}
                data-testid="live.loss-seed"
              />
            </Field>
          </div>
        )}
      </fieldset>
      <div className="live-actions">
        <button type="submit" className="primary" disabled={hello === null || running} data-testid="live.run">
          Run against the broker
        </button>
        <button type="button" disabled={!running} onClick={onCancel} data-testid="live.cancel">
          Cancel
        </button>
      </div>
      {hello && (
        <p className="muted live-hint live-limits" data-testid="live.limits">
          This lab server stops a run after {hello.limits.runTimeoutMs / 1000} s and runs{" "}
          {hello.limits.maxRuns} at once.
        </p>
      )}
    </form>
  );
}
