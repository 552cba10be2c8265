/**
 * The lesson format v1 (issue 12) as one valibot schema: the single source of the lesson's
 * TypeScript types and of the published JSON Schema (schema/lesson.schema.json, `npm run schema`).
 * Field names are a published contract: extend with optional fields, never rename.
 *
 * The schema checks each field on its own and says in its own words what it expected. What it
 * leaves to plain code (lessonRules.ts): a step's scenario (the scenario parser, with its own
 * messages), the rules that need the scenario a step shows (hand-on needs QoS 2, a message number
 * within the scenario's messages, the solution's fields within `may`), unique step ids, and
 * unknown keys with a "did you mean" (lessonKeys.ts).
 */

import * as v from "valibot";
import { didYouMean } from "../sim/didYouMean.ts";
import { HOPS, RETRANSMIT_MODES, SESSION_KINDS } from "../sim/enums.ts";
import { isPlainObject, ownFields, ownItems } from "../sim/plainData.ts";
import { expected, missing, oneOf } from "../sim/scenarioErrors.ts";
import { withoutSchemaKey, type Scenario } from "../sim/scenarioSchema.ts";
import { PACKET_TYPES, PROTOCOLS, QOS2_DELIVERIES, QOS_LEVELS } from "../protocol/types.ts";
import { htmlProblem, linkProblem } from "./markdownRules.ts";

// ---------------------------------------------------------------------------------------------
// Limits

export const LESSON_FORMAT = 1;
export const COURSE_FORMAT = 1;
export const MAX_STEPS = 40;
export const MAX_ID_CHARS = 60;
export const MAX_MINUTES = 240;
export const MAX_BEATS = 40;
export const MAX_LESSONS = 200;
/** Longest text of one locale: a step's text is short; this only stops a runaway file. */
export const MAX_TEXT_CHARS = 20_000;
/** A statistics figure: as many messages as src/stats allows in one run. */
export const MAX_STATISTICS_MESSAGES = 100_000;
/** src/stats's MAX_PROBABILITY (0.3), as a percentage. */
export const MAX_LOSS_PERCENT = 30;

export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const LOCALE_PATTERN = /^[a-z]{2}(-[A-Z]{2})?$/;
/** The shape of a statement id of the MQTT specification, as mqtt-reference.md lists them. */
export const SPEC_ID_PATTERN = /^MQTT-\d+(\.\d+)+-\d+$/;

export const STEP_KINDS = ["show", "predict", "task", "explain"] as const;
export const QUESTION_ASKS = ["processed", "hand-on", "next-resend", "holder", "qos-needed"] as const;
export const NEEDS = ["once", "at-least-once"] as const;
export const VERDICTS = ["lost", "once", "duplicated"] as const;
export const EVENT_TYPES = [
  "packet",
  "deliver",
  "process",
  "ignore",
  "timeout",
  "connection-lost",
  "reconnected",
  "publish",
  "session-discarded",
  "not-forwarded",
  "broker-down",
  "broker-up",
  "retained",
  "will",
  "publisher-end",
] as const;
export const PARTIES = ["publisher", "broker", "subscriber"] as const;
/** What a task's learner may change; everything else is locked. */
export const MAY_CHANGE = [
  "drop",
  "publishQos",
  "subscriberQos",
  "session",
  "protocol",
  "retransmit",
  "qos2Delivery",
  "dedupe",
] as const;

// ---------------------------------------------------------------------------------------------
// Building blocks (as in sim/scenarioSchema.ts): each says what it expected and what it got

/** What a required field expects, said when it is missing (by schema object). */
const EXPECTED = new WeakMap<object, string>();

function expects<T extends object>(schema: T, words: string): T {
  EXPECTED.set(schema, words);
  return schema;
}

/** One of a few strings; a near miss gets a "did you mean". */
function oneOfStrings<const T extends string>(options: readonly T[], description: string) {
  return v.pipe(
    v.picklist(options, (issue) => {
      const guess = typeof issue.input === "string" ? didYouMean(issue.input, options) : undefined;
      const hint = guess === undefined ? "" : `; did you mean "${guess}"?`;
      return `${expected(oneOf(options, issue.input), issue.input)}${hint}`;
    }),
    v.description(description),
  );
}

function oneOfNumbers<const T extends number>(options: readonly T[], description: string) {
  return v.pipe(
    v.picklist(options, (issue) => expected(oneOf(options, issue.input), issue.input)),
    v.description(description),
  );
}

function flag(description: string) {
  return expects(
    v.pipe(
      v.boolean((issue) => expected("true or false", issue.input)),
      v.description(description),
    ),
    "true or false",
  );
}

/** An integer in [min, max]. */
function integer(min: number, max: number, description: string) {
  const message = (issue: { input: unknown }) => expected(`an integer from ${min} to ${max}`, issue.input);
  return expects(
    v.pipe(
      v.number(message),
      v.integer(message),
      v.minValue(min, message),
      v.maxValue(max, message),
      v.description(description),
    ),
    `an integer from ${min} to ${max}`,
  );
}

/** A number in [min, max]. */
function between(min: number, max: number, description: string) {
  const message = (issue: { input: unknown }) => expected(`a number from ${min} to ${max}`, issue.input);
  return expects(
    v.pipe(v.number(message), v.minValue(min, message), v.maxValue(max, message), v.description(description)),
    `a number from ${min} to ${max}`,
  );
}

function literalNumber<const T extends number>(value: T, description: string) {
  return v.pipe(
    v.literal(value, (issue) => expected(`the number ${value}`, issue.input)),
    v.description(description),
  );
}

function literalString<const T extends string>(value: T) {
  return v.literal(value, (issue) => expected(`"${value}"`, issue.input));
}

const Id = expects(
  v.pipe(
    v.string((issue) => expected("a string", issue.input)),
    v.maxLength(MAX_ID_CHARS, (issue) => expected(`at most ${MAX_ID_CHARS} characters`, issue.input)),
    v.regex(ID_PATTERN, (issue) =>
      expected(
        "lower-case letters and digits in words joined by single hyphens (such as pump-duplicate)",
        issue.input,
      ),
    ),
  ),
  "an id such as pump-duplicate",
);

/** What a missing required field should have been: its options, when it has a fixed set. */
function expectation(schema: unknown): string {
  // A pipe's first item is the schema it refines: look through it.
  for (let at = schema; typeof at === "object" && at !== null; at = (at as { pipe?: unknown[] }).pipe?.[0]) {
    const words = EXPECTED.get(at);
    if (words !== undefined) return words;
    const options = (at as { options?: unknown }).options;
    if (Array.isArray(options) && options.every((o) => typeof o !== "object"))
      return `one of ${options.join(", ")}`;
    const literal = (at as { literal?: unknown }).literal;
    if (literal !== undefined) return JSON.stringify(literal);
    if ((at as { pipe?: unknown }).pipe === undefined) break;
  }
  return "a value";
}

/** An object with these fields; a missing required one is named with what it expects. */
function objectOf<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.object(entries, (issue) => {
    const key = issue.path?.[0]?.key;
    return missing(expectation(typeof key === "string" ? entries[key] : undefined));
  });
}

/** A JSON-like object checked by `object`; unknown keys are reported by lessonKeys.ts. */
function plainObject<const TObject extends v.GenericSchema<object, object>>(object: TObject, shape: string) {
  type Input = v.InferInput<TObject>;
  return expects(
    v.pipe(
      v.custom<Input>(isPlainObject, (issue) => expected(shape, issue.input)),
      v.transform<Input, Input>(ownFields),
      object,
    ),
    shape,
  );
}

/** A list of `min` to `max` entries; the length is checked before any entry is read. */
function list<const TItem extends v.GenericSchema>(item: TItem, min: number, max: number) {
  const entries = min === 0 ? `at most ${max} entries` : `${min} to ${max} entries`;
  const count = (issue: { input: readonly unknown[] }) => `expected ${entries}; got ${issue.input.length}`;
  type Input = readonly v.InferInput<TItem>[];
  return expects(
    v.pipe(
      v.custom<Input>(Array.isArray, (issue) => expected(`an array of ${entries}`, issue.input)),
      v.minLength(min, count),
      v.maxLength(max, count),
      v.transform<Input, v.InferInput<TItem>[]>(ownItems),
      v.array(item),
      v.minLength(min, count),
      v.maxLength(max, count),
    ),
    `an array of ${entries}`,
  );
}

/** A list whose entries are all different (checked after the entries). */
function uniqueList<const TItem extends v.GenericSchema>(
  item: TItem,
  min: number,
  max: number,
  what: string,
) {
  return v.pipe(
    list(item, min, max),
    v.check(
      (items) => new Set(items).size === items.length,
      (issue) => expected(`${what} without repeats`, issue.input),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Text: Markdown, or Markdown per locale

const Markdown = v.pipe(
  v.string((issue) => expected("a string of Markdown, or an object of locales", issue.input)),
  v.nonEmpty((issue) => expected("a non-empty text", issue.input)),
  v.maxLength(MAX_TEXT_CHARS, (issue) => expected(`at most ${MAX_TEXT_CHARS} characters`, issue.input)),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = htmlProblem(dataset.value) ?? linkProblem(dataset.value);
    if (problem !== null) addIssue({ message: problem });
  }),
  v.description("Markdown: paragraphs, **bold**, *em*, `code`, lists and [links](https://…); no HTML."),
);

const LocaleTexts = v.pipe(
  v.custom<Record<string, string>>(isPlainObject, (issue) =>
    expected(`a string of Markdown, or an object of locales { "en": …, "de": … }`, issue.input),
  ),
  v.transform<Record<string, string>, Record<string, string>>(ownFields),
  v.record(
    v.pipe(
      v.string(),
      v.regex(LOCALE_PATTERN, (issue) =>
        expected(`a locale such as "en", "de" or "pt-BR" as the key`, issue.input),
      ),
    ),
    Markdown,
  ),
  v.check(
    (texts) => Object.hasOwn(texts, "en"),
    `expected an "en" text (English comes first; other locales are optional)`,
  ),
);

/** The JSON Schema's form of Text: both forms. */
export const TextForms = v.pipe(
  v.union([Markdown, LocaleTexts]),
  v.description('Markdown (English), or Markdown per locale: { "en": "…", "de": "…" } with "en" required.'),
);

/** A string is read as Markdown and anything else as locales, so that a problem is named where it is. */
const Text = expects(
  v.lazy((input) => (typeof input === "string" ? Markdown : input === undefined ? TextForms : LocaleTexts)),
  `a text: Markdown, or an object of locales { "en": … }`,
);

// ---------------------------------------------------------------------------------------------
// EventMatch

const EventMatchObject = objectOf({
  type: v.optional(oneOfStrings(EVENT_TYPES, 'The trace event\'s type; "packet" when `packet` is given.')),
  packet: v.optional(oneOfStrings(PACKET_TYPES, "The packet type.")),
  hop: v.optional(oneOfStrings(HOPS, "The hop.")),
  from: v.optional(oneOfStrings(PARTIES, "The packet's sender.")),
  to: v.optional(oneOfStrings(PARTIES, "The packet's receiver.")),
  at: v.optional(oneOfStrings(PARTIES, "The party of a deliver, process, timeout … event.")),
  message: v.optional(integer(1, 100_000, "The 1-based application message.")),
  attempt: v.optional(
    integer(1, 1000, "The attempt-th time this packet is sent for this message on this hop."),
  ),
  dropped: v.optional(flag("Whether the packet was lost.")),
  resend: v.optional(flag("Whether the packet is sent again.")),
  dup: v.optional(flag("The PUBLISH's DUP flag.")),
  count: v.optional(integer(1, 100_000, "A deliver event's count (its n-th delivery at that party).")),
  nth: v.optional(integer(1, 100_000, "1-based: the n-th matching event in trace order; default 1.")),
});

export const EVENT_MATCH_FIELDS = Object.keys(EventMatchObject.entries);

export const EventMatchSchema = v.pipe(
  plainObject(EventMatchObject, `an object of trace event fields { "packet": "PUBREC", "dropped": true, … }`),
  v.check(
    (match) => Object.keys(match).some((key) => key !== "nth"),
    "expected at least one field of a trace event (such as packet, hop, dropped)",
  ),
  v.description(
    'A trace event: every field given must be equal (type defaults to "packet" when packet is given); nth picks the n-th match.',
  ),
);

// ---------------------------------------------------------------------------------------------
// Questions

const messageField = v.optional(
  integer(1, 100_000, "The 1-based message asked about; default: the first lost packet's message."),
);

const ProcessedQuestion = objectOf({
  ask: literalString("processed"),
  message: messageField,
});
const HandOnQuestion = objectOf({ ask: literalString("hand-on") });
const NextResendQuestion = objectOf({ ask: literalString("next-resend") });
const HolderQuestion = objectOf({ ask: literalString("holder"), message: messageField });
const QosNeededQuestion = objectOf({
  ask: literalString("qos-needed"),
  need: oneOfStrings(NEEDS, "Every message processed exactly once, or at least once."),
});

const QUESTION_OBJECTS = {
  processed: ProcessedQuestion,
  "hand-on": HandOnQuestion,
  "next-resend": NextResendQuestion,
  holder: HolderQuestion,
  "qos-needed": QosNeededQuestion,
} as const satisfies Record<(typeof QUESTION_ASKS)[number], v.GenericSchema>;

const QUESTION_SHAPE = `an object { "ask": ${QUESTION_ASKS.map((a) => `"${a}"`).join(" | ")}, … }`;

const questionSchemas = Object.values(QUESTION_OBJECTS).map((object) => plainObject(object, QUESTION_SHAPE));

const AskOnly = plainObject(
  objectOf({ ask: oneOfStrings(QUESTION_ASKS, "What the question asks.") }),
  QUESTION_SHAPE,
);

export const QuestionForms = v.pipe(
  v.union(questionSchemas),
  v.description("What the room is asked; the answer is computed from the simulator, never written here."),
);

/** The form is picked by `ask`, so that a problem is named in its field, not as a failed union. */
export const QuestionSchema = expects(
  v.lazy((input) => {
    if (input === undefined) return QuestionForms;
    const ask = isPlainObject(input) && Object.hasOwn(input, "ask") ? input["ask"] : undefined;
    return typeof ask === "string" && Object.hasOwn(QUESTION_OBJECTS, ask)
      ? plainObject(QUESTION_OBJECTS[ask as keyof typeof QUESTION_OBJECTS], QUESTION_SHAPE)
      : AskOnly;
  }),
  QUESTION_SHAPE,
) as unknown as typeof QuestionForms;

// ---------------------------------------------------------------------------------------------
// Goal, may, solution

const Range = plainObject(
  objectOf({
    min: v.optional(integer(0, 100_000, "At least this many.")),
    max: v.optional(integer(0, 100_000, "At most this many.")),
  }),
  `an object { "min": …, "max": … }`,
);

function range(description: string) {
  return v.pipe(
    Range,
    v.check(
      (r) => r.min === undefined || r.max === undefined || r.min <= r.max,
      (issue) => expected("min <= max", issue.input),
    ),
    v.check((r) => r.min !== undefined || r.max !== undefined, `expected "min", "max" or both`),
    v.description(description),
  );
}

const DropsObject = objectOf({
  min: v.optional(integer(0, 1000, "The learner drops at least this many packets.")),
  max: v.optional(integer(0, 1000, "The learner drops at most this many packets.")),
  packets: v.optional(
    uniqueList(oneOfStrings(PACKET_TYPES, "A packet type."), 1, PACKET_TYPES.length, "packet types"),
  ),
  hops: v.optional(uniqueList(oneOfStrings(HOPS, "A hop."), 1, HOPS.length, "hops")),
});

const GoalObject = objectOf({
  message: v.optional(integer(1, 100_000, "The message the goal is about; default 1."), 1),
  verdict: v.optional(oneOfStrings(VERDICTS, "The message's verdict at the final receiver.")),
  deliveries: v.optional(range("How many times the final receiver gets the message.")),
  processed: v.optional(range("How many times the final receiver's application processes it.")),
  drops: v.optional(
    v.pipe(
      plainObject(DropsObject, `an object { "min": …, "max": …, "packets": […], "hops": […] }`),
      v.check(
        (d) => d.min === undefined || d.max === undefined || d.min <= d.max,
        (issue) => expected("min <= max", issue.input),
      ),
      v.description("The packets the learner drops (faults added to the start scenario that lose a packet)."),
    ),
  ),
});

const GoalSchema = v.pipe(
  plainObject(GoalObject, `an object { "verdict": …, "deliveries": …, "processed": …, "drops": … }`),
  v.check(
    (g) => g.verdict !== undefined || g.deliveries !== undefined || g.processed !== undefined,
    'expected at least one outcome constraint: "verdict", "deliveries" or "processed"',
  ),
  v.description("What the learner's scenario must do; every constraint given must hold."),
);

const MaySchema = v.pipe(
  uniqueList(oneOfStrings(MAY_CHANGE, "A control the learner may use."), 1, MAY_CHANGE.length, "controls"),
  v.description('What the learner may change; default ["drop"]; everything else is locked.'),
);

/**
 * A solution's `set`: scenario fields, by the names of `may`. Their values are checked by the
 * scenario parser once applied to the step's scenario (solutionScenario).
 */
const SetObject = objectOf({
  publishQos: v.optional(oneOfNumbers(QOS_LEVELS, "QoS of the publisher's PUBLISH.")),
  subscriberQos: v.optional(
    oneOfNumbers(QOS_LEVELS, "QoS granted to the subscription (adds the second hop when absent)."),
  ),
  session: v.optional(
    v.union(
      [
        oneOfStrings(SESSION_KINDS, "Both clients' session kind."),
        plainObject(
          objectOf({
            publisher: v.optional(oneOfStrings(SESSION_KINDS, "The publisher's session kind.")),
            subscriber: v.optional(oneOfStrings(SESSION_KINDS, "The subscriber's session kind.")),
          }),
          `an object { "publisher": …, "subscriber": … }`,
        ),
      ],
      (issue) =>
        expected(
          `one of ${SESSION_KINDS.join(", ")}, or an object { "publisher": …, "subscriber": … }`,
          issue.input,
        ),
    ),
  ),
  protocol: v.optional(oneOfStrings(PROTOCOLS, "MQTT protocol version.")),
  retransmit: v.optional(oneOfStrings(RETRANSMIT_MODES, "When a sender resends.")),
  qos2Delivery: v.optional(
    plainObject(
      objectOf({
        broker: v.optional(oneOfStrings(QOS2_DELIVERIES, "When the broker hands a QoS 2 message on.")),
        subscriber: v.optional(
          oneOfStrings(QOS2_DELIVERIES, "When the subscriber hands a QoS 2 message on."),
        ),
      }),
      `an object { "broker": …, "subscriber": … }`,
    ),
  ),
  dedupe: v.optional(flag("The subscribing application ignores a message it already processed.")),
});

/** A step's scenario: any value here; the scenario parser checks it with its own messages. */
export const ScenarioValue = v.custom<Scenario>(() => true);
const ScenarioField = v.pipe(
  ScenarioValue,
  v.description("A scenario in the public format (scenario.schema.json); absent: the previous step's."),
);

/** A fault of the solution: read by the scenario parser (as the solution scenario's faults). */
export const FaultValue = v.custom<Scenario["faults"][number]>(() => true);

const SolutionObject = objectOf({
  faults: v.pipe(
    list(FaultValue, 0, 1000),
    v.description("The faults of the solution (replacing the start's)."),
  ),
  set: v.optional(
    v.pipe(
      plainObject(SetObject, `an object of scenario fields named in "may"`),
      v.description('Scenario fields the solution changes; only fields named in "may".'),
    ),
  ),
});

// ---------------------------------------------------------------------------------------------
// Steps

const common = {
  id: v.optional(v.pipe(Id, v.description("Optional: a name for this step, unique in the lesson."))),
  title: v.optional(v.pipe(Text, v.description("A short heading for the step."))),
};

const scenarioField = v.optional(ScenarioField);
const compareField = v.optional(
  v.pipe(
    v.string((issue) => expected('a string such as "0,1,2", "1,1-clean" or "qos"', issue.input)),
    v.description('Compare mode over the scenario: as the link parameter ("0,1,2", "1,1-clean", "qos").'),
  ),
);
const textField = v.pipe(Text, v.description("Shown above the diagram."));
const assessedField = v.optional(flag("Counts in the lesson's check of understanding; default true."), true);

const BeatObject = objectOf({
  text: Text,
  until: v.optional(
    v.pipe(EventMatchSchema, v.description("Play up to the first trace event matching this, then pause.")),
  ),
});

const ShowObject = objectOf({
  kind: literalString("show"),
  ...common,
  scenario: scenarioField,
  compare: compareField,
  text: textField,
  narration: v.optional(
    v.pipe(
      list(plainObject(BeatObject, `an object { "text": …, "until": … }`), 1, MAX_BEATS),
      v.description("Beats shown in turn under the diagram."),
    ),
  ),
});

const PredictObject = objectOf({
  kind: literalString("predict"),
  ...common,
  scenario: scenarioField,
  text: textField,
  question: QuestionSchema,
  stopAt: v.optional(
    v.pipe(
      EventMatchSchema,
      v.description("Where playback stops to ask; default: before the decisive instant."),
    ),
  ),
  reveal: v.optional(v.pipe(Text, v.description("Shown beside the computed answer once it is revealed."))),
  assessed: assessedField,
});

const TaskObject = objectOf({
  kind: literalString("task"),
  ...common,
  scenario: scenarioField,
  text: v.pipe(Text, v.description("The goal in words.")),
  goal: GoalSchema,
  may: v.optional(MaySchema, () => ["drop" as const]),
  hint: v.pipe(Text, v.description("A hint for a learner who is stuck.")),
  solution: v.pipe(
    plainObject(SolutionObject, `an object { "faults": […], "set": {…} }`),
    v.description('Plays on "Show solution": the start scenario with these faults and fields.'),
  ),
  assessed: assessedField,
});

const StatisticsObject = objectOf({
  lossPercent: between(0, MAX_LOSS_PERCENT, "Probability that any one transmission is lost, in percent."),
  messages: integer(1, MAX_STATISTICS_MESSAGES, "How many messages to simulate."),
  seed: integer(0, 2 ** 31 - 1, "Seed of the random losses."),
});

const ExplainObject = objectOf({
  kind: literalString("explain"),
  ...common,
  text: Text,
  spec: v.optional(
    v.pipe(
      uniqueList(
        v.pipe(
          v.string((issue) => expected("a statement id such as MQTT-4.3.3-2", issue.input)),
          v.regex(SPEC_ID_PATTERN, (issue) => expected("a statement id such as MQTT-4.3.3-2", issue.input)),
        ),
        1,
        20,
        "statement ids",
      ),
      v.description("Statement ids of the MQTT specification this step rests on."),
    ),
  ),
  scenario: scenarioField,
  statistics: v.optional(
    v.pipe(
      plainObject(StatisticsObject, `an object { "lossPercent": …, "messages": …, "seed": … }`),
      v.description("Figures computed by src/stats for the step's scenario at QoS 0, 1 and 2."),
    ),
  ),
});

const STEP_OBJECTS = {
  show: ShowObject,
  predict: PredictObject,
  task: TaskObject,
  explain: ExplainObject,
} as const satisfies Record<(typeof STEP_KINDS)[number], v.GenericSchema>;

const STEP_SHAPE = `an object { "kind": ${STEP_KINDS.map((k) => `"${k}"`).join(" | ")}, … }`;
const KindOnly = plainObject(objectOf({ kind: oneOfStrings(STEP_KINDS, "The kind of step.") }), STEP_SHAPE);

export const StepForms = v.pipe(
  v.union(Object.values(STEP_OBJECTS).map((object) => plainObject(object, STEP_SHAPE))),
  v.description("One step of the lesson: show, predict, task (your turn) or explain."),
);

/** The form is picked by `kind`, so that a problem is named in its field, not as a failed union. */
export const StepSchema = v.lazy((input) => {
  if (input === undefined) return StepForms;
  const kind = isPlainObject(input) && Object.hasOwn(input, "kind") ? input["kind"] : undefined;
  return typeof kind === "string" && Object.hasOwn(STEP_OBJECTS, kind)
    ? plainObject(STEP_OBJECTS[kind as keyof typeof STEP_OBJECTS], STEP_SHAPE)
    : KindOnly;
}) as unknown as typeof StepForms;

// ---------------------------------------------------------------------------------------------
// Lesson and course

const schemaField = v.optional(
  v.pipe(
    v.string((issue) => expected("a string (the URL of this JSON Schema)", issue.input)),
    v.description("The JSON Schema of this file, for editors; ignored."),
  ),
);

export const LessonObject = objectOf({
  $schema: schemaField,
  lesson: literalNumber(LESSON_FORMAT, "The lesson format's version: 1."),
  id: v.pipe(Id, v.description("Lower-case words joined by hyphens; the file is named <id>.json.")),
  title: v.pipe(Text, v.description("The lesson's title.")),
  audience: v.pipe(Text, v.description("Who it is for, in one line.")),
  minutes: integer(1, MAX_MINUTES, "The trainer's time for the lesson, in minutes."),
  summary: v.pipe(Text, v.description("One paragraph for the course page.")),
  steps: v.pipe(list(StepSchema, 1, MAX_STEPS), v.description("The steps, in order.")),
});

export const LessonSchema = v.pipe(
  plainObject(LessonObject, "a JSON object"),
  v.transform(withoutSchemaKey),
  v.title("MQTT QoS Lab lesson"),
  v.description(
    "One lesson of the course: steps that show, ask (answers computed by the simulator), set a task, and explain.",
  ),
);

export const CourseObject = objectOf({
  $schema: schemaField,
  course: literalNumber(COURSE_FORMAT, "The course format's version: 1."),
  title: v.pipe(Text, v.description("The course's title.")),
  summary: v.pipe(Text, v.description("One paragraph for the course page.")),
  lessons: v.pipe(
    uniqueList(Id, 1, MAX_LESSONS, "lesson ids"),
    v.description("The lesson ids, in the course's order; each is lessons/<id>.json."),
  ),
});

export const CourseSchema = v.pipe(
  plainObject(CourseObject, "a JSON object"),
  v.transform(withoutSchemaKey),
  v.title("MQTT QoS Lab course"),
  v.description("The order of the shipped lessons."),
);

// ---------------------------------------------------------------------------------------------
// Types, from the schema

/** Markdown (English), or Markdown per locale with "en" required. */
export type Text = string | Record<string, string>;
export type EventMatch = v.InferOutput<typeof EventMatchObject>;
export type Question =
  | v.InferOutput<typeof ProcessedQuestion>
  | v.InferOutput<typeof HandOnQuestion>
  | v.InferOutput<typeof NextResendQuestion>
  | v.InferOutput<typeof HolderQuestion>
  | v.InferOutput<typeof QosNeededQuestion>;
export type QuestionAsk = Question["ask"];
export type Goal = v.InferOutput<typeof GoalObject>;
export type GoalRange = v.InferOutput<typeof Range>;
export type MayChange = (typeof MAY_CHANGE)[number];
export type SolutionSet = v.InferOutput<typeof SetObject>;
export type Solution = v.InferOutput<typeof SolutionObject>;
export type Beat = v.InferOutput<typeof BeatObject>;
export type Statistics = v.InferOutput<typeof StatisticsObject>;

/** Each step's Text fields typed as Text (valibot infers the lazy schema loosely). */
type WithText<T, K extends keyof T> = Omit<T, K> & {
  [P in K]: undefined extends T[P] ? Text | undefined : Text;
};

export type ShowStep = Omit<WithText<v.InferOutput<typeof ShowObject>, "text" | "title">, "narration"> & {
  narration?: Beat[] | undefined;
};
export type PredictStep = Omit<
  WithText<v.InferOutput<typeof PredictObject>, "text" | "title" | "reveal">,
  "question"
> & { question: Question };
export type TaskStep = WithText<v.InferOutput<typeof TaskObject>, "text" | "title" | "hint">;
export type ExplainStep = WithText<v.InferOutput<typeof ExplainObject>, "text" | "title">;
export type LessonStep = ShowStep | PredictStep | TaskStep | ExplainStep;
export type StepKind = LessonStep["kind"];

export type Lesson = Omit<
  v.InferOutput<typeof LessonObject>,
  "$schema" | "steps" | "title" | "audience" | "summary"
> & {
  title: Text;
  audience: Text;
  summary: Text;
  steps: LessonStep[];
};

export type Course = Omit<v.InferOutput<typeof CourseObject>, "$schema" | "title" | "summary"> & {
  title: Text;
  summary: Text;
};

// ---------------------------------------------------------------------------------------------
// Known keys, for lessonKeys.ts ("did you mean")

const keysOf = (object: { entries: v.ObjectEntries }): readonly string[] => Object.keys(object.entries);

/** The known keys of each object of the format, by where it sits (step kinds and asks by name). */
export const LESSON_KEYS = {
  lesson: keysOf(LessonObject),
  course: keysOf(CourseObject),
  steps: {
    show: keysOf(ShowObject),
    predict: keysOf(PredictObject),
    task: keysOf(TaskObject),
    explain: keysOf(ExplainObject),
  },
  questions: {
    processed: keysOf(ProcessedQuestion),
    "hand-on": keysOf(HandOnQuestion),
    "next-resend": keysOf(NextResendQuestion),
    holder: keysOf(HolderQuestion),
    "qos-needed": keysOf(QosNeededQuestion),
  },
  eventMatch: keysOf(EventMatchObject),
  beat: keysOf(BeatObject),
  goal: keysOf(GoalObject),
  range: ["min", "max"],
  drops: keysOf(DropsObject),
  solution: keysOf(SolutionObject),
  set: keysOf(SetObject),
  statistics: keysOf(StatisticsObject),
} as const;
